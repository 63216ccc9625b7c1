import type { RuleInfo } from '../model/finding';
import { formatNumber } from '../format';
import { collapseSpaces } from '../text';
import { classify, numberIn, V } from '../values';
import type { Emit, GridContext, RuleFamily } from './types';

const rules: RuleInfo[] = [
  {
    id: 'range-mismatch',
    dimension: 'accuracy',
    severity: 'error',
    title: '"In expected range?" does not match the thresholds',
    description:
      'For activity indicators, "In expected range?" recomputed from the result and the upper and lower thresholds (both inclusive): Yes inside them, Above or Below outside. "No" is accepted for either side.',
    example: 'In expected range? says Yes but 18 is below the lower threshold of 20: should be Below.',
  },
];

type Range = 'Yes' | 'Above' | 'Below' | 'No';

function parseRange(text: string): Range | null {
  const t = text.trim().toLowerCase();
  return rangeWord(t) ?? rangeWord(/^[a-z]+/.exec(t)?.[0] ?? '');
}

function rangeWord(word: string): Range | null {
  switch (word) {
    case 'yes':
    case 'y':
    case 'within':
    case 'within range':
    case 'in range':
    case 'true':
      return 'Yes';
    case 'above':
    case 'high':
    case 'over':
    case 'above range':
    case 'too high':
      return 'Above';
    case 'below':
    case 'low':
    case 'under':
    case 'below range':
    case 'too low':
      return 'Below';
    case 'no':
    case 'n':
    case 'false':
    case 'outside':
    case 'out of range':
      return 'No';
    default:
      return null;
  }
}

function check(ctx: GridContext, emit: Emit): void {
  const { inRange, upperThreshold, lowerThreshold } = ctx.grid.columns;
  if (inRange === undefined || (upperThreshold === undefined && lowerThreshold === undefined) || !ctx.current) return;
  const label = collapseSpaces(ctx.grid.headers[inRange] ?? 'In expected range?');
  for (const facts of ctx.rows) {
    const stated = ctx.cell(facts.row, inRange);
    const cls = classify(stated, ctx.annotations);
    if (cls === V.empty || cls === V.annotation || cls === V.error) continue;
    const v = facts.current;
    if (v === null) continue;
    const upperCell = upperThreshold !== undefined ? ctx.cell(facts.row, upperThreshold) : null;
    const lowerCell = lowerThreshold !== undefined ? ctx.cell(facts.row, lowerThreshold) : null;
    const upper = upperCell ? numberIn(upperCell) : null;
    const lower = lowerCell ? numberIn(lowerCell) : null;
    if (upper === null && lower === null) continue;
    const fmt = facts.currentCell.format;
    const shown = formatNumber(v, fmt);
    let expected: Range = 'Yes';
    let why: string;
    if (upper !== null && v > upper) {
      expected = 'Above';
      why = `${shown} is above the upper threshold of ${formatNumber(upper, upperCell!.format)}`;
    } else if (lower !== null && v < lower) {
      expected = 'Below';
      why = `${shown} is below the lower threshold of ${formatNumber(lower, lowerCell!.format)}`;
    } else {
      why =
        upper !== null && lower !== null
          ? `${shown} is within the thresholds of ${formatNumber(lower, lowerCell!.format)} to ${formatNumber(upper, upperCell!.format)}`
          : `${shown} is within the threshold`;
    }
    const text = String(stated.value).trim();
    const said = parseRange(text);
    if (said === expected || (said === 'No' && expected !== 'Yes')) continue;
    emit(
      'range-mismatch',
      facts.row,
      inRange,
      facts.ref,
      said === null
        ? `${label} says "${text}", which is not Yes, Above or Below; ${why}: should be ${expected}.`
        : `${label} says ${text} but ${why}: should be ${expected}.`,
    );
  }
}

export const rangeRules: RuleFamily = { rules, check };
