/**
 * The compact cell store (src/engine/model/cell-store.ts): the cells it gives back are the
 * cells it was given, in any order a reader delivers them, and a check over a store-backed
 * sheet finds exactly what it finds over the same sheet held as arrays of Cells, without
 * ever building the arrays.
 */
import * as fs from 'node:fs';
import { REAL_RETURNS, realReturnFile } from '../fixtures/real';
import { CellStoreBuilder } from '../../src/engine/model/cell-store';
import { makeCell, type Cell } from '../../src/engine/model/cell';
import { cellAt, sheetBottom, sheetRight, sheetRow, storeSheet, type SheetModel } from '../../src/engine/model/sheet';
import { checkWorkbook } from '../../src/engine/check';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { readXlsx } from '../../src/workbook/xlsx/read';

function storeOf(cells: [number, number, Cell][], merged?: string[]): SheetModel {
  const b = new CellStoreBuilder(['GREEN', 'Sarah Khan']);
  for (const [r, c, cell] of cells) b.putCell(r, c, cell);
  return storeSheet('PIs', b.build(), merged);
}

describe('CellStore', () => {
  const cells: [number, number, Cell][] = [
    [0, 0, makeCell('Ref')],
    [0, 3, makeCell('Target')],
    [2, 0, makeCell('PI 1')],
    [2, 1, makeCell(0.974, '0.0%')],
    [2, 2, makeCell(43300, 'dd/mm/yyyy')],
    [2, 3, makeCell('#DIV/0!', 'General', '=B3/0', true)],
    [2, 4, makeCell(true)],
    [2, 5, makeCell(1234.5, '#,##0.0,,\\m', '=SUM(A1:A2)')],
    [2, 7, makeCell(null, '0%')],
    [4, 16383, makeCell('far right')],
  ];

  it('gives back every cell as it was put: kind, value, format, formula and its text', () => {
    const sheet = storeOf(cells);
    for (const [r, c, cell] of cells) expect(cellAt(sheet, r, c)).toEqual(cell);
    expect(cellAt(sheet, 2, 2).kind).toBe('date');
    expect(cellAt(sheet, 2, 3)).toEqual({ kind: 'error', value: '#DIV/0!', format: 'General', formula: true, formulaText: '=B3/0' });
    expect(cellAt(sheet, 1, 0).kind).toBe('empty'); // a row with no cells
    expect(cellAt(sheet, 2, 6).kind).toBe('empty'); // a hole in a row
    expect(cellAt(sheet, 99, 0).kind).toBe('empty'); // below the sheet
    expect(sheetBottom(sheet)).toBe(4);
    expect(sheetRight(sheet)).toBe(16383);
  });

  it('sorts cells delivered out of order, the later of two at one address winning', () => {
    const shuffled: [number, number, Cell][] = [...cells].reverse();
    shuffled.push([2, 1, makeCell(0.5, '0%')]);
    const sheet = storeOf(shuffled);
    expect(cellAt(sheet, 2, 1)).toEqual(makeCell(0.5, '0%'));
    expect(cellAt(sheet, 0, 3)).toEqual(makeCell('Target'));
    expect(sheetRow(sheet, 2)?.filter(Boolean)).toHaveLength(7);
  });

  it('builds the classic arrays only when asked, and they equal the cells put', () => {
    const sheet = storeOf(cells);
    const store = sheet.store!;
    expect(store.materialised).toBe(0);
    const rows = sheet.cells;
    expect(store.materialised).toBe(1);
    expect(rows[2][1]).toEqual(makeCell(0.974, '0.0%'));
    expect(rows[1]).toBeUndefined();
    expect(rows).toHaveLength(5);
    void sheet.cells;
    expect(store.materialised).toBe(1); // built once
  });

  it('empties the covered cells of a merged area and keeps the top-left one', () => {
    const b = new CellStoreBuilder();
    for (let r = 5; r <= 10; r++) b.putCell(r, 23, makeCell(r === 5 ? 'Helen Ward' : 'stale text under the merge'));
    const store = b.build((r, c) => c === 23 && r > 5 && r <= 10);
    expect(store.cell(5, 23)?.value).toBe('Helen Ward');
    for (let r = 6; r <= 10; r++) expect(store.cell(r, 23)?.kind).toBe('empty');
  });

  it('keeps text as indexes into the shared strings it was given', () => {
    const b = new CellStoreBuilder(['GREEN', 'Sarah Khan']);
    b.put(0, 0, 'text', 1, b.formatId('General'));
    b.put(0, 1, 'text', b.textId('inline text'), b.formatId('@'));
    b.put(0, 2, 'text', b.textId('inline text'), b.formatId('@'));
    const store = b.build();
    expect(store.cell(0, 0)).toEqual(makeCell('Sarah Khan'));
    expect(store.cell(0, 1)).toEqual(makeCell('inline text', '@'));
    expect(store.cell(0, 2)?.value).toBe('inline text');
    expect(store.kindAt(0, 1)).toBe('text');
    expect(Number.isNaN(store.numberAt(0, 1))).toBe(true);
  });

  it('keeps cells across chunks of 65,536, in order or not, with empty rows between', () => {
    const put = (b: CellStoreBuilder, r: number) => { for (let c = 0; c < 7; c++) b.put(r * 3, c, 'number', r * 10 + c, 0); };
    const inOrder = new CellStoreBuilder();
    inOrder.formatId('General');
    for (let r = 0; r < 20_000; r++) put(inOrder, r);
    const reversed = new CellStoreBuilder();
    reversed.formatId('General');
    for (let r = 19_999; r >= 0; r--) put(reversed, r);
    // A reader that starts in order and goes wrong part way (after the first chunk).
    const late = new CellStoreBuilder();
    late.formatId('General');
    for (let r = 0; r < 20_000; r++) if (r !== 12_345) put(late, r);
    put(late, 12_345);
    for (const b of [inOrder, reversed, late]) {
      const store = b.build(undefined, 60_010);
      expect(store.size).toBe(140_000);
      expect(store.height).toBe(60_010);
      for (const r of [0, 1, 9_362, 12_345, 19_999]) {
        expect(store.cell(r * 3, 6)?.value).toBe(r * 10 + 6);
        expect(store.cell(r * 3 + 1, 0)).toBeUndefined();
      }
      expect(store.rowWidth(59_997)).toBe(7);
    }
  });

  it('costs a few bytes a cell, not an object', () => {
    const b = new CellStoreBuilder();
    const f = b.formatId('0.0%');
    for (let r = 0; r < 10_000; r++) for (let c = 0; c < 21; c++) b.put(r, c, 'number', r + c / 100, f);
    const store = b.build();
    expect(store.size).toBe(210_000);
    expect(store.bytes / store.size).toBeLessThan(14);
  });
});

describe('the engine over a store-backed sheet', () => {
  // The published returns as rebuilt by openpyxl, XlsxWriter and LibreOffice (test/fixtures/real/SOURCES.md), seeded with errors.
  const names = REAL_RETURNS.map((r) => r.name);

  it.each(names)('%s (seeded): the same findings as over arrays of Cells, and the arrays are never built', (name) => {
    const book = readXlsx(fs.readFileSync(realReturnFile(name, 'seeded')));
    const stored = [...book.models.values()];
    expect(stored.every((s) => s.store !== undefined)).toBe(true);
    const options = { today: '2018-04-20' };
    const fromStore = checkWorkbook(stored, DEFAULT_CONFIG, options);
    expect(stored.map((s) => s.store!.materialised)).toEqual(stored.map(() => 0));
    // The same sheets as plain arrays (what the Office.js adapter hands the engine).
    const asArrays: SheetModel[] = stored.map((s) => ({ name: s.name, top: s.top, left: s.left, cells: s.store!.toRows(), ...(s.merged ? { merged: s.merged } : {}) }));
    const fromArrays = checkWorkbook(asArrays, DEFAULT_CONFIG, options);
    expect(fromStore.findings).toEqual(fromArrays.findings);
    expect(fromStore.findings.length + fromStore.grids.length).toBeGreaterThan(0);
  });
});
