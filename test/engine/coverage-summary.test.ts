/**
 * The ribbon's Check summary and the coverage sentence every surface shows (issue #21):
 * unchecked figures are never summarised as clean.
 */
import { outcomeMessage } from '../../src/commands/summary';
import { coverageLine, coverageTotals, uncheckedSentence } from '../../src/engine/rules/coverage';

const full = coverageTotals([
  {
    figureCells: 40,
    checkedCells: 40,
    uncheckedCells: 0,
    indicators: 10,
    indicatorsUnchecked: 0,
    understood: [],
    unchecked: [],
  },
]);
const partial = coverageTotals([
  {
    figureCells: 40,
    checkedCells: 12,
    uncheckedCells: 28,
    indicators: 14,
    indicatorsUnchecked: 14,
    understood: [],
    unchecked: [{ column: 'D', header: 'Outturn so far', holds: 'figures', cells: 28 }],
  },
]);

test('the coverage line and the sentence the result line adds', () => {
  expect(coverageLine(full)).toBe('Coverage: 40 of 40 figure cells checked (100 %)');
  expect(uncheckedSentence(full)).toBe('');
  expect(coverageLine(partial)).toBe('Coverage: 12 of 40 figure cells checked (30.0 %)');
  expect(uncheckedSentence(partial)).toBe('but the figures of 14 indicators were not checked: map the columns');
});

test('the ribbon summary of a check that left figures unchecked is a warning that stays until OK', () => {
  const m = outcomeMessage({ errors: 0, warnings: 1, indicators: 14, grids: 1, notices: [], coverage: partial });
  expect(m.kind).toBe('warning');
  expect(m.title).toBe('0 errors and 1 warning, but figures not checked');
  expect(m.lines[0]).toBe('0 errors — but the figures of 14 indicators were not checked: map the columns.');
  expect(m.closeAfterSeconds).toBeNull();
});

test('a fully checked clean return is still summarised as before', () => {
  const m = outcomeMessage({ errors: 0, warnings: 0, indicators: 10, grids: 1, notices: [], coverage: full });
  expect(m).toMatchObject({ kind: 'info', title: 'No errors or warnings' });
});
