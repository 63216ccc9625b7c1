/**
 * One reader on one file, in a child process of `npm run bench` (bench/peers.ts), so each
 * gets its own peak memory: `node dist/bench/peer.js <reader> <file.xlsx>` prints
 * {"maxRssMB": …, "cells": …} on stdout. `cells` is what the reader saw, so a reader that
 * quietly read nothing would show.
 */
import * as fs from 'node:fs';
import { peakRssMB } from './peak-memory';
import { inflateEntry, readZipDirectory } from '../src/workbook/xlsx/zip';

type Reader = (file: string) => Promise<number>;

/**
 * The floor: read the file, inflate the sheet part with the reader's own inflater
 * (inflateEntry: node:zlib streamed under Node, so the floor is always the fastest
 * inflater the reader uses) and count the cells by scanning the bytes for `<c ` / `<c>`.
 * No XML parsing, no values: nothing can read a workbook faster than this.
 */
const floor: Reader = async (file) => {
  const entries = readZipDirectory(fs.readFileSync(file));
  let cells = 0;
  let prevLt = false;
  let prevC = false;
  for (const e of entries.values()) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(e.name)) continue;
    inflateEntry(e, (chunk) => {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (prevC && (b === 0x20 || b === 0x3e)) cells++;
        prevC = prevLt && b === 0x63;
        prevLt = b === 0x3c;
      }
    });
  }
  return cells;
};

const outturn: Reader = async (file) => {
  // Loaded here, not at the top, so the other readers do not pay for the command's modules.
  const { main } = await import('../src/cli/main');
  let out = '';
  const code = await main(['check', file, '--format', 'json', '--as-of', '2018-04-20'], {
    stdout: (t) => {
      out += t;
    },
    stderr: () => undefined,
    isTTY: false,
    now: () => new Date('2018-04-20T12:00:00Z'),
  });
  if (code === 2) throw new Error('outturn check could not read the file');
  const report = JSON.parse(out) as { grids: { indicators: number }[] };
  return report.grids.reduce((n, g) => n + g.indicators, 0);
};

const exceljsFull: Reader = async (file) => {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  let cells = 0;
  wb.eachSheet((ws) =>
    ws.eachRow((row) => {
      cells += row.cellCount;
    }),
  );
  return cells;
};

const exceljsStream: Reader = async (file) => {
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let cells = 0;
  for await (const ws of reader)
    for await (const row of ws as AsyncIterable<{ cellCount: number }>) cells += row.cellCount;
  return cells;
};

const sheetjs: Reader = async (file) => {
  const XLSX = await import('xlsx');
  const wb = XLSX.readFile(file, { cellDates: false });
  let cells = 0;
  for (const name of wb.SheetNames) for (const key in wb.Sheets[name]) if (key[0] !== '!') cells++;
  return cells;
};

const READERS: Record<string, Reader> = {
  floor,
  outturn,
  'exceljs-full': exceljsFull,
  'exceljs-stream': exceljsStream,
  sheetjs,
};

async function run(): Promise<void> {
  const [name, file] = process.argv.slice(2);
  const reader = READERS[name];
  if (!reader || !file) throw new Error(`usage: peer.js ${Object.keys(READERS).join('|')} file.xlsx`);
  const cells = await reader(file);
  process.stdout.write(`${JSON.stringify({ maxRssMB: peakRssMB(), cells })}\n`);
}

run().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
