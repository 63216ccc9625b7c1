/**
 * This build's engine against another build's, on the same file: issue #22's target is that
 * with its rules on, the engine's time per 1,000 rows at 100,000 rows is no more than 10 % above
 * the engine's before them. Set OUTTURN_BENCH_BASELINE to the root of the other build (a folder
 * with its dist/), for example the commit before #22 built in a worktree:
 *
 *   git worktree add ../outturn-before-22 b191787^1
 *   ln -s "$PWD/node_modules" ../outturn-before-22/node_modules
 *   (cd ../outturn-before-22 && npx tsc -p tsconfig.cli.json)
 *   OUTTURN_BENCH_BASELINE=../outturn-before-22 OUTTURN_BENCH_SIZES=100000 npm run bench
 *
 * Each round runs both engines at once (bench/engine-time.ts, each in its own process), each
 * pinned to its own core with taskset and the cores swapped every round, so that a busy moment
 * of a shared machine, or a slower core, falls on both alike; the result is the median of the
 * rounds' ratios. Without taskset or a second core, the two run one after the other, in
 * alternating order.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { median } from './stats';

export interface BaselineCost {
  rounds: number;
  /** Median over rounds of each engine's median CPU ms a check. */
  thisCpuMs: number;
  baselineCpuMs: number;
  /** Median of the rounds' this / baseline. */
  ratio: number;
  /** Whether the two ran at once on two pinned cores. */
  paired: boolean;
}

const THIS_ROOT = path.resolve(__dirname, '..', '..');

function canPin(): boolean {
  return os.cpus().length >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

/** One engine's median CPU ms on the file, in its own process (pinned to `core` when given). */
function timeIn(root: string, file: string, checks: number, today: string, core: number | null): Promise<number> {
  const script = path.join(THIS_ROOT, 'dist', 'bench', 'engine-time.js');
  const args = ['--expose-gc', script, root, file, String(checks), today];
  const [cmd, argv] =
    core === null ? [process.execPath, args] : ['taskset', ['-c', String(core), process.execPath, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Number(out.trim())) : reject(new Error(`engine-time ${root}: ${err.trim() || code}`)),
    );
  });
}

export async function baselineCost(
  baselineRoot: string,
  file: string,
  rounds: number,
  today: string,
  checks = 5,
): Promise<BaselineCost> {
  const paired = canPin();
  const mine: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const swap = i % 2 === 1;
    if (paired) {
      const [a, b] = await Promise.all([
        timeIn(THIS_ROOT, file, checks, today, swap ? 1 : 0),
        timeIn(baselineRoot, file, checks, today, swap ? 0 : 1),
      ]);
      mine.push(a);
      theirs.push(b);
    } else if (swap) {
      theirs.push(await timeIn(baselineRoot, file, checks, today, null));
      mine.push(await timeIn(THIS_ROOT, file, checks, today, null));
    } else {
      mine.push(await timeIn(THIS_ROOT, file, checks, today, null));
      theirs.push(await timeIn(baselineRoot, file, checks, today, null));
    }
  }
  return {
    rounds,
    thisCpuMs: median(mine),
    baselineCpuMs: median(theirs),
    ratio: median(mine.map((m, i) => m / theirs[i])),
    paired,
  };
}
