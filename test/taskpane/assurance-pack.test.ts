/**
 * The assurance pack from the pane, against the Office.js simulator with the clean Melton
 * return: the pane checks, signs with a working papers link (recorded beside each indicator,
 * not hashed), and builds the pack with the same function and page as `outturn report`. It is
 * downloaded on Windows and the web; on Mac it goes to the dialog page in parts through
 * Dialog.messageChild once the page says it listens, and without DialogApi 1.2 it is shown in
 * the pane.
 */
import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { createOfficeHost } from '../../src/excel/office-host';
import { checkWorkbook } from '../../src/engine';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { checkInPane } from '../../src/taskpane/run-check';
import { setTrailStore, trailStore } from '../../src/taskpane/signoff/trail-client';
import { signFromPane } from '../../src/taskpane/signoff/pane-actions';
import { auditWorkingPapers, paperLinks, refsSigned } from '../../src/app/evidence';
import { verifyTrail } from '../../src/signoff/trail';
import { deliverPack, panePack, type PackIo } from '../../src/taskpane/pack/pane-pack';
import { packRoute } from '../../src/taskpane/pack/pack-route';
import { PackAssembler, PACK_READY } from '../../src/dialog/pack-message';
import { dialogMessagesSupported, showPackDialog } from '../../src/excel/dialog';
import { diagnosticsPlatform, workbookFileName } from '../../src/excel/pack-office';
import { MELTON_AS_OF, meltonClean } from '../fixtures';

const SHAREPOINT = 'https://melton.sharepoint.com/sites/performance/Working%20papers/July%202017';
const NOW = new Date('2017-08-21T10:00:00Z');

let sim: Simulator;
beforeEach(() => {
  sim = createSimulator(workbookInputFromExcelJS(meltonClean()), {
    documentUrl:
      'https://melton.sharepoint.com/sites/performance/Shared%20Documents/Corporate%20PIs%20July%202017.xlsx',
  }).install();
  setTrailStore(null);
});
afterEach(() => {
  sim.uninstall();
  setTrailStore(null);
});

type OfficeStub = {
  context: Record<string, unknown> & { requirements: { isSetSupported(n: string, v?: string): boolean } };
  [k: string]: unknown;
};
const office = () => (globalThis as unknown as { Office: OfficeStub }).Office;

async function checkAndSign(link: string | null) {
  const run = await checkInPane(createOfficeHost(), checkWorkbook, DEFAULT_CONFIG, 'sheet', MELTON_AS_OF);
  const links = link
    ? paperLinks(refsSigned(run.snapshot, null).map((ref) => ({ ref, link })))
    : ({ ok: true, papers: [] } as const);
  if (!links.ok) throw new Error(links.problem);
  const out = await signFromPane(
    run.snapshot,
    {
      role: 'compiler',
      signer: { identity: { name: 'Alan Pritchard', source: 'typed' } },
      statementConfirmed: true,
      bulkReason: 'Commentary agreed with the service',
      evidence: links.papers,
    },
    { now: () => NOW },
  );
  if (!out.signed) throw new Error(out.refusals.map((r) => r.message).join(' '));
  return run.snapshot;
}

test('a signature from the pane records the link beside each indicator; the trail verifies; the audit names it as a link, not hashed', async () => {
  const snapshot = await checkAndSign(SHAREPOINT);
  const trail = await trailStore().load();
  const v = verifyTrail(trail.entries, trail.head);
  expect(v.ok).toBe(true);
  const sign = v.records.find((r) => r.type === 'sign');
  if (sign?.type !== 'sign') throw new Error('no signature');
  const refs = refsSigned(snapshot, null);
  expect(refs.length).toBeGreaterThan(5);
  expect(sign.payload.evidence).toEqual(refs.map((ref) => ({ ref, link: SHAREPOINT })));
  // Nothing to re-hash: the audit's evidence check reads no file for a link.
  const read = jest.fn(() => null);
  const audit = auditWorkingPapers(v.records, read);
  expect(read).not.toHaveBeenCalled();
  expect(audit.findings).toEqual([]);
  expect(audit.links.map((l) => l.ref)).toEqual(refs);
  expect(audit.lines[0]).toBe(
    `${refs[0]}: ${SHAREPOINT} (link, not hashed: signed in record ${sign.seq} (Alan Pritchard)).`,
  );
});

test('the pack built in the pane is the report page: cover, the signature, the working papers link', async () => {
  const snapshot = await checkAndSign(SHAREPOINT);
  const name = workbookFileName();
  expect(name).toBe('Corporate PIs July 2017.xlsx');
  const built = panePack(snapshot, await trailStore().load(), name, NOW);
  expect(built.fileName).toBe('Corporate PIs July 2017 assurance pack 2017-08-21.html');
  expect(built.html).toMatch(/^<!doctype html>/i);
  expect(built.html).toContain('<h1>Assurance pack</h1>');
  expect(built.html).toContain('<h2 id="cover-h">Cover</h2>');
  expect(built.html).toContain('Corporate PIs July 2017.xlsx');
  expect(built.html).toContain('Alan Pritchard');
  expect(built.html).toContain(`Kept at <a href="${SHAREPOINT}">`);
  expect(built.pack.indicators[0].workingPapers.links).toEqual([
    { link: SHAREPOINT, seq: expect.any(Number), name: 'Alan Pritchard' },
  ]);
  // Who recorded the link is said beside it, and that a link is not hashed.
  expect(built.html).toMatch(/Recorded with the signature of Alan Pritchard \(record \d+\); a link is not hashed\./);
  expect(built.pack.trail.ok).toBe(true);
});

test('Windows and the web download it; Mac sends it to the dialog; without a dialog it is shown in the pane', async () => {
  const snapshot = await checkAndSign(null);
  const built = panePack(snapshot, await trailStore().load(), 'Return.xlsx', NOW);
  const downloads: string[][] = [];
  const sent: string[] = [];
  let dialogWorks = true;
  const io: PackIo = {
    download: (text, file, mime) => downloads.push([text, file, mime]),
    dialog: async (url, ready, parts) => {
      expect(url).toBe('https://localhost:3000/dialog.html?pack=1');
      expect(ready).toBe(PACK_READY);
      sent.push(...parts);
      return dialogWorks ? { shown: true } : { shown: false, reason: '12007: a dialog is already open' };
    },
    pageUrl: 'https://localhost:3000/taskpane.html?_host_Info=Excel',
  };
  // The simulator is Office on the web.
  expect(diagnosticsPlatform()).toBe('OfficeOnline');
  const web = await deliverPack(built, packRoute(diagnosticsPlatform(), dialogMessagesSupported()), io);
  expect(web.route).toBe('download');
  expect(downloads).toEqual([[built.html, 'Return assurance pack 2017-08-21.html', 'text/html;charset=utf-8']]);

  const mac = await deliverPack(built, packRoute('Mac', true), io);
  expect(mac.route).toBe('dialog');
  const assembler = new PackAssembler();
  const whole = sent.map((p) => assembler.add(p)).at(-1);
  expect(sent.length).toBe(Math.ceil(built.html.length / 32_000));
  expect(whole).toBe(built.html);

  dialogWorks = false;
  const failed = await deliverPack(built, packRoute('Mac', true), io);
  expect(failed.route).toBe('pane');
  expect(failed.message).toContain('12007');
  expect((await deliverPack(built, packRoute('iOS', false), io)).route).toBe('pane');
  expect(downloads).toHaveLength(1);
});

test('showPackDialog opens the dialog page and sends the parts only once the page says it listens', async () => {
  const o = office();
  const handlers: Record<string, (arg: unknown) => void> = {};
  const messages: string[] = [];
  const closed = jest.fn();
  const supported = o.context.requirements.isSetSupported;
  o.context.requirements.isSetSupported = (n: string, v?: string) =>
    n === 'DialogApi' ? Number((v ?? '1.1').split('.')[1]) <= 2 : supported(n, v);
  o.AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' };
  o.EventType = { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' };
  let opened = '';
  o.context.ui = {
    displayDialogAsync: (url: string, _opts: unknown, cb: (r: unknown) => void) => {
      opened = url;
      cb({
        status: 'succeeded',
        value: {
          addEventHandler: (type: string, h: (arg: unknown) => void) => (handlers[type] = h),
          messageChild: (m: string) => messages.push(m),
          close: closed,
        },
      });
    },
  };
  o.context.diagnostics = { platform: 'Mac' };
  expect(diagnosticsPlatform()).toBe('Mac');
  expect(dialogMessagesSupported()).toBe(true);
  const shown = showPackDialog('https://localhost:3000/dialog.html?pack=1', PACK_READY, ['a', 'b']);
  expect(opened).toBe('https://localhost:3000/dialog.html?pack=1');
  expect(messages).toEqual([]);
  handlers.dialogMessageReceived({ message: PACK_READY });
  await expect(shown).resolves.toEqual({ shown: true });
  expect(messages).toEqual(['a', 'b']);
  // Without DialogApi 1.2 nothing is opened.
  o.context.requirements.isSetSupported = (n: string, v?: string) =>
    n === 'DialogApi' ? (v ?? '1.1') === '1.1' : supported(n, v);
  expect(dialogMessagesSupported()).toBe(false);
  await expect(showPackDialog('x', PACK_READY, ['a'])).resolves.toEqual({
    shown: false,
    reason: expect.stringContaining('DialogApi 1.2'),
  });
});
