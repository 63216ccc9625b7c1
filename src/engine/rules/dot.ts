import type { RuleInfo } from '../model/finding';
import { formatNumber } from '../format';
import { collapseSpaces } from '../text';
import { classify, numberIn, V } from '../values';
import { isArrow, isNoDirection, parseDot, writeDot, type Direction } from './judgement';
import type { Emit, GridContext, RowFacts, RuleFamily } from './types';

const rules: RuleInfo[] = [
  {
    id: 'dot-mismatch',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Direction of travel does not match the figures',
    description:
      'The stated direction of travel differs from the one recomputed from the latest period and the period before it (month on month or quarter on quarter, never the previous year), with the polarity: ↑ / Improving, ↓ / Worse, ↔ / Same; "New" only where there is no previous value. Not checked where the grid has no previous period.',
    example: 'DoT says Worse but 0.6 is better than Jun (0.9; lower is better): should be Improving.',
  },
  {
    id: 'dot-unrecognised',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Direction of travel not recognised',
    description:
      'A DoT cell holds something other than an arrow (↑ ↓ ↔), a direction in words (Improving, Getting better, Worse, Deteriorating, Declining, Same, No change, Stable …) or New; words saying no direction can be given (Not comparable, Baseline year, No trend data, N/a) are accepted. Reported even where the grid has no previous period.',
    example: '"Sideways" is not a direction of travel: use ↑, ↓ or ↔ (or Improving, Worse, Same), or New.',
  },
];

/** Whether an earlier period than the previous one holds a figure (so the indicator is not new). */
function hasEarlierFigure(ctx: GridContext, facts: RowFacts): boolean {
  for (let i = ctx.currentPeriodPos - 2; i >= 0; i--) {
    if (numberIn(ctx.cell(facts.row, ctx.grid.periods[i].col)) !== null) return true;
  }
  return false;
}

/**
 * The direction of travel the figures give (the latest period against the one before, with
 * the polarity), and why in words; null when it cannot be told. `againstNew` words the reason
 * for a row that says New. The rule and the assurance pack both ask here.
 */
export function expectedDirection(
  ctx: GridContext,
  facts: RowFacts,
  againstNew = false,
): { direction: Direction; why: string } | null {
  if (ctx.previous === null || ctx.current === null || facts.current === null || facts.scaleTrouble) return null;
  const prevLabel = ctx.previous.label;
  const prevCell = facts.previousCell!;
  if (facts.previous === null) {
    // No previous figure: "New", unless the gap hides an older figure (then nothing can be told).
    const prevClass = classify(prevCell, ctx.annotations);
    if (prevClass !== V.empty && prevClass !== V.annotation) return null;
    if (ctx.currentPeriodPos > 0 && hasEarlierFigure(ctx, facts)) return null;
    return { direction: 'new', why: `there is no ${prevLabel} figure to compare with` };
  }
  if (!facts.polarity) return null;
  const prevShown = formatNumber(
    facts.previous,
    prevCell.kind === 'number' ? prevCell.format : facts.currentCell.format,
  );
  const cur = facts.current;
  const prev = facts.previous;
  const curShown = formatNumber(cur, facts.currentCell.kind === 'number' ? facts.currentCell.format : prevCell.format);
  const polarityWords = facts.polarity === 'higher' ? 'higher is better' : 'lower is better';
  if (Math.abs(cur - prev) <= 1e-9 * Math.max(1, Math.abs(cur), Math.abs(prev)))
    return { direction: 'same', why: `${curShown} is the same as ${prevLabel} (${prevShown})` };
  const up = cur > prev;
  const better = facts.polarity === 'higher' ? up : !up;
  return {
    direction: better ? 'improving' : 'worse',
    why: againstNew
      ? `${prevLabel} has a figure (${prevShown}) and ${curShown} is ${better ? 'better' : 'worse'} (${polarityWords})`
      : `${curShown} is ${better ? 'better' : 'worse'} than ${prevLabel} (${prevShown}; ${polarityWords})`,
  };
}

/** Whether the grid writes its directions as arrows rather than words: a direction it gives is worded the same way. */
export function usesArrows(ctx: GridContext, dotCol: number): boolean {
  let arrows = 0;
  let words = 0;
  for (const facts of ctx.rows) {
    const c = ctx.cell(facts.row, dotCol);
    if (c.kind !== 'text' || !parseDot(c.value as string) || parseDot(c.value as string) === 'new') continue;
    if (isArrow(c.value as string)) arrows++;
    else words++;
  }
  return arrows >= words;
}

function check(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean): void {
  const dotCol = ctx.grid.columns.dot;
  if (dotCol === undefined) return;
  // Words that are no direction at all are reported even where the grid has no previous period to compare with.
  const comparable = ctx.previous !== null && ctx.current !== null;
  const label = collapseSpaces(ctx.grid.headers[dotCol] ?? 'DoT');
  const prevLabel = ctx.previous?.label ?? '';
  const gridUsesArrows = usesArrows(ctx, dotCol);
  for (const facts of ctx.rows) {
    const stated = ctx.cell(facts.row, dotCol);
    if (stated.kind === 'empty' || stated.kind === 'error') continue;
    const text = String(stated.value).trim();
    if (!text || isNoDirection(text)) continue;
    const statedDir = parseDot(text);
    if (!statedDir) {
      if (classify(stated, ctx.annotations) === V.annotation) continue;
      if (enabled('dot-unrecognised'))
        emit(
          'dot-unrecognised',
          facts.row,
          dotCol,
          facts.ref,
          `"${text}" is not a direction of travel: use ↑, ↓ or ↔ (or Improving, Worse, Same), or New.`,
        );
      continue;
    }
    if (!comparable || !enabled('dot-mismatch') || facts.current === null || facts.scaleTrouble) continue;
    if (statedDir === 'new' && facts.previous !== null && !facts.polarity) {
      const prevCell = facts.previousCell!;
      const prevShown = formatNumber(
        facts.previous,
        prevCell.kind === 'number' ? prevCell.format : facts.currentCell.format,
      );
      emit(
        'dot-mismatch',
        facts.row,
        dotCol,
        facts.ref,
        `${label} says ${text} but ${prevLabel} has a figure (${prevShown}): it is not new.`,
      );
      continue;
    }
    const recomputed = expectedDirection(ctx, facts, statedDir === 'new');
    if (!recomputed || recomputed.direction === statedDir) continue;
    const { direction: expected, why } = recomputed;
    emit(
      'dot-mismatch',
      facts.row,
      dotCol,
      facts.ref,
      `${label} says ${text} but ${why}: should be ${writeDot(expected, text, gridUsesArrows)}.`,
    );
  }
}

export const dotRules: RuleFamily = { rules, check };
