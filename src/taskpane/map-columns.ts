import type { WorkbookHost } from '../excel/host';
import type { OutturnConfig } from '../engine/model/config';
import { type ColumnChoice, withColumnChoices } from '../app/column-mapping';
import { recordConfigChange } from './signoff/record-check';
import { userMessage } from './run-check';

export interface ColumnsSaved {
  config: OutturnConfig;
  /** Said when the settings were saved but the audit trail could not record the change. */
  warning?: string;
}

/**
 * Save the compiler's column choices in the workbook's settings, as the Settings tab saves
 * any change, and record the change in the audit trail: the next check reads the columns.
 * Throws (a host error with a sentence) when the settings could not be saved.
 */
export async function saveColumnChoices(
  host: Pick<WorkbookHost, 'saveSettings'>,
  config: OutturnConfig,
  choices: readonly ColumnChoice[],
): Promise<ColumnsSaved> {
  const next = withColumnChoices(config, choices);
  await host.saveSettings(next);
  try {
    await recordConfigChange(next); // an auditor sees which mapping later checks ran with
    return { config: next };
  } catch (err) {
    return {
      config: next,
      warning: `The column mapping was saved but could not be written to the audit trail: ${userMessage(err)}`,
    };
  }
}
