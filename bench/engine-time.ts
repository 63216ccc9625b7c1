/**
 * One engine's time on one file, in a process of its own (bench/baseline.ts runs two builds side
 * by side with it). Loads the file with the build's own reader, checks it once to warm up, then
 * `checks` times, and prints the median CPU milliseconds (user + system) of a check.
 *
 *   node --expose-gc dist/bench/engine-time.js <build root> <file.xlsx> [checks] [today]
 *
 * The build is named by its root (the folder holding its dist/), so an older commit built in a
 * worktree is timed by exactly the same script as this one.
 */
import * as path from 'node:path';

interface Engine {
  loadWorkbook(file: string): Promise<{ sheets: unknown[] }>;
  checkWorkbook(sheets: unknown[], config: unknown, options: { today: string }): unknown;
  DEFAULT_CONFIG: unknown;
}

function engineAt(root: string): Engine {
  const dist = path.join(path.resolve(root), 'dist', 'src');
  /* eslint-disable @typescript-eslint/no-require-imports -- the build to time is chosen at run time */
  const { loadWorkbook } = require(path.join(dist, 'workbook', 'load.js')) as Pick<Engine, 'loadWorkbook'>;
  const { checkWorkbook } = require(path.join(dist, 'engine', 'check.js')) as Pick<Engine, 'checkWorkbook'>;
  const { DEFAULT_CONFIG } = require(path.join(dist, 'engine', 'model', 'config.js')) as Pick<Engine, 'DEFAULT_CONFIG'>;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { loadWorkbook, checkWorkbook, DEFAULT_CONFIG };
}

async function engineTime(root: string, file: string, checks: number, today: string): Promise<number> {
  const engine = engineAt(root);
  const wb = await engine.loadWorkbook(file);
  const gc = (globalThis as { gc?: () => void }).gc;
  engine.checkWorkbook(wb.sheets, engine.DEFAULT_CONFIG, { today });
  const cpu: number[] = [];
  for (let i = 0; i < checks; i++) {
    gc?.();
    const c0 = process.cpuUsage();
    engine.checkWorkbook(wb.sheets, engine.DEFAULT_CONFIG, { today });
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  return cpu[cpu.length >> 1];
}

if (require.main === module) {
  const [root, file, checks = '5', today = '2018-04-20'] = process.argv.slice(2);
  engineTime(root, file, Number(checks), today).then(
    (ms) => process.stdout.write(`${ms.toFixed(1)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
