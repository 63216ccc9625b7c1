/**
 * Ribbon commands (the manifest's ExecuteFunction button). "Check return" reads the
 * active sheet, checks it with the settings saved in the workbook and marks the failing
 * cells, without opening the pane: the marks are the result. The run is written to the
 * audit trail as the pane's runs are.
 */
import { checkWorkbook } from '../engine';
import { createOfficeHost } from '../excel';
import { loadConfig, localToday, runCheck as runCheckOnce, userMessage } from '../taskpane/run-check';
import { recordCheckRun } from '../taskpane/signoff/record-check';

export async function runCheck(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const host = createOfficeHost();
    const { config } = await loadConfig(host);
    const run = await runCheckOnce(host, checkWorkbook, config, 'sheet', config.asOf ?? localToday());
    await recordCheckRun(run.snapshot, run.trail);
    const { errors, warnings } = run.snapshot.result.summary;
    if (run.markError) console.error(`Outturn: ${errors} errors and ${warnings} warnings found, but not marked: ${run.markError}`);
    else console.info(`Outturn: ${errors} errors and ${warnings} warnings marked.`);
  } catch (err) {
    // No UI here: Office shows nothing for a failed command, so say it in the log.
    console.error(`Outturn: ${userMessage(err)}`);
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('runCheck', runCheck);
});
