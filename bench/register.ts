/**
 * `outturn register` over a folder of generated returns (generate.ts: a monthly return of
 * about fifty indicators each, every one seeded differently, so the mistakes and figures
 * vary): how long the whole folder takes from process start, and the process's peak memory.
 *
 *   npm run build:cli && node dist/bench/register.js [COUNT=400] [--per-file N]
 *
 * The folder is kept in the system's temporary folder and reused while its count matches.
 * `--per-file N` also times `outturn check` run once per file over the first N files (today's
 * loop), for the same files, so the two can be compared in one run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeBenchWorkbook } from './generate';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'outturn.js');

async function folderOf(count: number): Promise<string> {
  const dir = path.join(os.tmpdir(), `outturn-bench-register-${count}`);
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `return-${String(i + 1).padStart(4, '0')}.xlsx`);
    if (!fs.existsSync(file)) await writeBenchWorkbook(file, 40 + (i % 21), 20170731 + i);
  }
  return dir;
}

/** Run the CLI once; wall time from spawn to exit, and the child's own peak memory (VmHWM, read by a wrapper). */
function timed(args: string[]): { ms: number; peakMB: number; code: number | null; out: number } {
  // The child reports its own high-water mark on exit: getrusage of a child is unreliable (peak-memory.ts).
  const wrapper = `process.on('exit',()=>{const m=/VmHWM:\\s*(\\d+)/.exec(require('fs').readFileSync('/proc/self/status','utf8'));process.stderr.write('\\nPEAK '+(m?Number(m[1])/1024:0)+'\\n')});process.argv=[process.argv[0],${JSON.stringify(BIN)},...${JSON.stringify(args)}];require(${JSON.stringify(BIN)});`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-e', wrapper], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  const peak = /PEAK ([\d.]+)/.exec(r.stderr ?? '');
  return { ms, peakMB: peak ? Number(peak[1]) : NaN, code: r.status, out: (r.stdout ?? '').length };
}

/** The register over `count` returns, paired with `outturn check` once per file over the first `perFile`. */
export async function benchRegister(
  count = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 400),
  perFile = process.argv.indexOf('--per-file') > 0 ? Number(process.argv[process.argv.indexOf('--per-file') + 1]) : 0,
): Promise<void> {
  const g0 = performance.now();
  const dir = await folderOf(count);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `${count} returns in ${dir} (ready in ${((performance.now() - g0) / 1000).toFixed(1)} s); load ${load}; ${os.cpus().length} cores`,
  );

  const reg = timed(['register', dir, '--format', 'json', '--as-of', '2018-04-30']);
  console.log(
    `outturn register, ${count} returns: ${(reg.ms / 1000).toFixed(2)} s (${(reg.ms / count).toFixed(1)} ms a return), peak ${reg.peakMB.toFixed(0)} MB, exit ${reg.code}, ${reg.out} bytes of JSON`,
  );
  if (perFile > 0) {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.xlsx'))
      .sort()
      .slice(0, perFile);
    let total = 0;
    let peak = 0;
    for (const f of files) {
      const r = timed(['check', path.join(dir, f), '--format', 'json', '--as-of', '2018-04-30']);
      total += r.ms;
      peak = Math.max(peak, r.peakMB);
    }
    console.log(
      `outturn check once per file, ${files.length} returns: ${(total / 1000).toFixed(2)} s (${(total / files.length).toFixed(1)} ms a return), peak ${peak.toFixed(0)} MB`,
    );
  }
}

if (require.main === module) void benchRegister();
