/**
 * What the Sign-off form shows before signing, from the use case's preview, on the Melton
 * return as the pane checks it (errors left on CS01): the person the trail would record, each
 * indicator left out once with why, no second sentence restating that list, and a refusal
 * that does not list the blocked indicators a third time.
 */
import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { createOfficeHost } from '../../src/excel/office-host';
import { checkWorkbook } from '../../src/engine';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { checkInPane } from '../../src/taskpane/run-check';
import { setTrailStore } from '../../src/taskpane/signoff/trail-client';
import { checkedOf } from '../../src/taskpane/signoff/pane-actions';
import { identityFor } from '../../src/taskpane/signoff/trail-client';
import { previewSignature, refusalLines, type Refusal } from '../../src/app';
import { MELTON_AS_OF, meltonWorkbook } from '../fixtures';

let sim: Simulator;
beforeEach(() => {
  sim = createSimulator(workbookInputFromExcelJS(meltonWorkbook())).install();
  setTrailStore(null);
});
afterEach(() => {
  sim.uninstall();
  setTrailStore(null);
});

const account = { upn: 'alan.pritchard@melton.gov.uk' };

async function preview(name: string, role: 'compiler' | 'responsible-officer') {
  const run = await checkInPane(createOfficeHost(), checkWorkbook, DEFAULT_CONFIG, 'sheet', MELTON_AS_OF);
  const signer = { identity: identityFor(name, account), account, accountConfirmed: true };
  return previewSignature([], checkedOf(run.snapshot), { role, signer });
}

test('the preview names the person the trail records, from the same identity, typed name and account', async () => {
  const p = await preview('Alan Pritchard', 'compiler');
  expect(p.signerLabel).toBe('Alan Pritchard (alan.pritchard@melton.gov.uk)');
  expect(identityFor('Alan Pritchard', account)).toMatchObject({ name: 'Alan Pritchard', upn: account.upn });
});

test('each blocked indicator once, with why; the sentence restating them is not among the notes; a refusal points back', async () => {
  const p = await preview('Alan Pritchard', 'compiler');
  const refs = p.notNow.map((b) => b.ref);
  expect(new Set(refs).size).toBe(refs.length);
  expect(p.notNow.length).toBeGreaterThan(0);
  for (const b of p.notNow) expect(b.reason).not.toBe('');
  for (const note of p.notes) for (const b of p.notNow) expect(note.message).not.toContain(`${b.ref} (`);

  // A refusal listing every blocked indicator again is not repeated; a reason of its own is kept.
  const restated: Refusal = {
    code: 'errors',
    message: `None of Alan Pritchard's indicators can be signed as compiler now: ${p.notNow.map((b) => `${b.ref} (${b.reason})`).join('; ')}.`,
    listsPlan: true,
  };
  const own: Refusal = { code: 'statement-unconfirmed', message: 'Confirm the statement for the compiler to sign.' };
  const lines = refusalLines([own, restated], p);
  expect(lines[0]).toBe(own.message);
  expect(lines).toHaveLength(2);
  expect(lines.join(' ')).not.toContain(p.notNow[0].ref + ' (');
  expect(refusalLines([own], p)).toEqual([own.message]);
  // Decided by the rules' marker, not by the wording: a sentence of its own that happens to name
  // every blocked indicator is still said.
  const named: Refusal = {
    code: 'order',
    message: `Sign ${p.notNow.map((b) => b.ref).join(', ')} after the compiler.`,
  };
  expect(refusalLines([named], p)).toEqual([named.message]);
});
