import type { Cell } from '../model/cell';
import type { RuleInfo } from '../model/finding';
import { formatNumber } from '../format';
import { collapseSpaces } from '../text';
import { classify, numberIn, same, V } from '../values';
import { ragFor } from './judgement';
import { isColourHeading, isTwoRatings, readStatus, statusWordsOf } from './status-words';
import type { Emit, GridContext, Polarity, Rag, RowFacts, RuleFamily } from './types';

const rules: RuleInfo[] = [
  {
    id: 'rag-mismatch',
    dimension: 'accuracy',
    severity: 'error',
    title: 'RAG does not match the figures',
    description:
      'The stated RAG (Month RAG against the current value, YTD RAG against the year to date) differs from the one recomputed from the value, the target and the floor standard: meeting the target is GREEN, between target and floor (or on the floor) AMBER, beyond the floor RED. Polarity comes from the polarity column, else from target against floor.',
    example: 'YTD RAG says AMBER but 69% is below the floor standard of 70%: should be RED.',
  },
  {
    id: 'rag-unrecognised',
    dimension: 'accuracy',
    severity: 'error',
    title: 'RAG not recognised',
    description:
      "A RAG (or Status) cell holds something other than a rating: GREEN, AMBER or RED (or G, A, R, in any case), a status in a report's words (On target, On track, Achieved → GREEN; Within tolerance, Near target → AMBER; Outside tolerance → RED; Off target, Not met → AMBER or RED), a word saying the indicator is not rated (Grey, For info only, Data only, Baseline year, Contextual, No target), or an annotation.",
    example: '"G/A" is not a RAG rating: use GREEN, AMBER or RED (or G, A, R).',
  },
  {
    id: 'status-word-unknown',
    dimension: 'accuracy',
    severity: 'warning',
    title: 'Status word not known',
    description:
      'A status cell under a heading that is not a colour (Status, Target met?, Achieved?) holds a word Outturn does not know, so the status was not checked against the figure. Known: the RAG words, Target met / not met, Met / Not met, Achieved / Not achieved, On track / Off track, ✓ / ✗, and Yes / No under a "Target met?" heading. A warning, never an error: map the word with `statusWords` in the configuration (GREEN, AMBER, RED, "AMBER or RED" or unrated). Two ratings at once ("G/A"), and a word that is not a colour under a RAG heading, stay `rag-unrecognised`.',
    example:
      '"Exceeded expectations" is a status word Outturn does not know, so it was not checked against the figure: map it in the configuration, e.g. "statusWords": { "Exceeded expectations": "GREEN" }.',
  },
];

/** The warning for a status word Outturn does not know, with the configuration entry that maps it. */
export function unknownStatusMessage(text: string): string {
  return `"${text}" is a status word Outturn does not know, so it was not checked against the figure: map it in the configuration, e.g. "statusWords": { ${JSON.stringify(text)}: "GREEN" } (or AMBER, RED, "AMBER or RED", unrated).`;
}

/** Whether an unread status is an error (two ratings at once, or not a colour under a RAG heading) rather than an unknown word. */
export function unreadStatusIsError(text: string, header: string): boolean {
  return (
    isTwoRatings(text) ||
    /^(?:g|a|r|green|amber|red)\s*[/&]/i.test(text) ||
    isColourHeading(header) ||
    !/\p{L}/u.test(text)
  );
}

/** Why a value earns its RAG, in the words of the report. */
export function ragReason(
  rag: Rag,
  value: string,
  target: string,
  floor: string,
  polarity: Polarity,
  onFloor: boolean,
): string {
  const under = polarity === 'higher' ? 'below' : 'above';
  if (rag === 'GREEN') return `${value} meets the target of ${target}`;
  if (rag === 'RED') return `${value} is ${under} the floor standard of ${floor}`;
  if (onFloor) return `${value} is on the floor standard of ${floor}`;
  const over = polarity === 'higher' ? 'above' : 'below';
  return `${value} is ${under} the target of ${target} and ${over} the floor standard of ${floor}`;
}

/** The RAG the row earns for this value cell, or null when it cannot be told (no value, target, floor or polarity). */
export function recomputedRag(facts: RowFacts, valueCell: Cell): Rag | null {
  const v = numberIn(valueCell);
  if (v === null || facts.scaleTrouble || facts.target === null) return null;
  // Meeting the target exactly is GREEN whichever way is better, floor or none.
  if (same(v, facts.target)) return 'GREEN';
  if (facts.floor === null || !facts.polarity) return null;
  return ragFor(v, facts.target, facts.floor, facts.polarity);
}

function checkOne(
  ctx: GridContext,
  emit: Emit,
  enabled: (rule: string) => boolean,
  facts: RowFacts,
  ragCol: number,
  valueCol: number,
  label: string,
): void {
  const stated = ctx.cell(facts.row, ragCol);
  const cls = classify(stated, ctx.annotations);
  if (cls === V.empty || cls === V.annotation || cls === V.error) return;
  const text = String(stated.value).trim();
  const header = ctx.grid.headers[ragCol] ?? '';
  const reading = readStatus(text, header, statusWordsOf(ctx.config));
  if (!reading) {
    if (!unreadStatusIsError(text, header)) {
      if (enabled('status-word-unknown'))
        emit('status-word-unknown', facts.row, ragCol, facts.ref, unknownStatusMessage(text));
      return;
    }
    if (enabled('rag-unrecognised'))
      emit(
        'rag-unrecognised',
        facts.row,
        ragCol,
        facts.ref,
        `"${text}" is not a RAG rating: use GREEN, AMBER or RED (or G, A, R), or a status such as On target, Within tolerance, Off target or For info only.`,
      );
    return;
  }
  // 'For info only', grey, 'Data only', 'Baseline year': the indicator is not rated, so there is nothing to recompute.
  if ('unrated' in reading || !enabled('rag-mismatch')) return;
  const valueCell = ctx.cell(facts.row, valueCol);
  const expected = recomputedRag(facts, valueCell);
  if (!expected) {
    metMismatch(ctx, emit, facts, valueCell, ragCol, text, reading.rags, label);
    return;
  }
  if (reading.rags.includes(expected)) return;
  // Without a floor standard the only sure judgement is a figure on its target. RED there is wrong under any
  // banding; AMBER may be a near miss whose published figure was rounded onto the target, so it is let be.
  if (facts.floor === null && reading.rags.includes('AMBER')) return;
  const v = numberIn(valueCell)!;
  const fmt = valueCell.kind === 'number' ? valueCell.format : facts.targetCell.format;
  const onFloor = facts.floor !== null && Math.abs(v - facts.floor) <= 1e-9 * Math.max(1, Math.abs(v));
  const floorShown = facts.floor === null ? '' : formatNumber(facts.floor, facts.floorCell.format || fmt);
  const reason = ragReason(
    expected,
    formatNumber(v, fmt),
    formatNumber(facts.target!, facts.targetCell.format),
    floorShown,
    facts.polarity ?? 'higher',
    onFloor,
  );
  emit('rag-mismatch', facts.row, ragCol, facts.ref, `${label} says ${text} but ${reason}: should be ${expected}.`);
}

/**
 * Without a floor standard a rating cannot be recomputed, but whether the target was met
 * can, where the polarity is known: a status saying met (GREEN, Yes, ✓, Target met) on a
 * figure that misses its target, or saying not met on one that beats it, is wrong under
 * any banding.
 */
function metMismatch(
  ctx: GridContext,
  emit: Emit,
  facts: RowFacts,
  valueCell: Cell,
  ragCol: number,
  text: string,
  rags: readonly Rag[],
  label: string,
): void {
  const v = numberIn(valueCell);
  if (v === null || facts.floor !== null || facts.target === null || !facts.polarity || facts.scaleTrouble) return;
  if (same(v, facts.target)) return;
  const met = facts.polarity === 'higher' ? v > facts.target : v < facts.target;
  const saysMet = rags.length === 1 && rags[0] === 'GREEN';
  const saysNotMet = !rags.includes('GREEN');
  if ((met && !saysNotMet) || (!met && !saysMet)) return;
  const fmt = valueCell.kind === 'number' ? valueCell.format : facts.targetCell.format;
  const target = formatNumber(facts.target, facts.targetCell.format);
  const relation = met ? `meets the target of ${target}` : `does not meet the target of ${target}`;
  const t = text.trim().toLowerCase();
  const should = /^(y|yes|n|no|true|false)$/.test(t)
    ? met
      ? 'Yes'
      : 'No'
    : /^[✓✔☑✅✗✘×☒❌]$/u.test(text.trim())
      ? met
        ? '✓'
        : '✗'
      : met
        ? 'met (GREEN)'
        : 'not met';
  emit(
    'rag-mismatch',
    facts.row,
    ragCol,
    facts.ref,
    `${label} says ${text} but ${formatNumber(v, fmt)} ${relation} (${facts.polarity} is better): should be ${should}.`,
  );
}

function check(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean): void {
  const { rag, ytdRag, ytd } = ctx.grid.columns;
  const label = (col: number | undefined) => collapseSpaces((col !== undefined && ctx.grid.headers[col]) || 'RAG');
  const ragLabel = label(rag);
  const ytdRagLabel = label(ytdRag);
  for (const facts of ctx.rows) {
    if (rag !== undefined && ctx.current) checkOne(ctx, emit, enabled, facts, rag, ctx.current.col, ragLabel);
    if (ytdRag !== undefined && ytd !== undefined) checkOne(ctx, emit, enabled, facts, ytdRag, ytd, ytdRagLabel);
  }
}

export const ragRules: RuleFamily = { rules, check };
