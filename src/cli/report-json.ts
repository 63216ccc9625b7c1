import type { CheckResult } from '../engine/check';
import { FileOutcome, fileReportJson, findingJson, totals } from './outcome';
import type { Write } from './report-output';

/**
 * The JSON report (DESIGN.md contract), written as it is formatted: byte for byte what
 * `JSON.stringify(report, null, 2)` gives, but a finding at a time, so neither the whole
 * text nor a copy of every finding as a JSON object is ever held.
 */

const GAP = '  ';

/**
 * An array whose items are made only as they are written. Its toJSON is the whole array, so
 * JSON.stringify of a report holding one gives the same text as writeJson (the tests rely on it).
 */
export class JsonList<T> {
  constructor(
    private readonly items: readonly T[],
    private readonly itemJson: (item: T) => unknown,
  ) {}

  get length(): number {
    return this.items.length;
  }

  item(i: number): unknown {
    return this.itemJson(this.items[i]);
  }

  toJSON(): unknown[] {
    return this.items.map(this.itemJson);
  }
}

/** One file's report: the contract's keys, with its findings as a JsonList. */
export function fileReportStream(r: CheckResult) {
  // The spread keeps fileReportJson's key order (a key set again keeps its place).
  return { ...fileReportJson({ ...r, findings: [] }), findings: new JsonList(r.findings, findingJson) };
}

/** The whole JSON report of `outturn check`: one file's report, or every file's and the totals. */
export function jsonReport(outcomes: readonly FileOutcome[], several: boolean): unknown {
  if (!several) {
    const o = outcomes[0];
    if (!o.ok) throw new Error('a JSON report of one file needs a file that was checked');
    return fileReportStream(o.result);
  }
  const t = totals(outcomes);
  return {
    files: outcomes.map((o) =>
      o.ok ? { file: o.file, ...fileReportStream(o.result) } : { file: o.file, error: o.error },
    ),
    summary: { errors: t.errors, warnings: t.warnings, info: t.info, files: t.files, unreadable: t.unusable },
  };
}

/** The JSON report and its final newline, written a finding at a time. */
export function writeJsonReport(outcomes: readonly FileOutcome[], several: boolean, write: Write): void {
  writeJson(jsonReport(outcomes, several), write);
  write('\n');
}

/**
 * `value` as JSON.stringify(value, null, 2) writes it, in pieces. Plain data only (what a
 * report holds): objects, arrays, JsonLists, strings, numbers, booleans, null, with toJSON,
 * and undefined left out of objects and written as null in arrays, as JSON.stringify does.
 */
export function writeJson(value: unknown, write: Write, indent = ''): void {
  const v = jsonValue(value);
  if (v === undefined) return; // JSON.stringify(undefined) writes nothing either
  writeValue(v, write, indent);
}

function jsonValue(value: unknown): unknown {
  if (value instanceof JsonList) return value;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return (value as { toJSON: () => unknown }).toJSON();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  return value;
}

function writeValue(v: unknown, write: Write, indent: string): void {
  if (v instanceof JsonList) {
    writeItems(v.length, (i) => v.item(i), write, indent, true);
    return;
  }
  if (Array.isArray(v)) {
    writeItems(v.length, (i) => v[i], write, indent, false);
    return;
  }
  if (v !== null && typeof v === 'object') {
    const inner = indent + GAP;
    let first = true;
    for (const key of Object.keys(v)) {
      const item = jsonValue((v as Record<string, unknown>)[key]);
      if (item === undefined) continue;
      write(`${first ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: `);
      writeValue(item, write, inner);
      first = false;
    }
    write(first ? '{}' : `\n${indent}}`);
    return;
  }
  write(JSON.stringify(v) ?? 'null');
}

/**
 * Array items. A JsonList's items are small objects of plain values: each is written with
 * JSON.stringify itself, indented by replacing its line breaks (JSON text has none inside
 * strings, which escape them), so a million findings cost a million short writes.
 */
function writeItems(n: number, itemAt: (i: number) => unknown, write: Write, indent: string, flat: boolean): void {
  if (n === 0) {
    write('[]');
    return;
  }
  const inner = indent + GAP;
  for (let i = 0; i < n; i++) {
    write(i === 0 ? `[\n${inner}` : `,\n${inner}`);
    const item = jsonValue(itemAt(i));
    if (item === undefined) write('null');
    else if (flat && !(item instanceof JsonList))
      write((JSON.stringify(item, null, 2) ?? 'null').replace(/\n/g, `\n${inner}`));
    else writeValue(item, write, inner);
  }
  write(`\n${indent}]`);
}
