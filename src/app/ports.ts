/**
 * The ports the use cases run over. The command line implements them with files on disk
 * (src/workbook), the pane and the ribbon with Office.js (src/excel); tests with either,
 * or with plain objects. Nothing here knows which.
 */
import type { CheckResult } from '../engine/check';
import type { OutturnConfig } from '../engine/model/config';
import type { Finding } from '../engine/model/finding';
import type { SheetModel } from '../engine/model/sheet';
import type { Identity } from '../signoff/roles';
import type { LoadedTrail, TrailStore } from '../signoff/trail';

export type { LoadedTrail, TrailStore };

/** Where a return's figures and the settings saved with it come from. */
export interface WorkbookSource {
  /** The sheets to check (the pane reads the active sheet or a selection; the command line every sheet). */
  sheets: SheetModel[];
  /** The configuration saved in the workbook, as stored (parsed by the caller's own rules for overrides). */
  config: OutturnConfig;
  /** Every sheet name of the workbook, when the source read them all (the command line): see signoff/summary.ts WholeWorkbook. */
  allSheets?: readonly string[];
}

/** Who is acting: the identity the trail records. */
export interface Signer {
  identity: Identity;
  /** The signed-in account, when the host knows one: a typed name that does not read as it must be confirmed. */
  account?: { upn: string } | null;
  /** The signer confirmed they are the typed name on that account. */
  accountConfirmed?: boolean;
}

export interface Clock {
  now(): Date;
}

/** A return as checked for signing: what the check saw and found, from either host. */
export interface CheckedReturn {
  result: CheckResult;
  sheets: readonly SheetModel[];
  config: OutturnConfig;
  /** Every finding shown (the pane adds Excel's own data-validation findings to the engine's). */
  findings: readonly Finding[];
  source: 'add-in' | 'cli';
}

/**
 * The return to sign, judged with the trail just read. Called again when an append
 * conflicts, so a host that re-reads its file on each attempt (the command line) signs
 * what the file holds then; the pane's figures come from the check it has just run.
 */
export type ReturnForSigning = (trail: LoadedTrail) => CheckedReturn;
