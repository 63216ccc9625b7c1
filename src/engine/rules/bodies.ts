import type { RuleInfo } from '../model/finding';
import type { BodyColumn } from '../model/grid';
import type { Cell } from '../model/cell';
import { formatNumber } from '../format';
import { collapseSpaces } from '../text';
import { classify, numberIn, percentFormat as isPercentFormat, same, textIn, V } from '../values';
import { ragFor } from './judgement';
import { measureOf } from './row-table';
import { readStatus, statusWordsOf } from './status-words';
import { unknownStatusMessage, unreadStatusIsError } from './rag';
import type { Emit, GridContext, Rag, RowFacts, RuleFamily } from './types';

/**
 * Figures by body (discovery/bodies.ts): each body's figure judged against the shared
 * target with the indicator's polarity and checked against its own status column; the
 * total checked against the bodies (the sum, for counts; between them, for rates and
 * averages); a body's figure far from the others' an outlier.
 */

const rules: RuleInfo[] = [
  {
    id: 'body-status-mismatch',
    dimension: 'accuracy',
    severity: 'error',
    title: "A body's status does not match its figure",
    description:
      "In a grid of figures by body (one column per station, district, landlord or member, sharing one target), a body's own status column (Target met?, Status, RAG) says the opposite of what its figure against the shared target gives, with the indicator's polarity (from the polarity column, else target against floor). Without a polarity only a figure on its target is judged.",
    example: 'Target met? for Rugby says Yes but 62 is above the target of 55 (lower is better): should be No.',
  },
  {
    id: 'body-total-mismatch',
    dimension: 'accuracy',
    severity: 'error',
    title: "Total does not agree with the bodies' figures",
    description:
      "The total or combined column of a grid of figures by body differs from the sum of the bodies' figures (a count), or lies outside them (a rate, a percentage or an average, which must lie between the lowest and the highest body).",
    example: "Total 1,409 is not the sum of the bodies' figures (1,412): should be 1,412.",
  },
  {
    id: 'body-total-unclear',
    dimension: 'accuracy',
    severity: 'warning',
    title: 'Total neither the sum of the bodies nor between them',
    description:
      "The total column of a grid of figures by body is neither the sum of the bodies' figures nor between them, and the words do not say whether the measure is a count (summed) or a rate (between): check it, and say what the measure is in its description or unit.",
    example:
      "Total 48 is neither the sum of the bodies' figures (52) nor between them (11 to 17), and the words do not say whether this is a count or a rate: check it.",
  },
  {
    id: 'body-figure-missing',
    dimension: 'completeness',
    severity: 'warning',
    title: "A body's figure is missing",
    description:
      'In a grid of figures by body, a body has no figure (and no annotation such as N/A) where other bodies have one for the same indicator.',
    example: 'No figure for Rugby where the other bodies have one: fill it in, or enter an annotation such as N/A.',
  },
  {
    id: 'body-outlier',
    dimension: 'accuracy',
    severity: 'warning',
    title: "A body's figure far from the others'",
    description:
      "A body's figure lies more than tolerances.outlierZ (default 3.5) robust standard deviations (median and median absolute deviation) from the other bodies' figures for the same indicator (at least four bodies). A warning: check it, and explain it in the commentary.",
    example: "450 for Rugby is far from the other bodies' figures (median 46): check it.",
  },
];

type Judged = 'met' | 'not met' | Rag;

/** What a body's figure earns against the shared target: a rating where there is a floor, else met or not; null when it cannot be told. */
function judge(facts: RowFacts, v: number, cell: Cell): Judged | null {
  const target = facts.target;
  if (target === null) return null;
  // A figure on a different scale from its target (97 against 95 %) is left to the cell rules.
  if (isPercentFormat(facts.targetCell.format) !== isPercentFormat(cell.format) && Math.abs(v) > 1 && facts.percent)
    return null;
  if (same(v, target)) return facts.floor !== null ? 'GREEN' : 'met';
  if (!facts.polarity) return null;
  if (facts.floor !== null) return ragFor(v, target, facts.floor, facts.polarity);
  const met = facts.polarity === 'higher' ? v > target : v < target;
  return met ? 'met' : 'not met';
}

/** Whether a stated reading agrees with the judgement. */
function agrees(rags: readonly Rag[], judged: Judged): boolean {
  if (judged === 'met') return rags.includes('GREEN');
  if (judged === 'not met') return rags.includes('AMBER') || rags.includes('RED');
  return rags.includes(judged);
}

/** The expected status in the words the cell used. */
function expectedWords(stated: string, judged: Judged): string {
  const met = judged === 'met' || judged === 'GREEN';
  const t = stated.trim().toLowerCase();
  if (/^(y|yes|n|no|true|false)$/.test(t)) return met ? 'Yes' : 'No';
  if (/^[✓✔☑✅✗✘×☒❌]$/u.test(stated.trim())) return met ? '✓' : '✗';
  if (judged === 'met' || judged === 'not met') return met ? 'met' : 'not met';
  return judged;
}

function checkStatus(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean, facts: RowFacts, b: BodyColumn) {
  const col = b.status!;
  const stated = ctx.cell(facts.row, col);
  const cls = classify(stated, ctx.annotations);
  if (cls === V.empty || cls === V.annotation || cls === V.error) return;
  const text = textIn(stated).trim();
  const header = ctx.grid.headers[col] ?? '';
  const reading = readStatus(text, header, statusWordsOf(ctx.config));
  if (!reading) {
    if (unreadStatusIsError(text, header)) {
      if (enabled('rag-unrecognised'))
        emit(
          'rag-unrecognised',
          facts.row,
          col,
          facts.ref,
          `"${text}" is not a status: use Yes or No, Met or Not met, ✓ or ✗, or GREEN, AMBER or RED.`,
        );
    } else if (enabled('status-word-unknown'))
      emit('status-word-unknown', facts.row, col, facts.ref, unknownStatusMessage(text));
    return;
  }
  if ('unrated' in reading || !enabled('body-status-mismatch')) return;
  const cell = ctx.cell(facts.row, b.col);
  const v = numberIn(cell);
  if (v === null) return;
  const judged = judge(facts, v, cell);
  if (!judged || agrees(reading.rags, judged)) return;
  const shown = formatNumber(v, cell.format || facts.targetCell.format);
  const target = formatNumber(facts.target!, facts.targetCell.format);
  const better = facts.polarity ? ` (${facts.polarity} is better)` : '';
  const met = judged === 'met' || judged === 'GREEN';
  const relation = met
    ? same(v, facts.target!)
      ? `is on the target of ${target}`
      : `meets the target of ${target}${better}`
    : `does not meet the target of ${target}${better}`;
  const label = collapseSpaces(header) || 'Status';
  emit(
    'body-status-mismatch',
    facts.row,
    col,
    facts.ref,
    `${label} for ${b.label || 'this body'} says ${text} but ${shown} ${relation}: should be ${expectedWords(text, judged)}.`,
  );
}

function checkTotal(
  ctx: GridContext,
  emit: Emit,
  enabled: (rule: string) => boolean,
  facts: RowFacts,
  values: number[],
) {
  const total = ctx.grid.bodyTotal!;
  const cell = ctx.cell(facts.row, total.col);
  const t = numberIn(cell);
  if (t === null || values.length < 2) return;
  const fmt = cell.format;
  const sum = values.reduce((a, b) => a + b, 0);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const whole = values.every((v) => Number.isInteger(v)) && Number.isInteger(t);
  const tolerance = whole ? 0.5 : Math.max(Math.abs(sum) * ctx.config.tolerances.ytd, 1e-9);
  const isSum = Math.abs(t - sum) <= tolerance;
  const slack = Math.max(Math.abs(hi), Math.abs(lo)) * 1e-9 + (whole ? 0 : Math.abs(hi - lo) * 0.001);
  const between = t >= lo - slack && t <= hi + slack;
  if (isSum || (between && total.kind === 'average')) return;
  const label = collapseSpaces(ctx.grid.headers[total.col] ?? '') || 'Total';
  const shown = formatNumber(t, fmt);
  const sumShown = formatNumber(sum, fmt);
  const range = `${formatNumber(lo, fmt)} to ${formatNumber(hi, fmt)}`;
  if (total.kind === 'average') {
    if (enabled('body-total-mismatch'))
      emit(
        'body-total-mismatch',
        facts.row,
        total.col,
        facts.ref,
        `${label} ${shown} is outside the bodies' figures (${range}): an average lies between them.`,
      );
    return;
  }
  const m = measureOf(facts);
  const rate = m.percent || facts.percent || (m.kind === 'amount' && m.sure) || m.kind === 'proportion';
  if (m.kind === 'count' && m.sure && !facts.percent) {
    if (enabled('body-total-mismatch'))
      emit(
        'body-total-mismatch',
        facts.row,
        total.col,
        facts.ref,
        `${label} ${shown} is not the sum of the bodies' figures (${sumShown}): should be ${sumShown}.`,
      );
    return;
  }
  if (between) return;
  if (rate) {
    if (enabled('body-total-mismatch'))
      emit(
        'body-total-mismatch',
        facts.row,
        total.col,
        facts.ref,
        `${label} ${shown} is outside the bodies' figures (${range}): a rate over them all lies between them.`,
      );
    return;
  }
  if (enabled('body-total-unclear'))
    emit(
      'body-total-unclear',
      facts.row,
      total.col,
      facts.ref,
      `${label} ${shown} is neither the sum of the bodies' figures (${sumShown}) nor between them (${range}), and the words do not say whether this is a count or a rate: check it, and say which in its description or unit.`,
    );
}

/** Robust z-scores of each figure against the others (median and MAD); null where the spread is nil. */
function outliers(values: readonly number[], z: number): number[] {
  if (values.length < 4) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (xs: number[]) =>
    xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
  const median = mid(sorted);
  const mad = mid(values.map((v) => Math.abs(v - median)).sort((a, b) => a - b));
  if (mad === 0) return [];
  const out: number[] = [];
  values.forEach((v, i) => {
    if (Math.abs(v - median) / (1.4826 * mad) > z) out.push(i);
  });
  return out;
}

function check(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean): void {
  const bodies = ctx.grid.bodies;
  if (!bodies || bodies.length === 0) return;
  for (const facts of ctx.rows) {
    const values: number[] = [];
    const at: BodyColumn[] = [];
    let blank: BodyColumn[] = [];
    let complete = true;
    for (const b of bodies) {
      const cell = ctx.cell(facts.row, b.col);
      const cls = classify(cell, ctx.annotations);
      if (cls === V.number) {
        values.push(cell.value as number);
        at.push(b);
      } else {
        complete = false;
        if (cls === V.empty) blank.push(b);
      }
      if (b.status !== undefined) checkStatus(ctx, emit, enabled, facts, b);
    }
    if (values.length === 0) blank = [];
    if (enabled('body-figure-missing'))
      for (const b of blank)
        emit(
          'body-figure-missing',
          facts.row,
          b.col,
          facts.ref,
          `No figure for ${b.label || 'this body'} where the other bodies have one: fill it in, or enter an annotation such as N/A.`,
        );
    if (ctx.grid.bodyTotal && complete) checkTotal(ctx, emit, enabled, facts, values);
    if (enabled('body-outlier')) {
      for (const i of outliers(values, ctx.config.tolerances.outlierZ)) {
        const cell = ctx.cell(facts.row, at[i].col);
        // A percentage outside 0–100 % is the cell rules' to report, once.
        if (isPercentFormat(cell.format) && (values[i] < 0 || values[i] > 1)) continue;
        const others = values.filter((_, k) => k !== i).sort((a, b) => a - b);
        const median = others[Math.floor(others.length / 2)];
        emit(
          'body-outlier',
          facts.row,
          at[i].col,
          facts.ref,
          `${formatNumber(values[i], cell.format)} for ${at[i].label || 'this body'} is far from the other bodies' figures (median ${formatNumber(median, cell.format)}): check it, and explain it in the commentary.`,
        );
      }
    }
  }
}

export const bodyRules: RuleFamily = { rules, check };
