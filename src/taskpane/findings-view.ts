import type { Dimension, Finding, Severity } from '../engine/model/finding';
import { parseA1 } from '../engine/model/address';

export type GroupBy = 'dimension' | 'indicator';

/** One line of the virtualised findings list: a group heading or a finding under it. */
export type FindingRow =
  | { kind: 'group'; key: string; title: string; count: number; ref: string | null }
  | { kind: 'finding'; key: string; finding: Finding };

const DIMENSION_TITLES: Record<Dimension, string> = {
  accuracy: 'Accuracy and validity',
  completeness: 'Completeness',
  timeliness: 'Timeliness',
};
const DIMENSION_ORDER: Dimension[] = ['accuracy', 'completeness', 'timeliness'];
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function dimensionTitle(d: Dimension): string {
  return DIMENSION_TITLES[d];
}

/** Sheet order as given, then row, then column: the order a compiler walks the grid in. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
  const pa = a.cell ? parseA1(a.cell) : null;
  const pb = b.cell ? parseA1(b.cell) : null;
  // Whole-workbook findings (no cell) come first: they are about everything below.
  if (!pa || !pb) return pa === pb ? SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] : pa ? 1 : -1;
  return pa.row - pb.row || pa.col - pb.col || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/**
 * Flatten findings into list rows under group headings. Groups keep the order their
 * first finding appears in (the grid's own order); empty groups are left out.
 */
export function findingRows(findings: readonly Finding[], shown: ReadonlySet<Severity>, groupBy: GroupBy): FindingRow[] {
  const visible = findings.filter((f) => shown.has(f.severity));
  const groups = new Map<string, { title: string; ref: string | null; items: Finding[] }>();
  if (groupBy === 'dimension') {
    for (const d of DIMENSION_ORDER) groups.set(d, { title: DIMENSION_TITLES[d], ref: null, items: [] });
  }
  for (const f of visible) {
    const key = groupBy === 'dimension' ? f.dimension : `${f.sheet}\u0000${f.ref ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { title: f.ref ? f.ref : 'Whole workbook', ref: f.ref, items: [] };
      groups.set(key, g);
    }
    g.items.push(f);
  }
  const rows: FindingRow[] = [];
  for (const [key, g] of groups) {
    if (g.items.length === 0) continue;
    rows.push({ kind: 'group', key: `g:${key}`, title: g.title, count: g.items.length, ref: g.ref });
    g.items.forEach((f, i) => rows.push({ kind: 'finding', key: `f:${key}:${i}`, finding: f }));
  }
  return rows;
}
