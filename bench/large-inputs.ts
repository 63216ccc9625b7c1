/**
 * Large inputs (issue #12): `outturn check` on CSV returns of 1M and 3M rows, and a 100 MB
 * one-line CSV, run as a user runs them (the built command in a child process), with the
 * child's wall time, peak resident memory (its VmHWM, reported by the child at exit)
 * and exit status. Targets: 1M rows under 500 MB peak; 3M rows and the one-line file end
 * with one sentence (exit 2), never a crash.
 *
 *   npm run build:cli && node dist/bench/large-inputs.js [rows …]      (default: 1000000 3000000)
 *
 * Each size is also read alone (loadWorkbook, no check) in its own child, which reports its
 * heap after a full GC and its peak: the reader's share of the whole run.
 *
 * Not part of the unit suite: each run writes up to ~450 MB of CSV to the temporary folder.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BENCH_HEADERS, BENCH_MONTHS } from './generate';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'outturn.js');

/**
 * A deterministic CSV return in the benchmark workbook's shape (21 columns, 1 % deliberate
 * mistakes). `percentsAsText`: every percentage written "83.4 %", text to Excel, as a
 * mangled export has them: a finding in each of 15 cells of every other row.
 */
export async function writeCsv(file: string, rows: number, percentsAsText = false): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(
    `Corporate performance indicators 2017/18\r\nResults up to March 2018\r\n\r\n${BENCH_HEADERS.join(',')}\r\n`,
  );
  const officers = ['Sarah Khan', 'David Lee', 'Priya Patel', 'Tom Baxter', 'Rachel Adams', 'Jim Worley'];
  let seed = 20170731;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
  let block = '';
  for (let i = 0; i < rows; i++) {
    const pct = i % 2 === 0;
    const base = pct ? 0.6 + rnd() * 0.35 : Math.round(50 + rnd() * 400);
    const values = BENCH_MONTHS.map(() =>
      pct ? Math.round((base + (rnd() - 0.5) * 0.04) * 1000) / 1000 : Math.round(base * (0.95 + rnd() * 0.1)),
    );
    const months = values.map((v) => (pct ? `${(v * 100).toFixed(1)}%` : String(v)));
    if (i % 97 === 41) months[5] = `"${months[5].replace('%', ' %')}"`; // a number typed as text: a finding
    const sum = values.reduce((a, b) => a + b, 0);
    const ytdValue = pct ? Math.round((sum / 12) * 1000) / 1000 : sum;
    const ytd = pct ? `${(ytdValue * 100).toFixed(1)}%` : String(ytdValue);
    const target = pct ? `${(ytdValue * 100 + 2).toFixed(1)}%` : String(Math.round(ytdValue * 1.02) + 1);
    const floor = pct ? `${(ytdValue * 100 - 6).toFixed(1)}%` : String(Math.round(ytdValue * 0.9));
    const rag = i % 97 === 13 ? 'RED' : 'AMBER'; // between target and floor: AMBER; RED is a deliberate mistake
    const line = `PI ${String(i + 1).padStart(7, '0')},${pct ? '% of' : 'Number of'} service requests type ${i + 1},${months.join(',')},${ytd},${target},${floor},${rag},${officers[i % 6]},${officers[(i + 3) % 6]},Recovery plan agreed\r\n`;
    block += percentsAsText ? line.replace(/(\d)%/g, '$1 %') : line;
    if (block.length > 1 << 20) {
      await write(block);
      block = '';
    }
  }
  await write(block);
  await new Promise<void>((r) => out.end(r));
  return fs.statSync(file).size;
}

interface Measured {
  exit: number | null;
  signal: string | null;
  seconds: number;
  peakMB: number | null;
  stderr: string;
  summary: string;
}

/**
 * Printed by each child on exit: its own peak resident size, VmHWM (getrusage's maxRSS would
 * keep this process's size from before exec: bench/peak-memory.ts).
 */
const PEAK_RSS_KB_JS = String.raw`function peakRssKb() {
  try { const m = /VmHWM:\s*(\d+)\s*kB/.exec(require('fs').readFileSync('/proc/self/status', 'utf8')); if (m) return Number(m[1]); } catch (e) { /* not Linux */ }
  return process.resourceUsage().maxRSS;
}`;
const PEAK_PRELOAD = `${PEAK_RSS_KB_JS}\nprocess.on('exit', () => process.stderr.write('\\npeak-rss-kb ' + peakRssKb() + '\\n'));\n`;

/** Run the built command with a preload that prints the child's own peak RSS on exit. */
function measure(args: string[], heapMB?: number): Promise<Measured> {
  const preload = path.join(os.tmpdir(), 'outturn-peak-rss.js');
  fs.writeFileSync(preload, PEAK_PRELOAD);
  const t0 = Date.now();
  return new Promise((resolve) => {
    const nodeArgs = ['-r', preload, ...(heapMB ? [`--max-old-space-size=${heapMB}`] : []), BIN, ...args];
    const child = spawn(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => {
      if (stdout.length < 1 << 16) stdout += d;
      else stdout = stdout.slice(-4096) + String(d).slice(-4096);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (exit, signal) => {
      const m = /peak-rss-kb (\d+)/.exec(stderr);
      resolve({
        exit,
        signal,
        seconds: (Date.now() - t0) / 1000,
        peakMB: m ? Math.round(Number(m[1]) / 1024) : null,
        stderr: stderr.replace(/\n?peak-rss-kb \d+\n/, '').trim(),
        summary: /"summary":\s*(\{[^}]*\})/.exec(stdout)?.[1]?.replace(/\s+/g, '') ?? '',
      });
    });
  });
}

/** Load the CSV alone (no check) and report the heap and array buffers held after a full GC, and the peak RSS. */
function measureRead(file: string): Promise<string> {
  const load = path.join(ROOT, 'dist', 'src', 'workbook', 'load.js');
  // Array buffers are freed by a later sweep than the GC that finds them dead: wait for it.
  const script = `${PEAK_RSS_KB_JS}
const t0 = Date.now(); require(${JSON.stringify(load)}).loadWorkbook(${JSON.stringify(file)}).then((w) => {
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    global.gc(); setTimeout(() => {
      global.gc(); const m = process.memoryUsage(); const mb = (n) => Math.round(n / 2 ** 20);
      console.log(seconds + ' s, heap ' + mb(m.heapUsed) + ' MB, array buffers ' + mb(m.arrayBuffers) + ' MB, rss ' + mb(m.rss) + ' MB, peak ' + mb(peakRssKb() * 1024) + ' MB, ' + w.sheets[0].store.size + ' cells');
    }, 500);
  }, (e) => console.log('read refused, peak ' + Math.round(peakRssKb() / 1024) + ' MB: ' + (e.userMessage || e.message).replace(/^cannot read '[^']*': /, '')));`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('close', () => resolve(out.trim()));
  });
}

async function main(): Promise<void> {
  const counts = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-large-'));
  console.log(`node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB`);
  try {
    let typedAsText = false;
    for (const rows of counts.length ? counts : [1_000_000, 3_000_000]) {
      const file = path.join(dir, `return-${rows}.csv`);
      const bytes = await writeCsv(file, rows);
      console.log(`read ${rows.toLocaleString('en-GB')}-row CSV alone: ${await measureRead(file)}`);
      const m = await measure(['check', file, '--format', 'json']);
      console.log(
        `check ${rows.toLocaleString('en-GB')}-row CSV (${Math.round(bytes / 2 ** 20)} MB): exit ${m.exit}${m.signal ? ` (${m.signal})` : ''}, ${m.seconds.toFixed(1)} s, peak ${m.peakMB} MB ${m.summary}${m.stderr ? `; stderr: ${m.stderr.split('\n')[0]}` : ''}`,
      );
      fs.rmSync(file);
      if (rows <= 1_048_576 && !typedAsText) {
        // The same return with every percentage typed as text: millions of findings.
        typedAsText = true;
        const text = path.join(dir, `return-${rows}-text.csv`);
        const size = await writeCsv(text, rows, true);
        const t = await measure(['check', text, '--format', 'json']);
        console.log(
          `check ${rows.toLocaleString('en-GB')}-row CSV, percentages typed as text (${Math.round(size / 2 ** 20)} MB): exit ${t.exit}${t.signal ? ` (${t.signal})` : ''}, ${t.seconds.toFixed(1)} s, peak ${t.peakMB} MB ${t.summary}${t.stderr ? `; stderr: ${t.stderr.split('\n')[0].slice(0, 300)}` : ''}`,
        );
        fs.rmSync(text);
      }
    }
    const oneLine = path.join(dir, 'one-line.csv');
    const out = fs.openSync(oneLine, 'w');
    const piece = Buffer.from('12,'.repeat(1 << 18));
    for (let written = 0; written < 100 * 2 ** 20; written += piece.length) fs.writeSync(out, piece);
    fs.closeSync(out);
    const m = await measure(['check', oneLine]);
    console.log(
      `check 100 MB one-line CSV: exit ${m.exit}, ${m.seconds.toFixed(1)} s, peak ${m.peakMB} MB; stderr: ${m.stderr.split('\n')[0]}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
