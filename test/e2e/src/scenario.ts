/**
 * The end-to-end scenario, run inside Excel by the e2e task pane (./e2e-taskpane.ts) and,
 * in jest, against the simulator (../scenario.test.ts): a small return is written to a new
 * sheet, then Check → marks → Check again with a user's own conditional format on the
 * sheet → Clear marks → rename the sheet → Check → correct the figure → sign three times →
 * verify the trail; given a second window on the same workbook, two appends at the same moment. Each step is reported as it finishes, with what it saw. It uses the
 * add-in's own code (src/excel, src/taskpane/run-check, src/signoff) and plain Office.js
 * for the set-up and for looking at the sheet independently of the adapter.
 */
import { checkWorkbook } from '../../../src/engine';
import { createOfficeHost } from '../../../src/excel';
import { loadConfig, checkInPane } from '../../../src/taskpane/run-check';
import { recordCheckRun } from '../../../src/taskpane/signoff/record-check';
import { snapshotFigures, trailStore } from '../../../src/taskpane/signoff/trail-client';
import { appendWithRetry, confirmRecorded, verifyTrail } from '../../../src/signoff/trail';
import { OfficeTrailStore } from '../../../src/excel/trail-office';
import { checkDraft, prepareSignature } from '../../../src/signoff/rules';
import { signOffState, fullySigned } from '../../../src/signoff/state';
import { figuresResolver } from '../../../src/signoff/summary';
import type { SignRole } from '../../../src/signoff/roles';

export interface StepResult {
  /** As office-addin-test-helpers' results: a name and a value per test. */
  Name: string;
  Value: 'pass' | 'fail';
  Detail: string;
}

export const SHEET = 'E2E Return';
export const RENAMED = 'E2E Return (renamed)';
export const AS_OF = '2017-08-21';
const MARK = /outturn:(error|warning)/;

const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
const SUBMITTED = serial('2017-08-07');

/** The return: title lines, a header row at A3, three indicators; PI 3's RAG says GREEN where 43% against 45% / 40% is AMBER. */
export const GRID: (string | number)[][] = [
  ['Corporate performance', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  ['Results up to July 2017', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  [
    'Ref',
    'Indicator description',
    'Service area',
    'Polarity',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Target',
    'Floor Standard',
    'RAG',
    'DoT',
    'Compiling officer',
    'Responsible officer',
    'Head of service',
    'Commentary',
    'Date submitted',
    'Data source',
  ],
  [
    'PI 1',
    'Percentage of calls answered within 20 seconds',
    'Customer Services',
    'Higher is better',
    0.93,
    0.94,
    0.95,
    0.96,
    0.95,
    0.9,
    'GREEN',
    '↑',
    'Alan Pritchard',
    'Dawn Garton',
    'Keith Aubrey',
    'On target.',
    SUBMITTED,
    'Telephony system',
  ],
  [
    'PI 2',
    'Average days to process new benefit claims',
    'Revenues and Benefits',
    'Lower is better',
    12,
    11,
    10,
    9,
    10,
    14,
    'GREEN',
    '↑',
    'Sarah Jones',
    'Dawn Garton',
    'Keith Aubrey',
    'Better than target.',
    SUBMITTED,
    'Benefits system',
  ],
  [
    'PI 3',
    'Percentage of household waste recycled',
    'Environment',
    'Higher is better',
    0.4,
    0.41,
    0.42,
    0.43,
    0.45,
    0.4,
    'GREEN',
    '↑',
    'Mark Selby',
    'Dawn Garton',
    'Keith Aubrey',
    'Below target: the new garden-waste round starts in September.',
    SUBMITTED,
    'Waste data flow',
  ],
];
const FORMATS = GRID.map((row, r) =>
  row.map((v, c) =>
    r >= 3 && typeof v === 'number' ? (c === 16 ? 'dd/mm/yyyy' : c >= 4 && c <= 9 && v < 1 ? '0%' : '0') : 'General',
  ),
);
/** PI 3's stated RAG, K6. */
const PI3_RAG = { row: 5, col: 10 };

const SIGNERS: { role: SignRole; name: string }[] = [
  { role: 'compiler', name: 'Mark Selby' },
  { role: 'responsible-officer', name: 'Dawn Garton' },
  { role: 'head-of-service', name: 'Keith Aubrey' },
];

/** The sheet's conditional formats as Excel lists them: how many are Outturn's marks and how many are the user's. */
async function formatsOn(sheet: string): Promise<{ marks: number; others: number }> {
  return Excel.run(async (ctx) => {
    const cfs = ctx.workbook.worksheets.getItem(sheet).getRange().conditionalFormats;
    cfs.load('items/type');
    await ctx.sync();
    const custom = cfs.items
      .filter((cf) => cf.type === Excel.ConditionalFormatType.custom)
      .map((cf) => {
        const rule = cf.custom.rule;
        rule.load('formula');
        return rule;
      });
    await ctx.sync();
    const marks = custom.filter((r) => MARK.test(r.formula)).length;
    return { marks, others: cfs.items.length - marks };
  });
}

/**
 * A second window on the same workbook, for the co-authoring step: its own Excel.run (another
 * Excel session on the shared file), and a way to wait until both windows' changes have reached
 * each other. Inside Excel this needs the workbook open in a second session; in jest the
 * co-authoring simulator's second client.
 */
export interface CoauthorWindow {
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  /** Resolves once every change made so far has reached both windows. */
  settled: () => Promise<void>;
  /** How long a change can take between the windows (ms): the stores build only on records older than that. */
  latencyMs: number;
  /** The clock latencyMs is measured on. */
  now: () => number;
  /** Let `ms` pass on that clock. */
  wait: (ms: number) => Promise<void>;
}

export async function runScenario(
  report: (r: StepResult) => void | Promise<void>,
  coauthor?: CoauthorWindow,
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const host = createOfficeHost();
  let sheet = SHEET;

  const step = async (name: string, body: () => Promise<string>): Promise<boolean> => {
    let r: StepResult;
    try {
      r = { Name: name, Value: 'pass', Detail: await body() };
    } catch (err) {
      r = { Name: name, Value: 'fail', Detail: err instanceof Error ? err.message : String(err) };
    }
    results.push(r);
    await report(r);
    return r.Value === 'pass';
  };
  const expect = (ok: boolean, what: string) => {
    if (!ok) throw new Error(what);
  };
  const check = async () => {
    const { config } = await loadConfig(host);
    const run = await checkInPane(host, checkWorkbook, config, 'sheet', AS_OF);
    await recordCheckRun(run.snapshot, run.trail);
    return run;
  };

  const ok = await step('set up: a return on a new sheet', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add(SHEET);
      const range = ws.getRangeByIndexes(0, 0, GRID.length, GRID[0].length);
      range.numberFormat = FORMATS;
      range.values = GRID;
      ws.activate();
      await ctx.sync();
    });
    await host.saveSettings({ asOf: AS_OF, period: '2017-07' });
    return `${GRID.length - 3} indicators at A3 on '${SHEET}'`;
  });
  if (!ok) return results;

  let firstMarks = 0;
  await step('check marks the failing cells', async () => {
    const run = await check();
    const { errors } = run.snapshot.result.summary;
    const cells = run.snapshot.findings.filter((f) => f.severity === 'error').map((f) => f.cell);
    expect(
      errors >= 1 && cells.includes('K6'),
      `expected an error at K6 (PI 3's RAG), got ${errors} errors at ${cells.join(', ')}`,
    );
    const f = await formatsOn(sheet);
    firstMarks = f.marks;
    expect(
      f.marks >= 1 && !run.markError,
      `expected marks on the sheet, found ${f.marks} (${run.markError ?? 'no mark error'})`,
    );
    return `${errors} errors, ${run.snapshot.result.summary.warnings} warnings; ${f.marks} marking rules`;
  });

  await step(
    "check again with a user's own conditional format: the user's rule survives, marks are replaced not added",
    async () => {
      await Excel.run(async (ctx) => {
        const range = ctx.workbook.worksheets.getItem(sheet).getRange('E4:H6');
        // The user's own rule: percentages under 50% shaded, a formula rule like Outturn's marks.
        const cf = range.conditionalFormats.add(Excel.ConditionalFormatType.custom);
        cf.custom.rule.formula = '=AND(ISNUMBER(E4),E4<0.5)';
        cf.custom.format.fill.color = '#FFF2CC';
        await ctx.sync();
      });
      await check();
      const f = await formatsOn(sheet);
      expect(f.others === 1, `expected the user's one rule, found ${f.others}`);
      expect(f.marks === firstMarks, `expected ${firstMarks} marking rules again, found ${f.marks}`);
      return `${f.marks} marking rules, the user's rule kept`;
    },
  );

  await step('clear marks removes exactly the marks', async () => {
    const removed = await host.clearMarks();
    const f = await formatsOn(sheet);
    expect(f.marks === 0 && f.others === 1, `after clearing: ${f.marks} marks and ${f.others} other rules`);
    return `${removed} removed, the user's rule kept`;
  });

  await step('rename the sheet, then check marks it under its new name', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(sheet).name = RENAMED;
      await ctx.sync();
    });
    sheet = RENAMED;
    const run = await check();
    expect(!run.markError, `marking failed after the rename: ${run.markError}`);
    expect(
      run.snapshot.findings.some((f) => f.sheet === RENAMED && f.cell === 'K6'),
      'no finding on the renamed sheet',
    );
    const f = await formatsOn(sheet);
    expect(f.marks === firstMarks, `expected ${firstMarks} marking rules, found ${f.marks}`);
    return `${f.marks} marking rules on '${RENAMED}'`;
  });

  await step('correct the RAG and check: no errors remain', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(sheet).getRangeByIndexes(PI3_RAG.row, PI3_RAG.col, 1, 1).values = [['AMBER']];
      await ctx.sync();
    });
    const run = await check();
    const { errors, warnings } = run.snapshot.result.summary;
    expect(
      errors === 0,
      `still ${errors} errors: ${run.snapshot.findings
        .filter((x) => x.severity === 'error')
        .map((x) => `${x.cell} ${x.rule}`)
        .join('; ')}`,
    );
    return `0 errors, ${warnings} warnings`;
  });

  for (const s of SIGNERS) {
    await step(`sign as ${s.role} (${s.name})`, async () => {
      const { config } = await loadConfig(host);
      const run = await checkInPane(host, checkWorkbook, config, 'sheet', AS_OF);
      await recordCheckRun(run.snapshot, run.trail);
      const figures = snapshotFigures(run.snapshot);
      const at = new Date().toISOString();
      const out = await appendWithRetry<string[]>(trailStore(), (_t, verification) => {
        const p = prepareSignature(verification, figures, {
          role: s.role,
          identity: { name: s.name, source: 'typed' },
          statementConfirmed: true,
          bulkReason: 'Reviewed in the end-to-end run',
          at,
        });
        return p.ok ? { drafts: p.drafts } : { refusal: p.reasons.map((r) => r.message) };
      });
      expect(!('refusal' in out), `refused: ${'refusal' in out ? out.refusal.join(' ') : ''}`);
      return `signed at ${at}`;
    });
  }

  await step('verify the trail: unbroken, three current signatures', async () => {
    const trail = await trailStore().load();
    const v = verifyTrail(trail.entries, trail.head);
    expect(v.ok, `trail broken: ${v.reason}`);
    const { config } = await loadConfig(host);
    const run = await checkInPane(host, checkWorkbook, config, 'sheet', AS_OF);
    const states = signOffState(v.records, figuresResolver(run.snapshot.result, run.snapshot.sheets));
    expect(fullySigned(states), `not fully signed: ${states.map((x) => `${x.role} ${x.status}`).join(', ')}`);
    const types = v.records.map((r) => r.type);
    return `${v.records.length} records (${types.filter((t) => t === 'sign').length} signatures, ${types.filter((t) => t === 'check').length} checks), chain verified`;
  });

  if (coauthor) {
    await step(
      'two windows at once (co-authoring): both records kept, shown as concurrent, the trail verifies',
      async () => {
        await coauthor.settled();
        const { config } = await loadConfig(host);
        const run = await checkInPane(host, checkWorkbook, config, 'sheet', AS_OF);
        const figures = snapshotFigures(run.snapshot);
        const options = { spread: 24, latencyMs: coauthor.latencyMs, now: coauthor.now };
        // Rows far apart (the spread's random gap, here fixed): two co-authors appending at once write different rows.
        const here = new OfficeTrailStore({ ...options, random: () => 0.1 });
        const there = new OfficeTrailStore({ ...options, run: coauthor.run, random: () => 0.9 });
        await Promise.all([here.load(), there.load()]);
        // Long enough that both windows build on the records they have (a record younger than that is not built on).
        await coauthor.wait(4 * coauthor.latencyMs);
        const at = new Date().toISOString();
        const [a, b] = await Promise.all(
          [here, there].map((store, i) =>
            appendWithRetry(store, () => ({
              drafts: [checkDraft(figures, { name: i === 0 ? 'Mark Selby' : 'Dawn Garton', source: 'typed' }, at)],
            })),
          ),
        );
        await coauthor.settled();
        const written = [...('written' in a ? a.written : []), ...('written' in b ? b.written : [])];
        expect(written.length === 2, `only ${written.length} of the two windows' records were written`);
        for (const [name, store] of [
          ['this window', here],
          ['the second window', there],
        ] as const) {
          const { recorded, verification } = await confirmRecorded(store, written);
          expect(recorded, `${name}: ${verification.ok ? 'a record is missing' : verification.reason}`);
          expect(
            (verification.concurrent ?? []).some((c) => c.records.length >= 2),
            `${name}: the two records are not shown as made at the same moment`,
          );
        }
        return `both windows' checks kept; the trail verifies with them as concurrent records`;
      },
    );
  }

  return results;
}
