/**
 * The e2e scenario (src/scenario.ts) on the simulator: every step the real-Excel run
 * reports must pass here too, so the suite is known to be right before it meets Excel.
 */
import { createSimulator } from '../../src/simulator';
import { createCoauthoring } from '../../src/simulator/coauthor';
import { setTrailStore } from '../../src/taskpane/signoff/trail-client';
import { runScenario, type StepResult } from './src/scenario';

test('check, mark, check with a user rule, clear, rename, check, correct, sign three times, verify: every step passes', async () => {
  const sim = createSimulator({ sheets: [{ name: 'Sheet1', cells: [] }] }).install();
  setTrailStore(null);
  try {
    const seen: StepResult[] = [];
    const results = await runScenario((r) => {
      seen.push(r);
    });
    expect(seen).toEqual(results);
    const failed = results.filter((r) => r.Value !== 'pass');
    expect(failed).toEqual([]);
    expect(results.map((r) => r.Name)).toEqual([
      'set up: a return on a new sheet',
      'check marks the failing cells',
      "check again with a user's own conditional format: the user's rule survives, marks are replaced not added",
      'clear marks removes exactly the marks',
      'rename the sheet, then check marks it under its new name',
      'correct the RAG and check: no errors remain',
      'sign as compiler (Mark Selby)',
      'sign as responsible-officer (Dawn Garton)',
      'sign as head-of-service (Keith Aubrey)',
      'verify the trail: unbroken, three current signatures',
    ]);
    expect(results[results.length - 1].Detail).toMatch(/3 signatures/);
  } finally {
    sim.uninstall();
  }
});

test('the same scenario in two windows of a shared workbook (co-authoring simulator): the co-authoring step passes too', async () => {
  const co = createCoauthoring({ sheets: [{ name: 'Sheet1', cells: [] }] }, { clients: 2, delay: () => 5 });
  const sim = co.clients[0].install();
  setTrailStore(null);
  try {
    const results = await runScenario(() => undefined, {
      run: co.run(1),
      settled: () => co.settle(),
      latencyMs: 10,
      now: co.now,
      wait: (ms) => co.advance(ms),
    });
    expect(results.filter((r) => r.Value !== 'pass')).toEqual([]);
    expect(results[results.length - 1].Name).toBe(
      'two windows at once (co-authoring): both records kept, shown as concurrent, the trail verifies',
    );
  } finally {
    sim.uninstall();
  }
});
