/**
 * Ribbon commands (the manifest's ExecuteFunction button). "Check return" reads the
 * active sheet, checks it with the settings saved in the workbook and marks the failing
 * cells, without opening the pane. The run is written to the audit trail as the pane's
 * runs are. It then tells the user what it found, or why it could not, in a small dialog
 * (src/dialog), and completes the event only once that dialog is closed: completing
 * earlier closes the dialog on Mac and blocks the next one (src/excel/dialog.ts).
 */
import { checkWorkbook } from '../engine';
import { createOfficeHost } from '../excel';
import { showDialog, type DialogOutcome } from '../excel/dialog';
import { dialogUrl, type DialogMessage } from '../dialog/message';
import { loadConfig, localToday, checkInPane, userMessage } from '../taskpane/run-check';
import { recordCheckRun } from '../taskpane/signoff/record-check';
import { failureMessage, outcomeMessage } from './summary';

/** The dialog stays up to this long when nobody closes it (a function command must complete in time). */
export const DIALOG_TIMEOUT_MS = { summary: 20_000, problem: 180_000 };

async function checkActiveSheet(): Promise<DialogMessage> {
  try {
    const host = createOfficeHost();
    const { config } = await loadConfig(host);
    const run = await checkInPane(host, checkWorkbook, config, 'sheet', config.asOf ?? localToday());
    await recordCheckRun(run.snapshot, run.trail);
    const { result } = run.snapshot;
    const { errors, warnings } = result.summary;
    const message = outcomeMessage({
      errors,
      warnings,
      indicators: result.indicators,
      grids: result.grids.length,
      markError: run.markError,
      notices: run.notices.map((n) => n.text),
      coverage: result.coverage,
    });
    if (run.markError) console.error(`Outturn: ${message.title}: ${run.markError}`);
    else console.info(`Outturn: ${message.title}.`);
    return message;
  } catch (err) {
    const reason = userMessage(err);
    console.error(`Outturn: ${reason}`);
    return failureMessage(reason);
  }
}

/** Show the message; never throws. Where no dialog can open the console line above is all there is. */
export async function tellUser(message: DialogMessage): Promise<DialogOutcome> {
  const page = globalThis.location?.href;
  if (!page || !/^https:/i.test(page)) return { shown: false, reason: 'the function file is not on https' };
  const outcome = await showDialog(dialogUrl(page, message), {
    heightPercent: 30,
    widthPercent: 35,
    timeoutMs: message.closeAfterSeconds === null ? DIALOG_TIMEOUT_MS.problem : DIALOG_TIMEOUT_MS.summary,
  });
  if (!outcome.shown) console.warn(`Outturn: ${outcome.reason}; the result is in the console only.`);
  return outcome;
}

export async function checkFromRibbon(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await tellUser(await checkActiveSheet());
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('runCheck', checkFromRibbon);
});
