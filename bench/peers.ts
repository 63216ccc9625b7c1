/**
 * `npm run bench`, the readers side by side: the whole `outturn check` against the
 * inflate-and-scan floor, ExcelJS (full and streaming), SheetJS and, where Debian's
 * python3-openpyxl is installed, openpyxl read-only, on the same generated returns.
 * Each reader runs in its own child process (bench/peer.ts) so its peak memory (VmHWM, bench/peak-memory.ts)
 * is its own; wall time is measured around the child, start-up included, as a user sees it.
 * Sizes: OUTTURN_PEER_SIZES (default 1000,20000,100000,300000); OUTTURN_PEER_SIZES=0 skips.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeBenchWorkbook } from './generate';
import { PYTHON_PEAK_RSS_MB } from './peak-memory';

const OPENPYXL = `${PYTHON_PEAK_RSS_MB}
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1], read_only=True, data_only=False)
cells = 0
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        cells += sum(1 for v in row if v is not None)
print('{"maxRssMB": %f, "cells": %d}' % (peak_rss_mb(), cells))
`;

interface Measure {
  ms: number;
  maxRssMB: number;
  cells: number;
}

const PYTHON = '/usr/bin/python3';

function hasOpenpyxl(): boolean {
  if (!fs.existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
}

function once(reader: string, file: string): Measure | string {
  const t0 = performance.now();
  const r =
    reader === 'openpyxl'
      ? spawnSync(PYTHON, ['-c', OPENPYXL, file], { encoding: 'utf8', maxBuffer: 1 << 20 })
      : spawnSync(process.execPath, ['--max-old-space-size=8192', path.join(__dirname, 'peer.js'), reader, file], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        });
  const ms = performance.now() - t0;
  if (r.status !== 0) return (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').pop() ?? 'failed';
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { maxRssMB: number; cells: number };
  return { ms, maxRssMB: out.maxRssMB, cells: out.cells };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export async function benchPeers(): Promise<string> {
  const sizes = (process.env.OUTTURN_PEER_SIZES ?? '1000,20000,100000,300000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
  if (sizes.length === 0) return '';
  const readers = [
    'outturn',
    'floor',
    'exceljs-full',
    'exceljs-stream',
    'sheetjs',
    ...(hasOpenpyxl() ? ['openpyxl'] : []),
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-peers-'));
  const rows: { size: number; mb: number; results: Map<string, Measure | string> }[] = [];
  try {
    for (const size of sizes) {
      const file = path.join(dir, `peers-${size}.xlsx`);
      process.stderr.write(`peers: generating ${fmt(size)} rows… `);
      await writeBenchWorkbook(file, size);
      const mb = fs.statSync(file).size / 1e6;
      process.stderr.write(`${mb.toFixed(1)} MB\n`);
      // The median of three runs (one at 300k rows, where the slow peers take half a minute each).
      const runs = size >= 300_000 ? 1 : 3;
      const results = new Map<string, Measure | string>();
      for (const reader of readers) {
        process.stderr.write(`peers: ${reader} on ${fmt(size)} rows\n`);
        const ms: Measure[] = [];
        let failure: string | null = null;
        for (let i = 0; i < runs && !failure; i++) {
          const m = once(reader, file);
          if (typeof m === 'string') failure = m;
          else ms.push(m);
        }
        results.set(
          reader,
          failure ?? {
            ms: median(ms.map((m) => m.ms)),
            maxRssMB: Math.max(...ms.map((m) => m.maxRssMB)),
            cells: ms[0].cells,
          },
        );
      }
      rows.push({ size, mb, results });
      fs.rmSync(file, { force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const out: string[] = [];
  out.push('### Readers side by side (`npm run bench`, bench/peers.ts)', '');
  out.push(
    `Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end. Wall time of a child process (start-up included); peak memory is the child's own high-water resident size (VmHWM). \`outturn\` is the whole \`outturn check --format json\`; the floor inflates the sheet with the reader's own inflater (node:zlib) and counts \`<c\` tags, nothing more.`,
    '',
  );
  out.push(
    `| rows | .xlsx | ${readers.map((r) => `${r} wall / peak`).join(' | ')} | outturn ÷ floor | outturn ÷ fastest peer |`,
  );
  out.push(`| ---: | ---: | ${readers.map(() => '---:').join(' | ')} | ---: | ---: |`);
  const verdicts: string[] = [];
  for (const r of rows) {
    const cell = (name: string) => {
      const m = r.results.get(name)!;
      return typeof m === 'string' ? `failed: ${m.slice(0, 60)}` : `${fmt(m.ms)} ms / ${fmt(m.maxRssMB)} MB`;
    };
    const us = r.results.get('outturn');
    const fl = r.results.get('floor');
    const peers = readers
      .filter((n) => n !== 'outturn' && n !== 'floor')
      .map((n) => r.results.get(n))
      .filter((m): m is Measure => typeof m !== 'string');
    const fastest = peers.length ? Math.min(...peers.map((m) => m.ms)) : NaN;
    const vsFloor = typeof us !== 'string' && typeof fl !== 'string' && us && fl ? us.ms / fl.ms : NaN;
    const vsPeer = typeof us !== 'string' && us ? us.ms / fastest : NaN;
    out.push(
      `| ${fmt(r.size)} | ${r.mb.toFixed(1)} MB | ${readers.map(cell).join(' | ')} | ×${vsFloor.toFixed(2)} | ×${vsPeer.toFixed(2)} |`,
    );
    if (typeof us !== 'string' && us) {
      if (r.size >= 20_000)
        verdicts.push(
          `${fmt(r.size)} rows: within 2× floor ${vsFloor <= 2 ? 'met' : 'MISSED'} (×${vsFloor.toFixed(2)})`,
        );
      verdicts.push(
        `${fmt(r.size)} rows: faster than every peer ${vsPeer < 1 ? 'met' : 'MISSED'} (×${vsPeer.toFixed(2)} of the fastest)`,
      );
      if (r.size >= 300_000)
        verdicts.push(
          `${fmt(r.size)} rows: peak < 150 MB ${us.maxRssMB < 150 ? 'met' : 'MISSED'} (${fmt(us.maxRssMB)} MB)`,
        );
    }
  }
  out.push('', `Targets: ${verdicts.join('; ')}.`);
  return out.join('\n');
}
