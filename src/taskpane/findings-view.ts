import type { Dimension, Finding, Severity } from '../engine/model/finding';
import { parseA1 } from '../engine/model/address';

/** How the findings list is grouped: its own control, separate from the severity filter. */
export type GroupBy = 'dimension' | 'indicator' | 'rule' | 'sheet';
/** Which findings are listed: everything, or one severity only ("Errors" shows errors only). */
export type Show = 'all' | Severity;

export const GROUP_BY_LABELS: Record<GroupBy, string> = {
  dimension: 'Dimension',
  indicator: 'Indicator',
  rule: 'Rule',
  sheet: 'Sheet',
};

/**
 * One line of the virtualised findings list: a group heading, a finding, or several
 * findings that say the same thing (same rule, severity and sentence) shown once with a count.
 */
export type FindingRow =
  | {
      kind: 'group';
      key: string;
      title: string;
      detail?: string;
      count: number;
      ref: string | null;
      sheet: string | null;
      collapsed: boolean;
    }
  | {
      kind: 'finding';
      key: string;
      finding: Finding;
      /** The same finding in other cells too (first one listed here). */ also: Finding[];
    };

/** Words the list uses for what the engine calls by ids. */
export interface ViewWords {
  /** Rule id → its catalogue title ("RAG agrees with value, target and floor"). */
  ruleTitle: (rule: string) => string;
  /** Sheet + ref → the indicator's description, when the grid has one. */
  description: (sheet: string, ref: string) => string | undefined;
}

export interface ViewOptions {
  show: Show;
  groupBy: GroupBy;
  /** Group keys the user collapsed (or expanded, when `defaultCollapsedAbove` collapsed them). */
  toggled?: ReadonlySet<string>;
  /** Groups with more rows than this start collapsed (the heading still gives the count). */
  defaultCollapsedAbove?: number;
  words?: Partial<ViewWords>;
}

/** The name a finding with no indicator goes by: it is about the whole sheet or workbook. */
export const WHOLE_WORKBOOK = 'Whole workbook';

const DIMENSION_TITLES: Record<Dimension, string> = {
  accuracy: 'Accuracy and validity',
  completeness: 'Completeness',
  timeliness: 'Timeliness',
  reliability: 'Reliability',
};
const DIMENSION_ORDER: Dimension[] = ['accuracy', 'completeness', 'timeliness', 'reliability'];
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
  return (
    pa.row - pb.row ||
    pa.col - pb.col ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}

export function visibleFindings(findings: readonly Finding[], show: Show): Finding[] {
  return show === 'all' ? [...findings] : findings.filter((f) => f.severity === show);
}

interface Group {
  title: string;
  detail?: string;
  ref: string | null;
  sheet: string | null;
  items: Finding[];
}

function groupOf(f: Finding, groupBy: GroupBy, words: ViewWords): { key: string; group: Omit<Group, 'items'> } {
  switch (groupBy) {
    case 'dimension':
      return { key: f.dimension, group: { title: DIMENSION_TITLES[f.dimension], ref: null, sheet: null } };
    case 'rule':
      return { key: `r:${f.rule}`, group: { title: words.ruleTitle(f.rule), ref: null, sheet: null } };
    case 'sheet':
      return { key: `s:${f.sheet}`, group: { title: f.sheet, ref: null, sheet: f.sheet } };
    case 'indicator':
      if (!f.ref) return { key: `${f.sheet}\u0000`, group: { title: WHOLE_WORKBOOK, ref: null, sheet: f.sheet } };
      return {
        key: `${f.sheet}\u0000${f.ref}`,
        group: { title: f.ref, detail: words.description(f.sheet, f.ref), ref: f.ref, sheet: f.sheet },
      };
  }
}

/**
 * Flatten findings into list rows under group headings. Groups keep the order their
 * first finding appears in (the grid's own order; dimensions in a fixed order); empty
 * groups are left out. Within a group, findings that say exactly the same thing are
 * one row with the others in `also`, so 3,000 copies of one sentence read as one line.
 */
export function findingRows(findings: readonly Finding[], options: ViewOptions): FindingRow[] {
  const words: ViewWords = { ruleTitle: (r) => r, description: () => undefined, ...options.words };
  const groups = new Map<string, Group>();
  if (options.groupBy === 'dimension') {
    for (const d of DIMENSION_ORDER) groups.set(d, { title: DIMENSION_TITLES[d], ref: null, sheet: null, items: [] });
  }
  for (const f of visibleFindings(findings, options.show)) {
    const { key, group } = groupOf(f, options.groupBy, words);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ...group, items: [] }));
    g.items.push(f);
  }
  const limit = options.defaultCollapsedAbove ?? Infinity;
  const rows: FindingRow[] = [];
  for (const [key, g] of groups) {
    if (g.items.length === 0) continue;
    const merged = mergeIdentical(g.items);
    const startsCollapsed = merged.length > limit;
    const collapsed = options.toggled?.has(key) ? !startsCollapsed : startsCollapsed;
    rows.push({
      kind: 'group',
      key,
      title: g.title,
      detail: g.detail,
      count: g.items.length,
      ref: g.ref,
      sheet: g.sheet,
      collapsed,
    });
    if (collapsed) continue;
    merged.forEach(([first, ...also], i) => rows.push({ kind: 'finding', key: `f:${key}:${i}`, finding: first, also }));
  }
  return rows;
}

/** Runs of findings with the same rule, severity and sentence, in first-seen order. */
function mergeIdentical(items: readonly Finding[]): Finding[][] {
  const out = new Map<string, Finding[]>();
  for (const f of items) {
    const k = `${f.rule}\u0000${f.severity}\u0000${f.sheet}\u0000${f.message}`;
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return [...out.values()];
}

/** Where a finding is, in words: its cell ('T6'), and the sheet only when several were checked. */
export function findingPlace(f: Finding, multiSheet: boolean): string {
  const where = f.cell ?? (f.ref ? 'Whole row' : WHOLE_WORKBOOK);
  return multiSheet ? `${f.sheet} · ${where}` : where;
}
