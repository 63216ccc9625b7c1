/**
 * The RAG and direction of travel each indicator row states, beside the ones the figures give
 * when Outturn works them out: the same recomputation the rag-mismatch and dot-mismatch
 * rules make (recomputedRag, expectedDirection), asked row by row for the assurance pack.
 */
import { formatNumber } from '../format';
import type { Grid } from '../model/grid';
import type { OutturnConfig } from '../model/config';
import type { SheetModel } from '../model/sheet';
import { annotationSet, numberIn, same } from '../values';
import { buildContext } from './context';
import { expectedDirection, usesArrows } from './dot';
import { parseDot, writeDot, isNoDirection } from './judgement';
import { ragReason, recomputedRag } from './rag';
import { readStatus, statusWordsOf } from './status-words';
import type { GridContext, RowFacts } from './types';

/** One judgement (a RAG or a direction) as the workbook states it and as the figures give it. */
export interface Judged {
  /** The text of the cell as stated; '' when the cell is empty. */
  stated: string;
  /** The judgement the figures give, in the grid's words; null when it cannot be worked out. */
  recomputed: string | null;
  /** Whether the two agree; null when there is nothing to compare (no recomputation, or nothing stated). */
  agrees: boolean | null;
  /** Why the figures give what they give, or why nothing could be worked out. */
  why: string;
}

export interface RowJudgements {
  sheet: string;
  row: number;
  rag: Judged | null;
  dot: Judged | null;
}

function textOf(ctx: GridContext, row: number, col: number): string {
  const c = ctx.cell(row, col);
  return c.kind === 'empty' || c.kind === 'error' ? '' : String(c.value).trim();
}

function ragJudged(ctx: GridContext, facts: RowFacts, ragCol: number): Judged {
  const stated = textOf(ctx, facts.row, ragCol);
  const reading = stated ? readStatus(stated, ctx.grid.headers[ragCol] ?? '', statusWordsOf(ctx.config)) : null;
  if (reading && 'unrated' in reading)
    return { stated, recomputed: null, agrees: null, why: 'The indicator is stated as not rated.' };
  const valueCell = facts.currentCell;
  const expected = recomputedRag(facts, valueCell);
  if (!expected) {
    const v = numberIn(valueCell);
    const why =
      v === null
        ? `There is no ${ctx.current?.label ?? 'current'} figure to rate.`
        : facts.scaleTrouble
          ? 'The figure and its target are on different scales.'
          : facts.target === null
            ? 'There is no target to rate the figure against.'
            : facts.floor === null
              ? 'There is no floor standard, so only a figure on its target can be rated.'
              : 'Whether higher or lower is better is not known.';
    return { stated, recomputed: null, agrees: null, why };
  }
  const v = numberIn(valueCell)!;
  const fmt = valueCell.kind === 'number' ? valueCell.format : facts.targetCell.format;
  const onFloor = facts.floor !== null && same(v, facts.floor);
  const why = ragReason(
    expected,
    formatNumber(v, fmt),
    formatNumber(facts.target!, facts.targetCell.format),
    facts.floor === null ? '' : formatNumber(facts.floor, facts.floorCell.format || fmt),
    facts.polarity ?? 'higher',
    onFloor,
  );
  // As the rule judges: a stated AMBER without a floor standard may be a rounded near miss, so it is let be.
  const agrees = reading
    ? reading.rags.includes(expected) || (facts.floor === null && reading.rags.includes('AMBER'))
    : null;
  return { stated, recomputed: expected, agrees, why: `${why[0].toUpperCase()}${why.slice(1)}.` };
}

function dotJudged(ctx: GridContext, facts: RowFacts, dotCol: number, gridUsesArrows: boolean): Judged {
  const stated = textOf(ctx, facts.row, dotCol);
  if (stated && isNoDirection(stated))
    return { stated, recomputed: null, agrees: null, why: 'The row states that no direction can be given.' };
  const statedDir = stated ? parseDot(stated) : null;
  const expected = expectedDirection(ctx, facts, statedDir === 'new');
  if (!expected) {
    const why =
      ctx.previous === null || ctx.current === null
        ? 'The grid has no previous period to compare with.'
        : facts.current === null
          ? `There is no ${ctx.current.label} figure.`
          : facts.scaleTrouble
            ? 'The figure and its target are on different scales.'
            : facts.previous === null
              ? `There is no ${ctx.previous.label} figure, and an earlier figure means the indicator is not new, so no direction can be told.`
              : 'Whether higher or lower is better is not known.';
    return { stated, recomputed: null, agrees: null, why };
  }
  const agrees = statedDir ? statedDir === expected.direction : null;
  const why = expected.why;
  return {
    stated,
    recomputed: writeDot(expected.direction, stated, gridUsesArrows),
    agrees,
    why: `${why[0].toUpperCase()}${why.slice(1)}.`,
  };
}

/**
 * Every indicator row's RAG (against the current figure) and direction of travel, stated and
 * recomputed, for the grids a check found. `period` is the reporting period the check used.
 */
export function recomputedJudgements(
  sheets: readonly SheetModel[],
  grids: readonly Grid[],
  config: OutturnConfig,
  today: string,
): RowJudgements[] {
  const annotations = annotationSet(config.annotations);
  const out: RowJudgements[] = [];
  for (const grid of grids) {
    const sheet = sheets.find((s) => s.name === grid.sheet);
    if (!sheet) continue;
    // The period the check judged the grid by (checkWorkbook: the configured one, else the grid's title).
    const period = config.period ?? grid.periodFromTitle;
    const ctx = buildContext(sheet, grid, config, annotations, { asOf: config.asOf ?? today, period });
    const { rag, dot } = grid.columns;
    const arrows = dot !== undefined ? usesArrows(ctx, dot) : true;
    for (const facts of ctx.rows)
      out.push({
        sheet: grid.sheet,
        row: facts.row,
        rag: rag !== undefined && ctx.current ? ragJudged(ctx, facts, rag) : null,
        dot: dot !== undefined ? dotJudged(ctx, facts, dot, arrows) : null,
      });
  }
  return out;
}
