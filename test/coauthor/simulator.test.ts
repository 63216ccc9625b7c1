import { createCoauthoring } from '../../src/simulator/coauthor';
import type { WorkbookInput } from '../../src/simulator';

const input = (): WorkbookInput => ({
  sheets: [
    {
      name: 'Return',
      cells: [
        ['Ref', 'Apr'],
        ['PI 1', 0.5],
      ],
    },
  ],
});

type Ctx = Excel.RequestContext;
const write = (run: (b: (c: Ctx) => Promise<void>) => Promise<void>, address: string, value: unknown) =>
  run(async (context) => {
    context.workbook.worksheets.getItem('Return').getRange(address).values = [[value as string]];
    await context.sync();
  });

describe('co-authoring simulator', () => {
  test("a client's write reaches the others only after the delay, and fires onChanged with source Remote", async () => {
    const co = createCoauthoring(input(), { clients: 3, delay: () => 5 });
    const seen: { source: string; address: string }[] = [];
    await co.run(1)(async (context) => {
      context.workbook.worksheets.getItem('Return').onChanged.add(async (e) => {
        seen.push({ source: e.source, address: e.address });
      });
      await context.sync();
    });
    await write(co.run(0), 'B2', 0.75);
    expect(co.clients[0].sheet('Return').rows[1][1]?.value).toBe(0.75);
    expect(co.clients[1].sheet('Return').rows[1][1]?.value).toBe(0.5);
    await co.advance(5); // reached the server, not yet client 1
    expect(co.clients[1].sheet('Return').rows[1][1]?.value).toBe(0.5);
    await co.advance(5);
    expect(co.clients[1].sheet('Return').rows[1][1]?.value).toBe(0.75);
    expect(co.clients[2].sheet('Return').rows[1][1]?.value).toBe(0.75);
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toContainEqual({ source: 'Remote', address: 'B2' });
  });

  test('two writes to one cell: the one the server received last wins on every client', async () => {
    // Client 0's message is slow to reach the server, so client 1's arrives first and client 0's wins.
    const co = createCoauthoring(input(), {
      clients: 2,
      delay: ({ from }) => (from === 0 ? 30 : 5),
    });
    await write(co.run(0), 'B2', 'first-sent');
    await write(co.run(1), 'B2', 'second-sent');
    await co.advance(12); // client 1's write has reached client 0; client 0's is still on its way
    expect(co.clients[0].sheet('Return').rows[1][1]?.value).toBe('first-sent'); // its own write is pending
    await co.settle();
    for (const c of co.clients) expect(c.sheet('Return').rows[1][1]?.value).toBe('first-sent');
  });

  test('new sheets and defined names travel too; concurrent new sheets of one name merge', async () => {
    const co = createCoauthoring(input(), { clients: 2 });
    for (const i of [0, 1]) {
      await co.run(i)(async (context) => {
        const s = context.workbook.worksheets.add('Log');
        s.getRange(i === 0 ? 'A1' : 'A2').values = [[`from ${i}`]];
        s.visibility = 'VeryHidden';
        if (i === 0) context.workbook.names.add('Head', '="1:x"');
        await context.sync();
      });
    }
    await co.settle();
    for (const c of co.clients) {
      expect(c.sheet('Log').visibility).toBe('VeryHidden');
      expect(c.sheet('Log').rows.map((r) => r[0]?.value)).toEqual(['from 0', 'from 1']);
      expect(c.workbook.names.map((n) => n.name)).toContain('Head');
    }
  });
});
