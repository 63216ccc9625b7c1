import type { RuleInfo } from '../model/finding';
import { formatNumber } from '../format';
import { numberIn, percentFormat as isPercentFormat } from '../values';
import type { Emit, GridContext, RuleFamily } from './types';

const rules: RuleInfo[] = [
  {
    id: 'ratio-mismatch',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Numerator / denominator do not give the value',
    description:
      'Where a row has a numerator and a denominator, their quotient must give the stated current value (as a fraction for percentages), within the ratio tolerance (default 0.5 %).',
    example: 'Numerator 800 / denominator 1,000 gives 80% but Latest Month says 82%: should be 80%.',
  },
];

function check(ctx: GridContext, emit: Emit): void {
  const { numerator, denominator } = ctx.grid.columns;
  if (numerator === undefined || denominator === undefined || !ctx.current) return;
  const tol = ctx.config.tolerances.ratio;
  for (const facts of ctx.rows) {
    if (facts.current === null) continue;
    const numCell = ctx.cell(facts.row, numerator);
    const denCell = ctx.cell(facts.row, denominator);
    const num = numberIn(numCell);
    const den = numberIn(denCell);
    if (num === null || den === null || den === 0) continue;
    const v = facts.current;
    const pctCell = isPercentFormat(facts.currentCell.format);
    // A percentage typed as points (82 rather than 0.82) is reported by scale-mismatch; compare like with like.
    const ratio = !pctCell && facts.percent && Math.abs(v) > 1 ? (num / den) * 100 : num / den;
    if (Math.abs(ratio - v) <= tol * Math.max(Math.abs(ratio), Math.abs(v), 1e-12)) continue;
    const fmt = facts.currentCell.format;
    const given = formatNumber(ratio, fmt);
    emit(
      'ratio-mismatch',
      facts.row,
      ctx.current.col,
      facts.ref,
      `Numerator ${formatNumber(num, numCell.format)} / denominator ${formatNumber(den, denCell.format)} gives ${given} but ${ctx.current.label} says ${formatNumber(v, fmt)}: should be ${given}.`,
    );
  }
}

export const ratioRules: RuleFamily = { rules, check };
