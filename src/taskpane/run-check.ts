import type { ReadScope, WorkbookHost } from '../excel/host';
import type { CheckOptions, CheckResult } from '../engine/check';
import type { OutturnConfig } from '../engine/model/config';
import { DEFAULT_CONFIG, parseConfig } from '../engine/model/config';
import type { SheetModel } from '../engine/model/sheet';
import { summarise } from '../engine/model/finding';
import type { CheckSnapshot } from './signoff/contract';
import { compareFindings } from './findings-view';
import { signoffForCheck } from '../signoff/outstanding';
import type { LoadedTrail } from '../signoff/trail';
import { trailStore } from './signoff/trail-client';

export type CheckFn = (sheets: SheetModel[], config: OutturnConfig, options: CheckOptions) => CheckResult;
export type CheckPhase = 'reading' | 'checking' | 'marking';

export interface CheckRun {
  snapshot: CheckSnapshot;
  /** Sentences for the pane's message bar: what the host and the engine could not do. */
  notices: string[];
  /** Why the marks could not be written (a protected sheet, say); the findings stand all the same. */
  markError?: string;
  /** The audit trail as read for the sign-off state; hand it to recordCheckRun so it is not read again. */
  trail?: LoadedTrail;
}

/** Today as 'YYYY-MM-DD' in the user's own time zone (the as-of date when none is set). */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/**
 * Read, check and mark: the one sequence both the pane and the ribbon's Check button run.
 * Excel's own data-validation findings are listed and marked beside the engine's.
 */
export async function runCheck(
  host: WorkbookHost,
  check: CheckFn,
  config: OutturnConfig,
  scope: ReadScope,
  today: string,
  onPhase?: (phase: CheckPhase) => void,
): Promise<CheckRun> {
  onPhase?.('reading');
  // The trail (for the signoff-outstanding rule) is read alongside the cells, not after them.
  const [read, trailRead] = await Promise.all([host.read(scope), readTrail()]);
  onPhase?.('checking');
  // Let the pane paint its progress before the engine takes the thread.
  await new Promise((r) => setTimeout(r, 0));
  const trail = trailRead ?? undefined;
  const signoff = trail ? signoffForCheck(trail, read.sheets, config) : undefined;
  const result = check(read.sheets, config, { today, signoff });
  const findings = [...result.findings, ...read.validationFindings].sort(compareFindings);
  onPhase?.('marking');
  let markError: string | undefined;
  try {
    await host.mark(findings);
  } catch (err) {
    markError = userMessage(err);
  }
  const snapshot: CheckSnapshot = {
    result: { ...result, summary: summarise(findings) },
    findings,
    sheets: read.sheets,
    config,
    at: new Date().toISOString(),
  };
  const trailNotice = trailRead
    ? []
    : ['The audit trail could not be read, so whether sign-off is outstanding was not checked.'];
  // When marking failed, its message already says why (a protected sheet, say): drop the
  // read's advance notice of the same thing so the pane does not say it twice.
  const readNotices = markError ? read.notices.filter((n) => !/ is protected/.test(n)) : read.notices;
  return { snapshot, notices: [...readNotices, ...result.notices, ...trailNotice], markError, trail };
}

/** The stored trail, or null when it could not be read: that costs the sign-off finding, not the check. */
async function readTrail(): Promise<LoadedTrail | null> {
  try {
    return await trailStore().load();
  } catch {
    return null;
  }
}

/** The configuration stored in the workbook, or the defaults with a sentence saying why. */
export async function loadConfig(host: WorkbookHost): Promise<{ config: OutturnConfig; notice?: string }> {
  const stored = await host.loadSettings();
  if (stored === null || stored === undefined) return { config: DEFAULT_CONFIG };
  const parsed = parseConfig(stored);
  if (parsed.ok) return { config: parsed.config };
  return {
    config: DEFAULT_CONFIG,
    notice: `The settings saved in this workbook could not be used (${parsed.errors[0]}); the default rules apply.`,
  };
}

/** A host error's sentence for the user: the adapter's userMessage when it has one. */
export function userMessage(err: unknown): string {
  if (err && typeof err === 'object') {
    const m = (err as { userMessage?: unknown }).userMessage;
    if (typeof m === 'string' && m) return m;
    const msg = (err as { message?: unknown }).message;
    if (typeof msg === 'string' && msg && !/not implemented/i.test(msg)) return msg;
  }
  return 'Something went wrong while talking to Excel. Nothing in the workbook was changed; please try again.';
}
