/**
 * The compact cell store (src/engine/model/cell-store.ts): the cells it gives back are the
 * cells it was given, in any order a reader delivers them, and a check over a store-backed
 * sheet finds exactly what it finds over the same sheet held as arrays of Cells, without
 * ever building the arrays.
 */
import * as fs from 'node:fs';
import { REAL_RETURNS, realReturnFile } from '../../fixtures/real';
import { CellStoreBuilder } from '../../../src/engine/model/cell-store';
import { makeCell, type Cell } from '../../../src/engine/model/cell';
import {
  blankAt,
  cellAt,
  figureAt,
  formatAt,
  formulaOrNumberAt,
  kindAt,
  shapeOfCells,
  sheetBottom,
  sheetRight,
  sheetRow,
  storeSheet,
  type SheetModel,
} from '../../../src/engine/model/sheet';
import { checkWorkbook } from '../../../src/engine/check';
import { DEFAULT_CONFIG } from '../../../src/engine/model/config';
import { readXlsx } from '../../../src/workbook/xlsx/read';

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

  it('answers the formula rules without building cells, as an array-backed sheet of the same cells does', () => {
    const withUnknownText: [number, number, Cell][] = [...cells, [3, 1, { ...makeCell(7), formula: true }]];
    const store = storeOf(withUnknownText);
    const arrays: SheetModel = { name: 'PIs', top: 0, left: 0, cells: [] };
    for (const [r, c, cell] of withUnknownText) (arrays.cells[r] ??= [])[c] = cell;
    const asked: [number, number, string | boolean][] = [
      [2, 1, true], // a number typed in
      [2, 2, false], // a date is not a typed number
      [2, 3, '=B3/0'], // a formula (an error result)
      [2, 5, '=SUM(A1:A2)'],
      [3, 1, ''], // a formula whose text was not kept
      [0, 0, false], // text
      [2, 6, false], // a hole
      [99, 0, false], // below the sheet
    ];
    for (const [r, c, want] of asked) {
      expect([r, c, formulaOrNumberAt(store, r, c)]).toEqual([r, c, want]);
      expect([r, c, formulaOrNumberAt(arrays, r, c)]).toEqual([r, c, want]);
    }
  });

  it('gives back every cell as it was put: kind, value, format, formula and its text', () => {
    const sheet = storeOf(cells);
    for (const [r, c, cell] of cells) expect(cellAt(sheet, r, c)).toEqual(cell);
    expect(cellAt(sheet, 2, 2).kind).toBe('date');
    expect(cellAt(sheet, 2, 3)).toEqual({
      kind: 'error',
      value: '#DIV/0!',
      format: 'General',
      formula: true,
      formulaText: '=B3/0',
    });
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
    const put = (b: CellStoreBuilder, r: number) => {
      for (let c = 0; c < 7; c++) b.put(r * 3, c, 'number', r * 10 + c, 0);
    };
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

  it('costs about 7 bytes a cell for the numbers a return holds, not an object', () => {
    const b = new CellStoreBuilder();
    const f = b.formatId('0.0%');
    for (let r = 0; r < 10_000; r++) for (let c = 0; c < 21; c++) b.put(r, c, 'number', r + c / 100, f);
    const store = b.build();
    expect(store.size).toBe(210_000);
    expect(store.bytes / store.size).toBeLessThan(7.5);
    expect(store.cell(9_999, 20)?.value).toBe(9_999 + 20 / 100);
    // Numbers no scale holds (thirds, measured doubles) cost 8 bytes more, and still come back exactly.
    const w = new CellStoreBuilder();
    const g = w.formatId('General');
    for (let r = 0; r < 10_000; r++) for (let c = 0; c < 21; c++) w.put(r, c, 'number', r / 3 + c / 7, g);
    const wide = w.build();
    expect(wide.bytes / wide.size).toBeLessThan(15.5);
    expect(wide.numberAt(9_998, 20)).toBe(9_998 / 3 + 20 / 7);
  });

  it('gives back every number bit for bit: percentages as typed, decimals, integers at the Int32 edges, -0, NaN, infinities', () => {
    const values: number[] = [
      0,
      1,
      -1,
      0.974,
      12.5,
      0.1 + 0.2,
      1 / 3,
      43300.5,
      43300.75,
      1e-7,
      5e-324,
      1e15,
      123456789.123,
      2 ** 31 - 1,
      -(2 ** 31),
      2 ** 31,
      -(2 ** 31) - 1,
      214748.3647,
      -0,
      NaN,
      Infinity,
      -Infinity,
      Number.MAX_VALUE,
      -1234.5678,
    ];
    // Every percentage as a CSV or a person types it: "83.4%" is read as Number('83.4') / 100.
    for (let t = 0; t <= 1000; t++)
      values.push(
        Number((t / 10).toFixed(1)) / 100,
        Number((t / 100).toFixed(2)) / 100,
        Number(`${t}.25`) / 100,
        Number(`-${t}.5`) / 100,
      );
    for (let t = 0; t <= 1000; t++) values.push(Number((t / 1000).toFixed(3)), Number((t * 1.01).toFixed(4)));
    for (const kind of ['number', 'date'] as const) {
      const b = new CellStoreBuilder();
      const f = b.formatId('0.0%');
      values.forEach((v, i) => b.put(i >> 4, i & 15, kind, v, f));
      const store = b.build();
      const back = values.map((_, i) => store.numberAt(i >> 4, i & 15));
      const wrong = values.filter((v, i) => !Object.is(back[i], v));
      expect(wrong).toEqual([]);
      values.forEach((v, i) => {
        if (i % 97 === 0) expect(Object.is(store.cell(i >> 4, i & 15)?.value, v)).toBe(true);
      });
    }
  });

  it('widens a chunk to two bytes once a column passes 255 or a sheet has more than 256 formats, keeping what came before', () => {
    const b = new CellStoreBuilder();
    const formats = Array.from({ length: 300 }, (_, i) => b.formatId(`0.${'0'.repeat(i % 10)}"${i}"`));
    for (let c = 0; c < 300; c++) b.put(0, c, 'number', c + 0.5, formats[c]);
    b.put(1, 16_383, 'text', b.textId('far right'), formats[299]);
    for (let r = 2; r < 70_000; r++) b.put(r, r % 200, 'number', r, formats[r % 250]); // a second chunk
    const store = b.build();
    for (const c of [0, 1, 254, 255, 256, 299]) {
      expect(store.cell(0, c)?.value).toBe(c + 0.5);
      expect(store.cell(0, c)?.format).toBe(`0.${'0'.repeat(c % 10)}"${c}"`);
    }
    expect(store.cell(1, 16_383)?.value).toBe('far right');
    expect(store.cell(69_999, 69_999 % 200)?.value).toBe(69_999);
    const last = 69_999 % 250;
    expect(store.cell(69_999, 69_999 % 200)?.format).toBe(`0.${'0'.repeat(last % 10)}"${last}"`);
  });

  it('sorts out-of-order cells holding wide numbers, wide columns and texts without mixing them up', () => {
    const b = new CellStoreBuilder();
    const f = b.formatId('General');
    for (let r = 999; r >= 0; r--) {
      b.put(r, 300, 'number', r / 3, f);
      b.put(r, 2, 'text', b.textId(`PI ${r}`), f);
      b.put(r, 0, 'number', r / 10, f);
    }
    const store = b.build();
    for (const r of [0, 1, 500, 999]) {
      expect(store.numberAt(r, 300)).toBe(r / 3);
      expect(store.cell(r, 2)?.value).toBe(`PI ${r}`);
      expect(store.numberAt(r, 0)).toBe(r / 10);
    }
    expect(store.rowWidth(7)).toBe(301);
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
    const asArrays: SheetModel[] = stored.map((s) => ({
      name: s.name,
      top: s.top,
      left: s.left,
      cells: s.store!.toRows(),
      ...(s.merged ? { merged: s.merged } : {}),
    }));
    const fromArrays = checkWorkbook(asArrays, DEFAULT_CONFIG, options);
    expect(fromStore.findings).toEqual(fromArrays.findings);
    expect(fromStore.findings.length + fromStore.grids.length).toBeGreaterThan(0);
  });
});

describe("a store's readings without building cells say what its cells say", () => {
  // What the rules ask of every figure cell (rules/context.ts): the same answers as reading the Cell, on every
  // cell of every published return (and one row and column past the edges), and on cells another program may write.
  const isBlank = (c: Cell) => c.kind === 'empty' || (c.kind === 'text' && (c.value as string).trim() === '');
  const agree = (sheet: SheetModel) => {
    const store = sheet.store!;
    let asked = 0;
    for (let r = -1; r <= store.height; r++) {
      const row = sheetRow(sheet, r);
      expect(store.rowShape(r)).toEqual(shapeOfCells(r >= 0 ? row : undefined));
      const unusable: number[] = [];
      for (let c = 0; c <= store.width; c++) {
        const cell = cellAt(sheet, r, c);
        expect([r, c, kindAt(sheet, r, c)]).toEqual([r, c, cell.kind]);
        expect([r, c, formatAt(sheet, r, c)]).toEqual([r, c, cell.format]);
        expect([r, c, blankAt(sheet, r, c)]).toEqual([r, c, isBlank(cell)]);
        const figure = figureAt(sheet, r, c);
        if (cell.kind === 'number') expect(Object.is(figure, cell.value)).toBe(true);
        else expect(figure).toBeNaN();
        if (cell.kind === 'error' || (cell.kind === 'number' && !Number.isFinite(cell.value))) unusable.push(c);
        asked++;
      }
      expect(store.unusableIn(r, 0, store.width)).toEqual(unusable);
    }
    return asked;
  };

  it.each(REAL_RETURNS.map((r) => r.name))('%s (seeded)', (name) => {
    const book = readXlsx(fs.readFileSync(realReturnFile(name, 'seeded')));
    for (const sheet of book.models.values()) expect(agree(sheet)).toBeGreaterThan(0);
  });

  it('on numbers no cell can hold, errors, blanks of spaces and formats', () => {
    const sheet = storeOf([
      [0, 0, makeCell(NaN)],
      [0, 1, makeCell(Infinity, '0%')],
      [0, 2, makeCell('#N/A', 'General', '=NA()', true)],
      [0, 3, makeCell('   ')],
      [0, 4, makeCell(-0, '0.0')],
      [0, 6, makeCell(0.1 + 0.2, '0.00')],
      [1, 2, makeCell('Sarah Khan')],
      [1, 3, makeCell(null, '0.0%')],
    ]);
    expect(agree(sheet)).toBe(4 * 8); // rows -1 to 2, columns 0 to 7
    expect(sheet.store!.unusableIn(0, 0, 7)).toEqual([0, 1, 2]);
    expect(sheet.store!.unusableIn(0, 1, 1)).toEqual([1]); // only the columns asked
    expect(sheet.store!.rowShape(0)).toEqual({ nonEmpty: 5, text: 0, numbers: 4 }); // the blank of spaces is not counted
  });
});
