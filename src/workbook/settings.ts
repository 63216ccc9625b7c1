import { isOwnSheet } from '../engine/own-sheets';

/** Sheets the checks never look at: Outturn's own storage, and anything the author made very hidden. */
export function isInternalSheet(ws: { name: string; state?: string }): boolean {
  return isOwnSheet(ws.name) || ws.state === 'veryHidden';
}

/** The rule configuration saved in the workbook (OutturnSettings!A1, JSON), unvalidated. */
export type StoredConfig = { found: false } | { found: true; raw: unknown } | { found: true; invalid: string };
