import type { RuleInfo } from '../model/finding';
import { a1, rangeA1 } from '../model/address';
import { formulaCellsOf, formulaOrNumberAt, type FormulaCellText } from '../model/sheet';
import { classify, textIn, V } from '../values';
import { FormulaTemplates, parseFormula, referencesFrom, type FormulaTemplate, type Reference } from './formula-text';
import { cellKey as cycleKey, cellsOnCycles, cycleFrom } from './formula-cycles';
import { checkTotalRows } from './formula-total-row';
import type { Emit, GridContext, RuleFamily } from './types';

const rules: RuleInfo[] = [
  {
    id: 'formula-inconsistent',
    dimension: 'accuracy',
    severity: 'warning',
    title: 'Formula differs from the pattern of its column or row',
    description:
      "A formula that does what its neighbours do (the same functions) but refers to other cells than theirs, compared in relative R1C1 form: at least three formulas of the column (or of the row's period cells) share one pattern, at least two thirds of them, and this one breaks it. Formulas that do something else (an AVERAGE among SUMs, for a rate among counts) are not compared. In a Total row (a row labelled Total under the rows it adds), a sum of another column's rows instead of its own is reported too.",
    example:
      '=SUM(D7:F7) differs from the formula of the other cells of Year to Date (=SUM(D5:G5) in H5, the same in 3 of 4): check the cells it refers to.',
  },
  {
    id: 'formula-constant',
    dimension: 'accuracy',
    severity: 'warning',
    title: 'A number typed among formulas',
    description:
      "A figure typed as a number in a column where the other figures are formulas (at least three formulas, and at least three times as many formulas as typed numbers): the usual way a total stops following its periods. A typed figure equal to one of its row's period figures (a snapshot's year to date) is not reported. Enter the formula its neighbours have, or say why it is typed in the commentary. A total typed in a Total row whose other totals are sums of their columns is reported the same way.",
    example:
      '2,400 is typed as a number where the other cells of Year to Date hold formulas (=SUM(D5:G5) in H5): enter the formula.',
  },
  {
    id: 'formula-sum-range',
    dimension: 'accuracy',
    severity: 'error',
    title: 'SUM or AVERAGE misses a figure of its row',
    description:
      "A year-to-date (or a total over bodies) written as one SUM or AVERAGE of its row's period cells leaves out a period to date (or a body) that has a figure: the range stops a month short, or starts a month late. The same for a Total row's SUM down its column that leaves out a row above it with a figure.",
    example: '=SUM(D5:F5) in Year to Date leaves out Jul (G5), which has a figure: the range should take it in.',
  },
  {
    id: 'formula-ref-empty',
    dimension: 'accuracy',
    severity: 'warning',
    title: 'Formula refers to an empty cell',
    description:
      "A figure's formula refers to a single cell of its own sheet that is empty, so Excel counts it as 0: a reference that slipped, or a figure still to come.",
    example: '=D5/E5 refers to E5, which is empty (Excel takes it as 0): check the reference.',
  },
  {
    id: 'formula-ref-outside',
    dimension: 'accuracy',
    severity: 'warning',
    title: 'Formula refers outside the grid',
    description:
      "A figure's formula refers to cells of its own sheet outside the grid of indicators (a working cell to the side, a row below the table), which nobody signing the return sees: check them, or bring them into the return.",
    example: '=D5*AA5 refers to AA5, outside the grid of indicators (A4:P20): check it, or bring it into the return.',
  },
  {
    id: 'formula-volatile',
    dimension: 'accuracy',
    severity: 'warning',
    title: 'Volatile function in a figure',
    description:
      "A figure's formula calls INDIRECT, OFFSET, NOW, TODAY, RAND or RANDBETWEEN: its result changes with the day it is opened or with cells it does not name, so the figure signed may not be the figure read later. Enter the figure, or refer to its cells directly.",
    example:
      '=OFFSET(D5,0,3) calls OFFSET, whose result depends on cells it does not name: refer to the cells directly, or enter the figure.',
  },
  {
    id: 'formula-circular',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Circular reference in a figure',
    description:
      "A figure's formula refers to its own cell, directly or through the formulas of other cells of its sheet: Excel cannot work it out, keeps what it last computed (or 0), and the figure read is not the figure its formula would give. Break the circle: the total refers to its periods, never to itself.",
    example:
      '=SUM(D5:H5) in H5 refers to itself (H5 → H5): Excel cannot work it out, so the figure shown is not its result. Take its own cell out of the formula.',
  },
];

/** A figure's formula: where it sits, its text as the sheet holds it, and the template of its pattern. */
interface FormulaCell {
  row: number;
  col: number;
  /** As the sheet holds it, with or without its '='. */
  written: string;
  template: FormulaTemplate;
  /** Its references as they read in its cell, once asked for (the circle walk and the reference checks both want them). */
  refs: Reference[] | undefined;
}

/** The formula as shown in a message: '=SUM(D5:G5)'. */
const shown = (f: FormulaCell) => (f.written.startsWith('=') ? f.written : `=${f.written}`);

/** The formula's references as they read in its own cell. */
const referencesOfCell = (f: FormulaCell) => (f.refs ??= referencesFrom(f.template, f.row, f.col));

/** The share of formulas that must follow one pattern before a different one is reported. */
const PATTERN_SHARE = 2 / 3;
const MIN_PATTERN = 3;

function check(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean): void {
  const g = ctx.grid;
  const cols = g.columns;
  const figureCols = new Set<number>(g.periods.map((p) => p.col));
  for (const c of [cols.ytd, cols.latest, cols.result, cols.previousYear, cols.numerator, cols.denominator])
    if (c !== undefined) figureCols.add(c);
  for (const b of g.bodies ?? []) figureCols.add(b.col);
  if (g.bodyTotal) figureCols.add(g.bodyTotal.col);
  // Formula cells of the figure columns, by column, each list top to bottom.
  const byCol = new Map<number, FormulaCell[]>();
  const isIndicator = new Uint8Array(g.bottom - g.top + 1);
  for (const row of g.indicatorRows) if (row >= g.top && row <= g.bottom) isIndicator[row - g.top] = 1;
  const indicatorRow = (row: number) => row >= g.top && row <= g.bottom && isIndicator[row - g.top] === 1;
  // Read from the sheet's list of formulas, not by asking each of the grid's figure cells (a grid of
  // 100,000 rows and 15 figure columns is 1.5 million questions for a few thousand formulas).
  const sheetFormulas = formulaCellsOf(ctx.sheet);
  // A pattern copied down a column is read once (formula-text.ts: FormulaTemplates).
  const templates = new FormulaTemplates();
  let any = false;
  for (let i = firstAtOrBelow(sheetFormulas, g.top); i < sheetFormulas.length; i++) {
    const { row, col, text: written } = sheetFormulas[i];
    if (row > g.bottom) break;
    if (!figureCols.has(col) || !indicatorRow(row)) continue;
    any = true;
    const f: FormulaCell = { row, col, written, template: templates.of(written, row, col), refs: undefined };
    const list = byCol.get(col);
    if (list) list.push(f);
    else byCol.set(col, [f]);
  }
  if (!any) return;
  const label = (col: number) => g.headers[col] ?? 'this column';
  // The indicator's ref, read for the row reported only (as RowFacts.ref reads it).
  const refOf = (row: number) => (cols.ref !== undefined ? textIn(ctx.cell(row, cols.ref)) : '') || null;
  const reported = new Set<string>();
  const typedIn = (col: number) => {
    const out: { row: number; col: number; value: number }[] = [];
    for (const row of g.indicatorRows) {
      const c = ctx.cell(row, col);
      if (!c.formula && c.kind === 'number') out.push({ row, col, value: c.value as number });
    }
    return out;
  };
  // Numbers typed in a column, counted only as far as the rule needs: past a third of its formulas it is not reported.
  const typedCountUpTo = (col: number, most: number) => {
    let count = 0;
    for (const row of g.indicatorRows) if (formulaOrNumberAt(ctx.sheet, row, col) === true && ++count > most) break;
    return count;
  };
  const key = (row: number, col: number) => `${row}:${col}`;

  // A SUM or AVERAGE of the row's periods that leaves a period to date with a figure out.
  if (enabled('formula-sum-range')) {
    const spans: { col: number; expected: { col: number; label: string }[] }[] = [];
    if (cols.ytd !== undefined && g.periods.length > 0) {
      const pos = ctx.currentPeriodPos >= 0 ? ctx.currentPeriodPos : g.periods.length - 1;
      const current = g.periods[pos];
      spans.push({
        col: cols.ytd,
        expected: g.periods.slice(0, pos + 1).filter((p) => p.kind === current.kind && p.year === current.year),
      });
    }
    if (g.bodyTotal && g.bodies) spans.push({ col: g.bodyTotal.col, expected: g.bodies });
    for (const span of spans) {
      // The periods a formula's range leaves out, or null for a formula over other cells (not a sum of the
      // periods). In one column, formulas of one template whose references all move with their row leave out
      // the same periods: worked out once for them.
      const leftOutOf = (f: FormulaCell): { col: number; label: string }[] | null => {
        const refs = referencesOfCell(f).filter((r) => r.sheet === null && r.top <= f.row && r.bottom >= f.row);
        const within = (col: number) => refs.some((r) => r.left <= col && r.right >= col);
        if (!span.expected.some((p) => within(p.col))) return null;
        return span.expected.filter((p) => !within(p.col));
      };
      const byTemplate = new Map<FormulaTemplate, { col: number; label: string }[] | null>();
      for (const f of byCol.get(span.col) ?? []) {
        if (!f.template.aggregate) continue;
        let leftOut: { col: number; label: string }[] | null | undefined;
        if (movesWithRow(f.template)) {
          leftOut = byTemplate.get(f.template);
          if (leftOut === undefined) byTemplate.set(f.template, (leftOut = leftOutOf(f)));
        } else leftOut = leftOutOf(f);
        if (leftOut === null || leftOut.length === 0) continue; // a formula over other cells, or one that takes in every period
        const left = leftOut.filter((p) => classify(ctx.cell(f.row, p.col), ctx.annotations) === V.number);
        if (left.length === 0) continue;
        reported.add(key(f.row, f.col));
        emit(
          'formula-sum-range',
          f.row,
          f.col,
          refOf(f.row),
          `${shown(f)} in ${label(f.col)} leaves out ${left.map((p) => `${p.label} (${a1(f.row, p.col)})`).join(', ')}, which ${left.length > 1 ? 'have figures' : 'has a figure'}: the range should take ${left.length > 1 ? 'them' : 'it'} in.`,
        );
      }
    }
  }

  // A Total row's sums run down their columns: checked before the patterns, which they would break (formula-total-row.ts).
  checkTotalRows(ctx, emit, enabled, { figureCols, reported, refOf });

  // A formula that breaks the pattern of its column, or of its row's period cells.
  if (enabled('formula-inconsistent')) {
    const groups: FormulaCell[][] = [...byCol.values()];
    const periodCols = new Set(g.periods.map((p) => p.col));
    const byRow = new Map<number, FormulaCell[]>();
    for (const list of byCol.values())
      for (const f of list)
        if (periodCols.has(f.col)) {
          const r = byRow.get(f.row) ?? [];
          r.push(f);
          byRow.set(f.row, r);
        }
    for (const list of byRow.values()) groups.push(list); // (not push(...): a grid of formulas has too many rows for one call's arguments)
    for (const group of groups) {
      const bySkeleton = new Map<string, FormulaCell[]>();
      for (const f of group) {
        const s = f.template.skeleton;
        const list = bySkeleton.get(s);
        if (list) list.push(f);
        else bySkeleton.set(s, [f]);
      }
      for (const same of bySkeleton.values()) {
        if (same.length < MIN_PATTERN + 1) continue;
        const patterns = new Map<string, FormulaCell[]>();
        for (const f of same) {
          const p = f.template.r1c1;
          const list = patterns.get(p);
          if (list) list.push(f);
          else patterns.set(p, [f]);
        }
        const [main] = [...patterns.values()].sort((a, b) => b.length - a.length);
        if (main.length < MIN_PATTERN || main.length < PATTERN_SHARE * same.length) continue;
        const alongRow = same.every((f) => f.row === same[0].row) && same.length > 1;
        // Those that follow it are those of its relative R1C1 form.
        const pattern = main[0].template.r1c1;
        for (const f of same) {
          if (f.template.r1c1 === pattern || reported.has(key(f.row, f.col))) continue;
          reported.add(key(f.row, f.col));
          // The pattern shown by the nearest cell that follows it and reads differently (the same text may mean other cells).
          const nearest =
            main
              .filter((m) => m.written !== f.written)
              .sort(
                (a, b) =>
                  Math.abs(a.row - f.row) +
                  Math.abs(a.col - f.col) -
                  (Math.abs(b.row - f.row) + Math.abs(b.col - f.col)),
              )[0] ?? main[0];
          const where = alongRow ? `the other period cells of its row` : `the other cells of ${label(f.col)}`;
          emit(
            'formula-inconsistent',
            f.row,
            f.col,
            refOf(f.row),
            `${shown(f)} in ${a1(f.row, f.col)} does not follow the pattern of ${where} (${shown(nearest)} in ${a1(nearest.row, nearest.col)}; ${main.length} of ${same.length} follow it): it refers to other cells than theirs, relative to its place. Check the cells it refers to.`,
          );
        }
      }
    }
  }

  // A number typed where the column's other figures are formulas.
  if (enabled('formula-constant'))
    for (const [col, formulas] of byCol) {
      if (formulas.length < MIN_PATTERN) continue;
      const count = typedCountUpTo(col, Math.floor(formulas.length / 3));
      if (count === 0 || formulas.length < 3 * count) continue;
      for (const n of typedIn(col)) {
        // A snapshot's year to date is its latest period's figure, typed: not a total that stopped following.
        if (g.periods.some((p) => p.col !== col && ctx.cell(n.row, p.col).value === n.value)) continue;
        emit(
          'formula-constant',
          n.row,
          n.col,
          refOf(n.row),
          `${n.value} is typed as a number where the other cells of ${label(col)} hold formulas (${shown(formulas[0])} in ${a1(formulas[0].row, formulas[0].col)}): enter the formula, or say in the commentary why it is typed.`,
        );
      }
    }

  // Circular references, references to empty cells or outside the grid, and volatile functions.
  const formulaAt = (row: number, col: number): string | null => {
    const c = formulaOrNumberAt(ctx.sheet, row, col);
    return typeof c === 'string' && c !== '' ? c : null;
  };
  const inGrid = (r: Reference) => r.top >= g.top && r.bottom <= g.bottom && r.left >= g.left && r.right <= g.right;
  // The figures' formulas are read already: a walk over references asks the sheet only about other cells,
  // and reads the references of those once each.
  const scanned = (row: number, col: number) => figureCols.has(col) && indicatorRow(row);
  // A figure's formula, found in its column's list (top to bottom) by halving.
  const figureFormula = (row: number, col: number): FormulaCell | undefined => {
    const list = byCol.get(col);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].row === row) return list[mid];
      if (list[mid].row < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  const knownFormulaAt = (row: number, col: number): string | null =>
    scanned(row, col) ? (figureFormula(row, col)?.written ?? null) : formulaAt(row, col);
  // The formula cells of a range, from the sheet's list of formulas (row by row): no cell of the range is asked.
  const formulaCellsIn = (top: number, left: number, bottom: number, right: number): number[] => {
    const out: number[] = [];
    for (let k = firstAtOrBelow(sheetFormulas, top); k < sheetFormulas.length; k++) {
      const f = sheetFormulas[k];
      if (f.row > bottom) break;
      if (f.col >= left && f.col <= right) out.push(cycleKey(f.row, f.col));
    }
    return out;
  };
  const otherFormulas = new Map<number, Reference[]>();
  const referencesAt = (row: number, col: number, text: string): Reference[] => {
    const k = cycleKey(row, col);
    const figure = scanned(row, col) ? figureFormula(row, col) : undefined;
    const known = (figure ? referencesOfCell(figure) : undefined) ?? otherFormulas.get(k);
    if (known) return known;
    const refs = parseFormula(text).references;
    otherFormulas.set(k, refs);
    return refs;
  };
  // Only the cells on a circle need the walk that names its chain.
  const onCycles = enabled('formula-circular')
    ? cellsOnCycles(allFormulas(byCol), knownFormulaAt, ctx.sheet.name, referencesAt, formulaCellsIn)
    : null;
  for (const list of byCol.values())
    for (const f of list) {
      const fn = f.template.volatile;
      if (fn && enabled('formula-volatile'))
        emit(
          'formula-volatile',
          f.row,
          f.col,
          refOf(f.row),
          `${shown(f)} calls ${fn}, whose result ${fn === 'NOW' || fn === 'TODAY' || fn.startsWith('RAND') ? 'changes each time the workbook is calculated' : 'depends on cells it does not name'}: refer to the cells directly, or enter the figure.`,
        );
      if (enabled('formula-circular') && (onCycles === null || onCycles.has(cycleKey(f.row, f.col)))) {
        const cycle = cycleFrom(f.row, f.col, knownFormulaAt, ctx.sheet.name, referencesAt);
        if (cycle)
          emit(
            'formula-circular',
            f.row,
            f.col,
            refOf(f.row),
            `${shown(f)} in ${a1(f.row, f.col)} refers to itself (${cycle.join(' → ')}): Excel cannot work it out, so the figure shown is not its result. Take its own cell out of the formula.`,
          );
      }
      // References to its own sheet outside the grid, and (single cells) inside it: lists made only when found.
      let outside: Reference[] | null = null;
      let inside: Reference[] | null = null;
      for (const r of referencesOfCell(f)) {
        if (r.sheet !== null && r.sheet !== ctx.sheet.name) continue;
        if (!inGrid(r)) (outside ??= []).push(r);
        else if (r.top === r.bottom && r.left === r.right) (inside ??= []).push(r);
      }
      if (outside && enabled('formula-ref-outside'))
        emit(
          'formula-ref-outside',
          f.row,
          f.col,
          refOf(f.row),
          `${shown(f)} refers to ${outside.map((r) => (r.top === r.bottom && r.left === r.right ? a1(r.top, r.left) : rangeA1(r.top, r.left, r.bottom, r.right))).join(', ')}, outside the grid of indicators (${rangeA1(g.top, g.left, g.bottom, g.right)}): check it, or bring it into the return.`,
        );
      if (!inside || !enabled('formula-ref-empty')) continue;
      const empty = inside.filter((r) => ctx.cell(r.top, r.left).kind === 'empty');
      if (empty.length > 0)
        emit(
          'formula-ref-empty',
          f.row,
          f.col,
          refOf(f.row),
          `${shown(f)} refers to ${empty.map((r) => a1(r.top, r.left)).join(', ')}, which ${empty.length > 1 ? 'are' : 'is'} empty (Excel takes ${empty.length > 1 ? 'them' : 'it'} as 0): check the reference.`,
        );
    }
}

/** Whether every reference of a template to its own sheet moves with the formula's row (no $ before a row). */
function movesWithRow(t: FormulaTemplate): boolean {
  return t.parsed.written.every((w) => w.sheet !== null || (!w.absR1 && !w.second?.absR));
}

/** Every figure formula of the grid, column by column. */
function allFormulas(byCol: Map<number, FormulaCell[]>): FormulaCell[] {
  const out: FormulaCell[] = [];
  for (const list of byCol.values()) for (const f of list) out.push(f);
  return out;
}

/** The index of the first of the sheet's formulas (row by row) on `row` or below it. */
function firstAtOrBelow(list: readonly FormulaCellText[], row: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].row < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const formulaRules: RuleFamily = { rules, check };
