/**
 * The ribbon's "Check return" (ExecuteFunction runCheck) tells the user what it found, or
 * why it could not check, in a small dialog, and completes the event in every path, only
 * once the dialog is closed. Office.context.ui is the reference-strict stub in
 * ./dialog-stub.ts over the simulator.
 */
import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { createOfficeHost } from '../../src/excel';
import { OfficeTrailStore } from '../../src/excel/trail-office';
import { verifyTrail } from '../../src/signoff/trail';
import { setTrailStore } from '../../src/taskpane/signoff/trail-client';
import { readDialogMessage, type DialogMessage } from '../../src/dialog/message';
import { MELTON_AS_OF, MELTON_SHEET, meltonWorkbook } from '../fixtures';
import { installDialogStub, type DialogStub } from './dialog-stub';

type Commands = typeof import('../../src/commands/commands');

let sim: Simulator;
let stub: DialogStub | null = null;
const g = globalThis as { location?: unknown };

afterEach(() => {
  stub?.uninstall();
  stub = null;
  sim.uninstall();
  delete g.location;
  jest.restoreAllMocks();
});

/** The Melton return in the simulator, commands.ts loaded as Office loads the function file (https://localhost:3000/commands.html). */
async function loadCommands(opts: { protectedSheet?: boolean; dialogs?: boolean } = {}): Promise<Commands> {
  const input = workbookInputFromExcelJS(meltonWorkbook());
  if (opts.protectedSheet) input.sheets[0].protected = true;
  sim = createSimulator(input).install();
  setTrailStore(null);
  await createOfficeHost().saveSettings({ asOf: MELTON_AS_OF });
  g.location = new URL('https://localhost:3000/commands.html');
  if (opts.dialogs !== false) stub = installDialogStub('https://localhost:3000');
  let mod: Commands | undefined;
  await jest.isolateModulesAsync(async () => {
    mod = await import('../../src/commands/commands');
  });
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  return mod!;
}

const event = () => ({ completed: jest.fn() });

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Start the command and wait for its dialog; the message it carries, read as the dialog page reads it. */
async function runToDialog(
  cmd: Commands,
  e: ReturnType<typeof event>,
): Promise<{ done: Promise<void>; message: DialogMessage; url: URL }> {
  const done = cmd.checkFromRibbon(e as unknown as Office.AddinCommands.Event);
  await until(() => stub!.opened.length === 1, 'the dialog');
  const url = new URL(stub!.opened[0].url);
  return { done, message: readDialogMessage(url.search), url };
}

test("after marking, a dialog on the add-in's origin says how many errors and warnings were marked; completed once it closes", async () => {
  const cmd = await loadCommands();
  const e = event();
  const { done, message, url } = await runToDialog(cmd, e);
  expect(url.origin + url.pathname).toBe('https://localhost:3000/dialog.html');
  expect(stub!.opened[0].options).toEqual({ height: 30, width: 35, displayInIframe: true });

  // The counts are the ones the check recorded in the trail.
  const trail = await new OfficeTrailStore().load();
  const check = verifyTrail(trail.entries, trail.head).records[0];
  if (check.type !== 'check') throw new Error('expected a check record');
  const { errors } = check.payload.counts;
  expect(errors).toBeGreaterThan(0);
  expect(message).toEqual(expect.objectContaining({ kind: 'error', closeAfterSeconds: 8 }));
  expect(message.title).toMatch(new RegExp(`^${errors} errors and \\d+ warnings marked$`));
  expect(message.lines[0]).toMatch(/^\d+ indicators checked\.$/);
  expect(sim.sheet(MELTON_SHEET).conditionalFormats.length).toBeGreaterThan(0);

  // Not completed while the dialog is up (completing would close it on Mac).
  await new Promise((r) => setTimeout(r, 20));
  expect(e.completed).not.toHaveBeenCalled();
  stub!.pageSays('close'); // the page's OK button, or its countdown
  await done;
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(stub!.opened[0].closed).toBe(true);
});

test('on a protected sheet the dialog says what was found and why nothing was marked, and stays until the user closes it', async () => {
  const cmd = await loadCommands({ protectedSheet: true });
  const e = event();
  const { done, message } = await runToDialog(cmd, e);
  expect(message.kind).toBe('error');
  expect(message.title).toMatch(/^\d+ errors and \d+ warnings found, but not marked$/);
  expect(message.lines[0]).toMatch(/protected.*Unprotect/);
  expect(message.closeAfterSeconds).toBeNull();
  expect(sim.sheet(MELTON_SHEET).conditionalFormats.filter((cf) => /outturn:/.test(cf.formula ?? ''))).toEqual([]);
  stub!.userCloses(); // the dialog's X: DialogEventReceived 12006
  await done;
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(console.error).toHaveBeenCalledWith(
    expect.stringMatching(/^Outturn: \d+ errors and \d+ warnings found, but not marked: .*protected/),
  );
});

test('with a cell in edit mode the dialog says to finish editing; nothing is marked or recorded', async () => {
  const cmd = await loadCommands();
  sim.setCellEditMode(true);
  const e = event();
  const { done, message } = await runToDialog(cmd, e);
  expect(message).toEqual({
    kind: 'error',
    title: 'Outturn could not check this sheet',
    lines: [expect.stringMatching(/while a cell is being edited\. Press Enter or Esc/)],
    closeAfterSeconds: null,
  });
  stub!.pageSays('close');
  await done;
  expect(e.completed).toHaveBeenCalledTimes(1);
  sim.setCellEditMode(false);
  expect(sim.sheet(MELTON_SHEET).conditionalFormats.filter((cf) => /outturn:/.test(cf.formula ?? ''))).toEqual([]);
  const trail = await new OfficeTrailStore().load();
  expect(trail.entries).toEqual([]);
});

test('when Office refuses the dialog (one already open: 12007) the command still completes and logs the result', async () => {
  const cmd = await loadCommands();
  stub!.failNext(12007, 'A dialog box is already opened from this host window.');
  const e = event();
  await cmd.checkFromRibbon(e as unknown as Office.AddinCommands.Event);
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(stub!.opened).toEqual([]);
  expect(console.info).toHaveBeenCalledWith(expect.stringMatching(/^Outturn: \d+ errors and \d+ warnings marked\.$/));
  expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/12007/));
});

test('where Office has no dialogs (DialogApi 1.1 missing) it completes and the console has the summary', async () => {
  const cmd = await loadCommands({ dialogs: false });
  const e = event();
  await cmd.checkFromRibbon(e as unknown as Office.AddinCommands.Event);
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(console.info).toHaveBeenCalledWith(expect.stringMatching(/^Outturn: \d+ errors and \d+ warnings marked\.$/));
  expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/DialogApi 1\.1/));
});

test('a dialog nobody closes is closed by the command itself, which then completes', async () => {
  const cmd = await loadCommands();
  cmd.DIALOG_TIMEOUT_MS.summary = 50;
  const e = event();
  const { done } = await runToDialog(cmd, e);
  await done;
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(stub!.opened[0].closed).toBe(true);
});

test('the stub is as strict as Office: http and other origins are refused', async () => {
  await loadCommands();
  const { showDialog } = await import('../../src/excel/dialog');
  const size = { heightPercent: 30, widthPercent: 35, timeoutMs: 1000 };
  expect(await showDialog('http://localhost:3000/dialog.html', size)).toEqual({
    shown: false,
    reason: expect.stringMatching(/12005/),
  });
  expect(await showDialog('https://evil.example/dialog.html', size)).toEqual({
    shown: false,
    reason: expect.stringMatching(/12004/),
  });
  expect(stub!.opened).toEqual([]);
});
