/**
 * The audit, decided once for the command line and the pane: is the chain unbroken, does
 * every record pass the sign-off rules when they are replayed over it (signoff/replay.ts),
 * which signatures are current, and so what the return's sign-off is. Pure: the caller
 * reads the workbook (its trail, its sheets, its stored configuration) and renders.
 */
import { checkWorkbook, type CheckResult } from '../engine/check';
import type { OutturnConfig } from '../engine/model/config';
import type { SheetModel } from '../engine/model/sheet';
import { fingerprintGrids } from '../signoff/fingerprint';
import { ownershipFromGrids, type Ownership } from '../signoff/owners';
import { signOffProgress, type Progress } from '../signoff/progress';
import { replayTrail, type Replay } from '../signoff/replay';
import { SIGN_ROLES } from '../signoff/roles';
import { signOffState, type FiguresResolver, type RoleState } from '../signoff/state';
import { figuresResolver } from '../signoff/summary';
import { verifyTrail, type LoadedTrail, type Verification } from '../signoff/trail';

/** What the audit reads, from whichever workbook port the caller has (a file, Office.js). */
export interface AuditSource {
  trail: LoadedTrail;
  /** The sheets the checks may look at. */
  sheets: SheetModel[];
  /** Every sheet name of the workbook, where known: a signed sheet gone or hidden makes its signatures stale. */
  allSheets?: readonly string[];
  /** The stored rule configuration, or why it cannot be used (the trail is still audited). */
  config: { ok: true; config: OutturnConfig } | { ok: false; problem: string };
  /** 'YYYY-MM-DD', today where the caller is. */
  today: string;
}

/**
 * The audit's verdict on the return, worst first: `broken` (the chain), `rules-broken`
 * (a record the rules would have refused), `stale` (a signature over figures since
 * changed), `unsigned` (the workbook has a grid and no current signature: nothing has been
 * signed), `partly-signed`, `complete`. Exit 0 only for the last two.
 */
export type AuditStatus = 'broken' | 'rules-broken' | 'stale' | 'unsigned' | 'partly-signed' | 'complete';

export interface Audit {
  verification: Verification;
  replay: Replay;
  /** The check of the figures now (null when it could not be made), and why not. */
  result: CheckResult | null;
  notice: string | null;
  ownership: Ownership | null;
  /** Per owner: the matrix, from the records that pass the replay. */
  progress: Progress | null;
  /** As a whole: one state per role, from the records that pass the replay. */
  states: RoleState[];
  resolver: FiguresResolver | null;
  anyStale: boolean;
  status: AuditStatus;
  /** One sentence for the status. */
  summary: string;
  /** True when the audit found something to act on (exit 1). */
  findings: boolean;
}

const SUMMARY: Record<AuditStatus, string> = {
  broken: 'The trail is broken: records after the first broken one cannot be trusted.',
  'rules-broken': 'The trail holds records the sign-off rules would have refused: they count for nothing.',
  stale: 'A signature is stale: its figures changed since it was signed, so it must be signed again.',
  unsigned: 'Nothing has been signed: the workbook has a grid, but no current signature.',
  'partly-signed': 'Signed in part: every signature is current, and the sign-off is not complete yet.',
  complete: 'Complete: every signature is current and the sign-off is complete.',
};

export function auditReturn(source: AuditSource): Audit {
  const verification = verifyTrail(source.trail.entries, source.trail.head);
  let result: CheckResult | null = null;
  let notice: string | null = null;
  if (!source.config.ok)
    notice = `The current figures could not be checked (${source.config.problem}), so stale signatures cannot be told.`;
  else {
    result = checkWorkbook(source.sheets, source.config.config, { today: source.today });
    if (result.grids.length === 0) notice = 'No metric collection grid was found, so stale signatures cannot be told.';
  }
  const config = source.config.ok ? source.config.config : undefined;
  const grids = result?.grids ?? [];
  const ownership = grids.length ? ownershipFromGrids(grids, source.sheets, config) : null;
  const replay = replayTrail(verification.records, ownership);
  const records = replay.accepted;
  const workbook = source.allSheets ? { allSheets: source.allSheets } : undefined;
  let progress: Progress | null = null;
  if (ownership?.mode === 'per-owner') {
    // The figures' fingerprints only judge signatures: a return nobody has signed yet (most of
    // a register's folder) need not hash every figure.
    const fp = records.length ? fingerprintGrids(grids, source.sheets) : null;
    progress = signOffProgress(records, ownership, fp?.indicators ?? null, fp?.hash);
  }
  const resolver = result ? figuresResolver(result, source.sheets, workbook) : null;
  const states = progress ? [] : signOffState(records, resolver);
  const anyStale = progress
    ? progress.gone.length > 0 || progress.rows.some((r) => SIGN_ROLES.some((role) => r.cells[role].status === 'stale'))
    : states.some((s) => s.status === 'stale');
  const anySigned = progress
    ? progress.rows.some((r) => SIGN_ROLES.some((role) => r.cells[role].status === 'signed'))
    : states.some((s) => s.status === 'signed');
  const complete = progress ? progress.complete : states.length > 0 && states.every((s) => s.status === 'signed');
  const status: AuditStatus = !verification.ok
    ? 'broken'
    : replay.findings.length
      ? 'rules-broken'
      : anyStale
        ? 'stale'
        : complete
          ? 'complete'
          : anySigned || grids.length === 0
            ? 'partly-signed'
            : 'unsigned';
  return {
    verification,
    replay,
    result,
    notice,
    ownership,
    progress,
    states,
    resolver,
    anyStale,
    status,
    summary:
      status === 'partly-signed' && !anySigned
        ? 'Nothing has been signed, and no grid was found to sign.'
        : SUMMARY[status],
    findings: status !== 'partly-signed' && status !== 'complete',
  };
}
