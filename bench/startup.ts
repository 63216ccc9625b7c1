/**
 * `outturn check` of one typical return, end to end, process start included (issue #25: under
 * 150 ms on this machine). Three launchers timed in turn, 20 runs each, interleaved so a busy
 * moment of the machine falls on all three alike:
 * - the command as shipped: bin/outturn.js, the bundle with V8's code cache (scripts/bundle-cli.js);
 * - the same command loaded module by module from dist/src, as before the bundle;
 * - a bare `node -e 0`: the floor no command can go under.
 *
 *   npm run build:cli && node dist/bench/startup.js
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeBenchWorkbook } from './generate';
import { median } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.OUTTURN_STARTUP_RUNS ?? 20);

function timeOnce(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return performance.now() - t0;
}

export async function benchStartup(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-startup-'));
  try {
    const modular = path.join(dir, 'modular.js');
    // The launcher as it was before the bundle: the same V8 settings, then dist/src module by module.
    fs.writeFileSync(
      modular,
      `require(${JSON.stringify(path.join(ROOT, 'bin/v8-settings.js'))}).applyV8Settings();
const { main } = require(${JSON.stringify(path.join(ROOT, 'dist/src/cli/main.js'))});
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n`,
    );
    const lines: string[] = [];
    for (const rows of [50, 2000]) {
      const file = path.join(dir, `return-${rows}.xlsx`);
      await writeBenchWorkbook(file, rows);
      const check = ['check', file, '--as-of', '2018-04-20'];
      const launchers: [string, string[]][] = [
        ['`outturn check` (bin/outturn.js: bundle + code cache)', [path.join(ROOT, 'bin/outturn.js'), ...check]],
        ['`outturn check` loaded module by module (before)', [modular, ...check]],
        ['`node -e 0`', ['-e', '0']],
      ];
      const times = launchers.map(() => [] as number[]);
      for (let i = 0; i < RUNS; i++) launchers.forEach(([, args], k) => times[k].push(timeOnce(args)));
      launchers.forEach(([name], k) =>
        lines.push(
          `| ${rows.toLocaleString('en-GB')} | ${name} | ${median(times[k]).toFixed(0)} | ${Math.min(...times[k]).toFixed(0)} |`,
        ),
      );
    }
    const load = os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    return [
      `### One return, process start included (bench/startup.ts, ${RUNS} runs each, interleaved; load after: ${load})`,
      '',
      '| Indicator rows | Launcher | Median ms | Fastest ms |',
      '| ---: | --- | ---: | ---: |',
      ...lines,
    ].join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void benchStartup().then((text) => process.stdout.write(`${text}\n`));
