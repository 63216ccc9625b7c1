import type { Grid } from '../engine/model/grid';
import type { SheetModel } from '../engine/model/sheet';
import { cellAt } from '../engine/model/sheet';

export interface SeriesPoint {
  label: string;
  /** null where the period holds no number (blank, annotation, error). */
  value: number | null;
}

/** Sheet + ref to the indicator's period values, for the sparkline beside its findings. */
export type SeriesByRef = Map<string, SeriesPoint[]>;

export function seriesKey(sheet: string, ref: string): string {
  return `${sheet}\u0000${ref}`;
}

/** Read each indicator's period values (Apr … Mar or Q1 … Q4) from the grids that have period columns. */
export function indicatorSeries(grids: readonly Grid[], sheets: readonly SheetModel[]): SeriesByRef {
  const out: SeriesByRef = new Map();
  for (const grid of grids) {
    const refCol = grid.columns.ref;
    const sheet = sheets.find((s) => s.name === grid.sheet);
    if (refCol === undefined || !sheet || grid.periods.length < 2) continue;
    for (const row of grid.indicatorRows) {
      const ref = cellAt(sheet, row, refCol);
      if (ref.kind === 'empty' || ref.value === null) continue;
      const points = grid.periods.map((p) => {
        const c = cellAt(sheet, row, p.col);
        return { label: p.label, value: c.kind === 'number' && typeof c.value === 'number' ? c.value : null };
      });
      // Periods after the last reported one (Aug … Mar in a July return) are not part of the trend yet.
      while (points.length && points[points.length - 1].value === null) points.pop();
      if (points.filter((p) => p.value !== null).length >= 2)
        out.set(seriesKey(grid.sheet, String(ref.value).trim()), points);
    }
  }
  return out;
}

/** Sheet + ref to the indicator's description as written in the grid, for group headings. */
export function indicatorDescriptions(grids: readonly Grid[], sheets: readonly SheetModel[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const grid of grids) {
    const refCol = grid.columns.ref;
    const descCol = grid.columns.description;
    const sheet = sheets.find((s) => s.name === grid.sheet);
    if (refCol === undefined || descCol === undefined || !sheet) continue;
    for (const row of grid.indicatorRows) {
      const ref = cellAt(sheet, row, refCol);
      const desc = cellAt(sheet, row, descCol);
      if (ref.kind === 'empty' || ref.value === null || desc.kind === 'empty' || desc.value === null) continue;
      const key = seriesKey(grid.sheet, String(ref.value).trim());
      if (!out.has(key)) out.set(key, String(desc.value).trim());
    }
  }
  return out;
}
