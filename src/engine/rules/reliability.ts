/**
 * Reliability: the return over time. Two returns of the same body (last month's file and
 * this month's, or the previous quarter's signed file) are compared indicator by indicator
 * and period by period. The comparison needs two workbooks, so it does not run in the
 * per-grid pass: its rules sit in the catalogue (so they can be configured and documented)
 * with a check that does nothing, and `reliabilityFindings` turns a comparison into findings.
 *
 * What counts as the same figure: equal numbers (number formatting never matters); a
 * fraction in a cell with a % format and the same percentage written as points elsewhere
 * (0.97 shown as 97% and 97); for an indicator whose description says it is a percentage,
 * a fraction and points on either side even without a % format; the same text ignoring
 * case and spacing (annotations such as N/a). Indicators match by ref ignoring case and
 * spacing, else by description (ignoring case and punctuation); periods by their labels
 * (ignoring case and punctuation: 'Q2 2019/20' is 'Q2 2019-20'). A grid with one value
 * column and no period columns (each quarter's report its own file) has no period to match:
 * a changed value is a difference, never a restatement.
 */
import type { Cell } from '../model/cell';
import type { OutturnConfig } from '../model/config';
import type { Finding, RuleInfo, Severity } from '../model/finding';
import type { Grid } from '../model/grid';
import { a1 } from '../model/address';
import { cellAt, type SheetModel } from '../model/sheet';
import { cellText } from '../format';
import { normaliseHeader, normaliseName } from '../text';
import { isBlank, numberIn, percentFormat, same, textIn } from '../values';
import type { RuleFamily } from './types';

export const RELIABILITY_RULES: readonly RuleInfo[] = [
  {
    id: 'restated-figure',
    dimension: 'reliability',
    severity: 'error',
    title: 'Figure of a reported period changed without a restatement',
    description:
      'A figure of a period the previous return already reported (checked with `--previous`, or compared with `outturn compare`) differs from it, and no restatement is recorded in the trail. Reformatting is not a change: number formats, a percentage held as 0.97 with a % format in one and as 97 in the other, a ref written in another case. Record why with `outturn restate`, or put the figure back.',
    example:
      "May's figure was 82.0% in the previous return and is 79.0% now, with no restatement recorded: record why with `outturn restate`, or put the figure back.",
  },
  {
    id: 'restatement-recorded',
    dimension: 'reliability',
    severity: 'info',
    title: 'Figure restated, with a reason',
    description:
      'A figure of a reported period differs from the previous return and a restatement is recorded in the trail (who, when, old, new, reason): shown to every later signer and in the audit.',
    example: 'May restated from 82.0% to 79.0% by Ann Smith on 2017-08-09: "late returns from one team".',
  },
  {
    id: 'target-changed',
    dimension: 'reliability',
    severity: 'warning',
    title: 'Target moved',
    description:
      "A target differs from the previous return's for the same period or year (a moved target turns a RED into a GREEN without any figure moving), and no restatement of it is recorded.",
    example:
      'The target was 85.0% in the previous return and is 80.0% now: say why in the commentary, or record it with `outturn restate --period Target`.',
  },
  {
    id: 'commentary-unchanged',
    dimension: 'reliability',
    severity: 'warning',
    title: 'Commentary copied from the previous return',
    description:
      "The commentary is word for word the previous return's while the indicator's current figure or RAG changed: it was probably copied forward and may no longer describe the figure.",
    example:
      'The commentary is the same as in the previous return, but the current figure went from 96.0% to 88.0%: check that it still describes the figure.',
  },
  {
    id: 'indicator-added',
    dimension: 'reliability',
    severity: 'info',
    title: 'Indicator added',
    description: 'An indicator of this return is not in the previous return (matched by ref, else by description).',
    example: 'HC09 "Number of empty homes brought back into use" is not in the previous return.',
  },
  {
    id: 'indicator-removed',
    dimension: 'reliability',
    severity: 'info',
    title: 'Indicator removed',
    description: 'An indicator of the previous return is no longer in this one (matched by ref, else by description).',
    example: 'HC07 "Average days to relet council homes" was in the previous return and is not in this one.',
  },
];

/** In the catalogue; the comparison itself runs where a previous return is known (reliabilityFindings). */
export const reliabilityRules: RuleFamily = { rules: RELIABILITY_RULES, check: () => undefined };

/** One cell of a return as compared: where it is, what it holds and what Excel shows. */
export interface ComparedCell {
  cell: string;
  /** The number, when the cell holds one (or a number typed as text). */
  value: number | null;
  /** The cell's text, trimmed ('' when empty). */
  text: string;
  percent: boolean;
  /** What Excel shows ('82.0%', 'N/a'); '' when empty. */
  shown: string;
}

export interface IndicatorSnapshot {
  sheet: string;
  row: number;
  ref: string | null;
  description: string | null;
  /** The description says the indicator is a percentage, so a fraction and points are one figure. */
  percentWords: boolean;
  /** Normalised period label -> label as written and cell. */
  periods: Map<string, { label: string; at: ComparedCell }>;
  /** Normalised target label ('target', 'q2 target') -> label as written and cell. */
  targets: Map<string, { label: string; at: ComparedCell }>;
  current: ComparedCell | null;
  /** A latest-value column ('Value') in a grid with no period columns: its header and cell. */
  latest: { label: string; at: ComparedCell } | null;
  rag: ComparedCell | null;
  owners: { role: 'compiler' | 'responsibleOfficer' | 'headOfService'; at: ComparedCell }[];
  commentary: ComparedCell | null;
}

function compared(sheet: SheetModel, row: number, col: number): ComparedCell {
  const c: Cell = cellAt(sheet, row, col);
  const value = numberIn(c);
  const percent = c.kind === 'number' && percentFormat(c.format);
  const shown = c.kind === 'number' ? cellText(c.value as number, c.format) : textIn(c);
  return { cell: a1(row, col), value, text: isBlank(c) ? '' : textIn(c), percent, shown };
}

const PERCENT_WORDS = /^\s*(%|percentage\b|percent\b|proportion\b)|%/i;

/** Every indicator row of the grids, with the cells a comparison reads. */
export function snapshotReturn(sheets: readonly SheetModel[], grids: readonly Grid[]): IndicatorSnapshot[] {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const out: IndicatorSnapshot[] = [];
  for (const grid of grids) {
    const sheet = byName.get(grid.sheet);
    if (!sheet) continue;
    const col = grid.columns;
    const targetLabels = new Set((grid.periodTargets ?? []).map((p) => p.col));
    for (const row of grid.indicatorRows) {
      const at = (c: number | undefined) => (c === undefined ? null : compared(sheet, row, c));
      const ref = at(col.ref)?.text || null;
      const description = at(col.description)?.text || null;
      const periods = new Map<string, { label: string; at: ComparedCell }>();
      let last: ComparedCell | null = null;
      for (const p of grid.periods) {
        const cell = compared(sheet, row, p.col);
        periods.set(normaliseHeader(p.label), { label: p.label, at: cell });
        if (cell.text !== '') last = cell;
      }
      const targets = new Map<string, { label: string; at: ComparedCell }>();
      if (col.target !== undefined && !targetLabels.has(col.target)) {
        const label = grid.headers[col.target] ?? 'Target';
        targets.set(normaliseHeader(label), { label, at: compared(sheet, row, col.target) });
      }
      for (const p of grid.periodTargets ?? []) {
        const label = grid.headers[p.col] ?? p.label;
        targets.set(normaliseHeader(label), { label, at: compared(sheet, row, p.col) });
      }
      const latest = at(col.latest);
      const owners = (['compiler', 'responsibleOfficer', 'headOfService'] as const).flatMap((role) => {
        const c = at(col[role]);
        return c ? [{ role, at: c }] : [];
      });
      out.push({
        sheet: grid.sheet,
        row,
        ref,
        description,
        percentWords: PERCENT_WORDS.test(description ?? ''),
        periods,
        targets,
        current: latest && latest.text !== '' ? latest : last,
        latest:
          latest && grid.periods.length === 0 && col.latest !== undefined
            ? { label: grid.headers[col.latest] ?? 'Value', at: latest }
            : null,
        rag: at(col.rag),
        owners,
        commentary: at(col.commentary),
      });
    }
  }
  return out;
}

/** A ref as matched: case and spacing set aside ('HC 04' is 'hc04'). */
export function refKey(ref: string): string {
  return ref.toLowerCase().replace(/\s+/g, '');
}

/** Two cells hold the same figure (the module comment says what counts). */
export function sameFigure(a: ComparedCell, b: ComparedCell, percentWords: boolean): boolean {
  if (a.value !== null && b.value !== null) {
    if (same(a.value, b.value)) return true;
    if (a.percent !== b.percent) {
      const [fraction, points] = a.percent ? [a.value, b.value] : [b.value, a.value];
      return same(fraction * 100, points);
    }
    if (percentWords) return same(a.value * 100, b.value) || same(a.value, b.value * 100);
    return false;
  }
  if (a.value !== null || b.value !== null) return false;
  return a.text.replace(/\s+/g, ' ').toLowerCase() === b.text.replace(/\s+/g, ' ').toLowerCase();
}

const RAG_LETTERS: Record<string, string> = { G: 'GREEN', A: 'AMBER', R: 'RED' };
function ragWord(c: ComparedCell | null): string {
  const t = (c?.text ?? '').trim().toUpperCase();
  return RAG_LETTERS[t] ?? t;
}

export type DifferenceKind =
  'figure' | 'target' | 'rag' | 'owner' | 'commentary' | 'indicator-added' | 'indicator-removed';

/** One difference between the previous return and this one. */
export interface ReturnDifference {
  kind: DifferenceKind;
  /** Where it is in this return (in the previous one for a removed indicator). */
  sheet: string;
  cell: string | null;
  ref: string | null;
  description: string | null;
  /** The period or target label as written, the owner's role, or null. */
  what: string | null;
  old: string | null;
  new: string | null;
  /** A figure of a period the previous return had already reported (a restatement, unless recorded). */
  reported: boolean;
}

export interface ReturnComparison {
  differences: ReturnDifference[];
  /** Matched pairs (previous, this), for the commentary rule. */
  pairs: [IndicatorSnapshot, IndicatorSnapshot][];
}

const OWNER_WORDS = {
  compiler: 'compiling officer',
  responsibleOfficer: 'responsible officer',
  headOfService: 'head of service',
};

/** Every difference by indicator and period, in this return's order (removed indicators last). */
export function compareSnapshots(
  previous: readonly IndicatorSnapshot[],
  current: readonly IndicatorSnapshot[],
): ReturnComparison {
  const byRef = new Map<string, IndicatorSnapshot>();
  const byDescription = new Map<string, IndicatorSnapshot>();
  for (const p of previous) {
    if (p.ref && !byRef.has(refKey(p.ref))) byRef.set(refKey(p.ref), p);
    if (p.description && !byDescription.has(normaliseHeader(p.description)))
      byDescription.set(normaliseHeader(p.description), p);
  }
  const matched = new Set<IndicatorSnapshot>();
  const differences: ReturnDifference[] = [];
  const pairs: [IndicatorSnapshot, IndicatorSnapshot][] = [];
  const shown = (c: ComparedCell | undefined | null) => (c && c.text !== '' ? c.shown : null);
  for (const now of current) {
    const take = (p: IndicatorSnapshot | undefined) => (p && !matched.has(p) ? p : undefined);
    const before =
      take(now.ref ? byRef.get(refKey(now.ref)) : undefined) ??
      take(now.description ? byDescription.get(normaliseHeader(now.description)) : undefined);
    const base = { sheet: now.sheet, ref: now.ref, description: now.description };
    if (!before) {
      if (now.ref || now.description)
        differences.push({
          ...base,
          kind: 'indicator-added',
          cell: a1(now.row, 0),
          what: null,
          old: null,
          new: null,
          reported: false,
        });
      continue;
    }
    matched.add(before);
    pairs.push([before, now]);
    const words = now.percentWords || before.percentWords;
    for (const [key, { label, at }] of now.periods) {
      const was = before.periods.get(key)?.at;
      const wasFilled = was !== undefined && was.text !== '';
      if (!wasFilled && at.text === '') continue;
      if (wasFilled && sameFigure(was, at, words)) continue;
      differences.push({
        ...base,
        kind: 'figure',
        cell: at.cell,
        what: label,
        old: shown(was),
        new: shown(at),
        reported: wasFilled,
      });
    }
    // A return with one value column (each quarter's report its own file) has no period to
    // match: a changed value is the new period's figure, a difference but never a restatement.
    if (now.latest && before.latest) {
      const was = before.latest.at;
      const at = now.latest.at;
      if (!(was.text === '' && at.text === '') && !(was.text !== '' && sameFigure(was, at, words)))
        differences.push({
          ...base,
          kind: 'figure',
          cell: at.cell,
          what: now.latest.label,
          old: shown(was),
          new: shown(at),
          reported: false,
        });
    }
    for (const [key, { label, at }] of now.targets) {
      const was = before.targets.get(key)?.at;
      if (!was || was.text === '' || sameFigure(was, at, words)) continue;
      differences.push({
        ...base,
        kind: 'target',
        cell: at.cell,
        what: label,
        old: shown(was),
        new: shown(at),
        reported: true,
      });
    }
    if (now.rag && ragWord(before.rag) !== ragWord(now.rag))
      differences.push({
        ...base,
        kind: 'rag',
        cell: now.rag.cell,
        what: null,
        old: shown(before.rag),
        new: shown(now.rag),
        reported: false,
      });
    for (const o of now.owners) {
      const was = before.owners.find((b) => b.role === o.role)?.at;
      if (!was || normaliseName(was.text) === normaliseName(o.at.text)) continue;
      differences.push({
        ...base,
        kind: 'owner',
        cell: o.at.cell,
        what: OWNER_WORDS[o.role],
        old: shown(was),
        new: shown(o.at),
        reported: false,
      });
    }
    if (now.commentary && (before.commentary?.text ?? '') !== now.commentary.text)
      differences.push({
        ...base,
        kind: 'commentary',
        cell: now.commentary.cell,
        what: null,
        old: shown(before.commentary),
        new: shown(now.commentary),
        reported: false,
      });
  }
  for (const p of previous) {
    if (matched.has(p) || (!p.ref && !p.description)) continue;
    differences.push({
      kind: 'indicator-removed',
      sheet: p.sheet,
      cell: null,
      ref: p.ref,
      description: p.description,
      what: null,
      old: null,
      new: null,
      reported: false,
    });
  }
  return { differences, pairs };
}

/** A restatement the trail records: which indicator's figure, which period, from what to what, by whom and why. */
export interface Restatement {
  indicator: string;
  period: string;
  old: string | null;
  new: string | null;
  reason: string;
  by: string | null;
  at: string;
}

/** The latest restatement of this indicator's period, if any. */
export function restatementFor(
  restatements: readonly Restatement[],
  ref: string | null,
  label: string,
): Restatement | undefined {
  if (!ref) return undefined;
  const key = normaliseHeader(label);
  for (let i = restatements.length - 1; i >= 0; i--) {
    const r = restatements[i];
    if (refKey(r.indicator) === refKey(ref) && normaliseHeader(r.period) === key) return r;
  }
  return undefined;
}

/** Who signed the previous return's figures, and when, for the restated-figure message. */
export interface PreviousSignature {
  name: string;
  role: string;
  at: string;
}

function name(d: ReturnDifference): string {
  return d.ref ?? `"${d.description}"`;
}

function severityFor(config: Pick<OutturnConfig, 'rules'>, id: string): Severity | null {
  const setting = config.rules[id];
  if (setting && setting.enabled === false) return null;
  const rule = RELIABILITY_RULES.find((r) => r.id === id);
  return setting?.severity ?? rule?.severity ?? null;
}

/** The reliability findings of a comparison: each difference that matters, once. */
export function reliabilityFindings(
  comparison: ReturnComparison,
  config: Pick<OutturnConfig, 'rules'>,
  restatements: readonly Restatement[] = [],
  signedBy: readonly PreviousSignature[] | ((d: ReturnDifference) => readonly PreviousSignature[]) = [],
): Finding[] {
  const out: Finding[] = [];
  const emit = (id: string, d: Pick<ReturnDifference, 'sheet' | 'cell' | 'ref'>, message: string) => {
    const severity = severityFor(config, id);
    if (severity)
      out.push({ sheet: d.sheet, cell: d.cell, rule: id, dimension: 'reliability', severity, ref: d.ref, message });
  };
  // Who signed the old figure: the previous file's standing signatures, or those of the trail that signed this very figure.
  const signed = (d: ReturnDifference) => {
    const by = typeof signedBy === 'function' ? signedBy(d) : signedBy;
    return by.length
      ? ` (signed ${by.map((s) => `by ${s.name} as ${s.role} on ${s.at.slice(0, 10)}`).join(', ')})`
      : '';
  };
  for (const d of comparison.differences) {
    if (d.kind === 'figure' && d.reported) {
      const r = restatementFor(restatements, d.ref, d.what ?? '');
      const change = `from ${d.old ?? 'blank'} to ${d.new ?? 'blank'}`;
      if (r)
        emit(
          'restatement-recorded',
          d,
          `${d.what} restated ${change}${r.by ? ` by ${r.by}` : ''} on ${r.at.slice(0, 10)}: "${r.reason}".`,
        );
      else
        emit(
          'restated-figure',
          d,
          `${d.what}'s figure was ${d.old ?? 'blank'} in the previous return${signed(d)} and is ${d.new ?? 'blank'} now, with no restatement recorded: record why with \`outturn restate\`, or put the figure back.`,
        );
    } else if (d.kind === 'target') {
      const r = restatementFor(restatements, d.ref, d.what ?? '');
      if (r)
        emit(
          'restatement-recorded',
          d,
          `${d.what} restated from ${d.old} to ${d.new ?? 'blank'}${r.by ? ` by ${r.by}` : ''} on ${r.at.slice(0, 10)}: "${r.reason}".`,
        );
      else
        emit(
          'target-changed',
          d,
          `${d.what} was ${d.old} in the previous return and is ${d.new ?? 'blank'} now: say why in the commentary, or record it with \`outturn restate --period "${d.what}"\`.`,
        );
    } else if (d.kind === 'indicator-added') {
      emit(
        'indicator-added',
        d,
        `${name(d)}${d.ref && d.description ? ` "${d.description}"` : ''} is not in the previous return.`,
      );
    } else if (d.kind === 'indicator-removed') {
      emit(
        'indicator-removed',
        d,
        `${name(d)}${d.ref && d.description ? ` "${d.description}"` : ''} was in the previous return and is not in this one.`,
      );
    }
  }
  for (const [before, now] of comparison.pairs) {
    const text = now.commentary?.text ?? '';
    if (!now.commentary || text === '' || (before.commentary?.text ?? '') !== text) continue;
    const words = now.percentWords || before.percentWords;
    const figureMoved = before.current && now.current && !sameFigure(before.current, now.current, words);
    const ragMoved = ragWord(before.rag) !== ragWord(now.rag);
    if (!figureMoved && !ragMoved) continue;
    const what = figureMoved
      ? `the current figure went from ${before.current!.shown} to ${now.current!.shown}`
      : `the RAG went from ${ragWord(before.rag) || 'blank'} to ${ragWord(now.rag) || 'blank'}`;
    emit(
      'commentary-unchanged',
      { sheet: now.sheet, cell: now.commentary.cell, ref: now.ref },
      `The commentary is the same as in the previous return, but ${what}: check that it still describes the figure.`,
    );
  }
  return out;
}

/** A difference where a figure of an already-reported period changed without a restatement (compare's exit status). */
export function unrecordedRestatements(
  comparison: ReturnComparison,
  restatements: readonly Restatement[] = [],
): ReturnDifference[] {
  return comparison.differences.filter(
    (d) => d.kind === 'figure' && d.reported && !restatementFor(restatements, d.ref, d.what ?? ''),
  );
}
