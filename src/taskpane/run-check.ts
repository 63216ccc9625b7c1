import type { ReadScope, WorkbookHost } from '../excel/host';
import type { CheckOptions, CheckResult } from '../engine/check';
import type { OutturnConfig } from '../engine/model/config';
import { DEFAULT_CONFIG, parseConfig } from '../engine/model/config';
import type { SheetModel } from '../engine/model/sheet';
import { summarise } from '../engine/model/finding';
import type { CheckSnapshot } from './signoff/contract';
import { compareFindings } from './findings-view';
import { checkReturn, userMessageOf, withReference, type Notice } from '../app';
import type { LoadedTrail } from '../signoff/trail';
import { trailStore } from './signoff/trail-client';
import { MARKS_LEFT_BEHIND } from '../excel/mark';

export type CheckFn = (sheets: SheetModel[], config: OutturnConfig, options: CheckOptions) => CheckResult;
export type CheckPhase = 'reading' | 'checking' | 'marking';

export interface CheckRun {
  snapshot: CheckSnapshot;
  /** Sentences for the pane's message bar, with codes: what the host and the engine could not do. */
  notices: Notice[];
  /** Why the marks could not be written (a protected sheet, say); the findings stand all the same. */
  markError?: string;
  /** The new marks are written; only old ones could not all be removed (src/excel/mark.ts MARKS_LEFT_BEHIND). */
  marksWritten?: boolean;
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
export async function checkInPane(
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
  // The last sign-off the workbook's trail holds is the reference for the reliability findings.
  const source = { sheets: read.sheets, config };
  const checked = withReference(
    checkReturn({ source, trail: trailRead, today, engine: check }),
    { source, trail: trailRead },
    undefined,
    today,
  );
  const result = checked.result;
  const findings = [...result.findings, ...read.validationFindings].sort(compareFindings);
  onPhase?.('marking');
  let markError: string | undefined;
  let marksWritten = false;
  try {
    await host.mark(findings);
  } catch (err) {
    markError = userMessage(err);
    marksWritten = (err as { code?: unknown } | null)?.code === MARKS_LEFT_BEHIND;
  }
  const snapshot: CheckSnapshot = {
    result: { ...result, summary: summarise(findings) },
    findings,
    sheets: read.sheets,
    config,
    at: new Date().toISOString(),
  };
  // When marking failed, its message already says why (a protected sheet, say): drop the
  // read's advance notice of the same thing so the pane does not say it twice.
  const protectedAt = new Set(read.protectedNotices);
  const readNotices: Notice[] = read.notices
    .map((text, i): Notice => ({ code: protectedAt.has(i) ? 'sheet-protected' : 'host', text }))
    .filter((n) => !(markError && n.code === 'sheet-protected'));
  return {
    snapshot,
    notices: [...readNotices, ...checked.notices],
    markError,
    marksWritten,
    trail: trailRead ?? undefined,
  };
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

/** A host error's sentence for the user (app/codes.ts userMessageOf). */
export const userMessage = (err: unknown): string => userMessageOf(err);
