/** After Check: how many marked cells are out of the grid's view, and where "Go to first" goes. */
import type { Finding } from '../../src/engine/model/finding';
import { marksInView, marksInViewSentence } from '../../src/taskpane/marks-in-view';

const finding = (cell: string, severity: Finding['severity'] = 'error'): Finding => ({
  sheet: 'Corporate PIs',
  cell,
  rule: 'rag-consistency',
  dimension: 'accuracy',
  severity,
  ref: 'CS01',
  message: 'RAG says GREEN but 94.0% is below the target of 95.0%: should be AMBER.',
});

const findings = [finding('B6'), finding('T6'), finding('W10', 'warning'), finding('Y15', 'warning')];
const columnsAToJ = (_sheet: string, address: string) => /^[A-J]\d+$/.test(address);

test('counts the marked cells outside the visible area and goes to the first of them', () => {
  const m = marksInView(findings, columnsAToJ);
  expect(m).toEqual({ total: 4, outOfView: 3, first: { sheet: 'Corporate PIs', address: 'T6' } });
  expect(marksInViewSentence(m)).toBe('3 of the 4 cells marked are out of view.');
});

test('every mark in view, or a host that cannot tell (Office.js has no visible-window range)', () => {
  expect(marksInViewSentence(marksInView(findings, () => true))).toBe('All 4 cells marked are in view.');
  const unknown = marksInView(findings);
  expect(unknown.outOfView).toBeNull();
  expect(unknown.first).toEqual({ sheet: 'Corporate PIs', address: 'B6' });
  expect(marksInViewSentence(unknown)).toBe('4 cells marked in the grid.');
  expect(marksInView([{ ...finding('A1', 'info') }]).total).toBe(0);
});
