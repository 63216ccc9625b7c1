/**
 * The workbook's own trail as the reference: what was signed at the last sign-off. A
 * monthly return is usually last month's file rolled forward, so the figures its last
 * head-of-service signature carried (a whole-return signature's `figures`, a per-owner
 * one's `scope.figures`) are what the previous return reported; `check` compares with
 * them when no previous file is given, and the restated-figure message names who signed
 * the old figure and when.
 */
import type { Cell } from '../engine/model/cell';
import type { Grid } from '../engine/model/grid';
import type { SheetModel } from '../engine/model/sheet';
import {
  compareSnapshots,
  refKey,
  reliabilityFindings,
  snapshotReturn,
  unrecordedRestatements,
  type IndicatorSnapshot,
  type PreviousSignature,
  type ReturnDifference,
} from '../engine/rules/reliability';
import { normaliseHeader } from '../engine/text';
import { ownershipFromGrids } from '../signoff/owners';
import { ROLE_TITLES } from '../signoff/roles';
import { headerOf, type SignedCell } from '../signoff/signed-figures';
import type { SignRecord, TrailRecord } from '../signoff/trail';
import type { Restatement } from '../engine/rules/reliability';
import type { ReturnsCompared } from './compare';
import type { WorkbookSource } from './ports';

/** The restatements a trail records, oldest first. */
export function restatementsOf(records: readonly TrailRecord[]): Restatement[] {
  return records.flatMap((r) =>
    r.type === 'restate'
      ? [
          {
            indicator: r.payload.indicator,
            period: r.payload.period,
            old: r.payload.old,
            new: r.payload.new,
            reason: r.payload.reason,
            by: r.actor?.name ?? null,
            at: r.at,
          },
        ]
      : [],
  );
}

/** One signature's cells of one indicator, by header (a repeated header's later columns as 'Target#2'). */
type SignedRow = Map<string, SignedCell>;

/** The figures a signature carries, by indicator key; empty for one written before signatures kept them. */
function signedRows(sign: SignRecord): Map<string, SignedRow> {
  const out = new Map<string, SignedRow>();
  for (const grid of sign.payload.figures?.grids ?? []) {
    const heads = occurrences(grid.headers);
    for (const [key, cells] of Object.entries(grid.rows))
      out.set(key, new Map(heads.map((h, i) => [h, cells[i] ?? null])));
  }
  for (const [key, byHeader] of Object.entries(sign.payload.scope?.figures ?? {}))
    out.set(key, new Map(Object.entries(byHeader).map(([h, v]) => [normaliseHeader(h), v])));
  return out;
}

/** Headers as matched: normalised, a repeated one numbered from its second occurrence. */
function occurrences(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const k = normaliseHeader(h);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k}#${n}`;
  });
}

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** A stored cell back as the engine reads cells. */
function cellOf(stored: SignedCell | undefined): Cell | undefined {
  if (stored === null || stored === undefined) return undefined;
  const [text, format] = typeof stored === 'string' ? [stored, 'General'] : stored;
  const value = text.slice(2);
  const base = { format, formula: false };
  switch (text[0]) {
    case 'n':
      return { ...base, kind: 'number', value: Number(value) };
    case 'd':
      return {
        ...base,
        kind: 'date',
        value: (Date.parse(`${value}${value.length > 10 ? 'Z' : ''}`) - EXCEL_EPOCH_UTC) / 86_400_000,
      };
    case 'b':
      return { ...base, kind: 'boolean', value: value === 'true' };
    case 'e':
      return { ...base, kind: 'error', value };
    default:
      return { ...base, kind: 'text', value };
  }
}

interface Reference {
  key: string;
  sign: SignRecord;
  row: SignedRow;
}

export interface TrailReference {
  /** The indicators as last signed off, laid out on this return's grids. */
  snapshots: IndicatorSnapshot[];
  /** The oldest signature the reference comes from: restatements recorded after it count. */
  since: number;
  /** Some indicators are referenced by a per-owner signature: one never signed off is not "added". */
  partial: boolean;
  /** Who signed the old figure of a difference, and when. */
  signedBy: (d: ReturnDifference) => PreviousSignature[];
}

function signatureOf(sign: SignRecord): PreviousSignature {
  return { name: sign.actor?.name ?? 'unknown', role: ROLE_TITLES[sign.payload.role].toLowerCase(), at: sign.at };
}

/**
 * The figures of the last sign-off, per indicator: the latest head-of-service signature
 * (not withdrawn) that carries them. Null when no signature carries figures (a trail
 * written before signatures kept them, or a return never signed off).
 */
export function trailReference(
  records: readonly TrailRecord[],
  sheets: readonly SheetModel[],
  grids: readonly Grid[],
): TrailReference | null {
  const withdrawn = new Set(records.flatMap((r) => (r.type === 'withdraw' ? [r.payload.signSeq] : [])));
  const signs = records.filter((r): r is SignRecord => r.type === 'sign' && !withdrawn.has(r.seq));
  const rowsBySeq = new Map(signs.map((s) => [s.seq, signedRows(s)]));
  const refs = new Map<string, Reference>();
  for (const sign of signs) {
    if (sign.payload.role !== 'head-of-service') continue;
    for (const [key, row] of rowsBySeq.get(sign.seq)!) refs.set(key, { key, sign, row });
  }
  if (refs.size === 0) return null;

  // This return's indicators by key, so each referenced row is laid out on the grid that holds it now.
  const current = ownershipFromGrids(grids, sheets).indicators;
  const gridOfRow = (sheet: string, row: number) =>
    grids.find((g) => g.sheet === sheet && g.indicatorRows.includes(row));
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const laidOut = new Map<string, { sheet: SheetModel; grids: Map<Grid, number[]>; next: number }>();
  const keyOfRow = new Map<string, string>();
  for (const ref of refs.values()) {
    const now = current.find((i) => i.key === ref.key);
    const sheetName = now?.sheet ?? ref.key.slice(0, ref.key.indexOf('|'));
    const grid = now ? gridOfRow(now.sheet, now.row) : grids.find((g) => g.sheet === sheetName);
    const sheet = byName.get(sheetName);
    if (!grid || !sheet) continue;
    let out = laidOut.get(sheetName);
    if (!out)
      laidOut.set(
        sheetName,
        (out = { sheet: { name: sheetName, top: 0, left: 0, cells: [] }, grids: new Map(), next: 0 }),
      );
    const heads = occurrences(
      Array.from({ length: grid.right - grid.left + 1 }, (_, i) => headerOf(grid, sheet, grid.left + i)),
    );
    const row = out.next++;
    const cells: (Cell | undefined)[] = [];
    heads.forEach((h, i) => (cells[grid.left + i] = cellOf(ref.row.get(h))));
    out.sheet.cells[row] = cells;
    out.grids.set(grid, [...(out.grids.get(grid) ?? []), row]);
    keyOfRow.set(`${sheetName}\u0000${row}`, ref.key);
  }
  const fakeSheets = [...laidOut.values()].map((l) => l.sheet);
  const fakeGrids = [...laidOut.values()].flatMap((l) =>
    [...l.grids].map(([g, rows]) => ({ ...g, indicatorRows: rows })),
  );
  const snapshots = snapshotReturn(fakeSheets, fakeGrids);

  const refByIndicator = new Map<string, Reference>();
  for (const s of snapshots) {
    const ref = refs.get(keyOfRow.get(`${s.sheet}\u0000${s.row}`) ?? '');
    if (ref && s.ref) refByIndicator.set(`${s.sheet}\u0000${refKey(s.ref)}`, ref);
  }
  const signedBy = (d: ReturnDifference): PreviousSignature[] => {
    const ref = d.ref ? refByIndicator.get(`${d.sheet}\u0000${refKey(d.ref)}`) : undefined;
    if (!ref || !d.what) return [];
    const header = normaliseHeader(d.what);
    const figure = JSON.stringify(ref.row.get(header) ?? null);
    // Each role's latest signature of this sign-off that signed the same figure (an earlier head of service's began another).
    const byRole = new Map<string, SignRecord>();
    for (const s of signs) {
      if (s.seq > ref.sign.seq) break;
      if (s.payload.role === 'head-of-service' && s.seq < ref.sign.seq && rowsBySeq.get(s.seq)!.has(ref.key))
        byRole.clear();
      const row = rowsBySeq.get(s.seq)!.get(ref.key);
      if (row && JSON.stringify(row.get(header) ?? null) === figure) byRole.set(s.payload.role, s);
    }
    return [...byRole.values()].sort((a, b) => a.seq - b.seq).map(signatureOf);
  };
  return {
    snapshots,
    since: Math.min(...[...refs.values()].map((r) => r.sign.seq)),
    partial: [...refs.values()].some((r) => r.sign.payload.scope !== undefined),
    signedBy,
  };
}

/**
 * This return compared with the last sign-off its own trail holds; null when the trail holds
 * no signed figures, or the return has not been rolled forward past them.
 */
export function compareWithTrail(
  current: { source: WorkbookSource; grids: readonly Grid[] },
  records: readonly TrailRecord[],
): ReturnsCompared | null {
  const reference = trailReference(records, current.source.sheets, current.grids);
  if (!reference) return null;
  const now = snapshotReturn(current.source.sheets, current.grids);
  const comparison = compareSnapshots(reference.snapshots, now);
  // Until a period the last sign-off left empty is filled in, the return is still the one
  // signed off: a figure changed since makes its signatures stale (the sign-off's business);
  // once the return is rolled forward, an earlier period's change is a restatement.
  const rolledForward = comparison.differences.some(
    (d) => d.kind === 'figure' && !d.reported && d.old === null && d.new !== null,
  );
  if (!rolledForward) return null;
  if (reference.partial) comparison.differences = comparison.differences.filter((d) => d.kind !== 'indicator-added');
  const restatements = restatementsOf(records.filter((r) => r.seq > reference.since));
  return {
    comparison,
    differences: comparison.differences,
    findings: reliabilityFindings(comparison, current.source.config, restatements, reference.signedBy),
    unrecorded: unrecordedRestatements(comparison, restatements),
    restatements,
    indicators: { previous: reference.snapshots.length, current: now.length },
  };
}
