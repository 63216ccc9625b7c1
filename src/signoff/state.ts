/**
 * Sign-off state, read from the trail and the grid's current fingerprint. A signature is
 * current while the figures are the ones it signed and every earlier role's signature it
 * stood on is still current and no newer than it. Re-signing an earlier role therefore
 * makes later signatures stale too: they vouched for a chain that has since changed.
 */
import { compareIndicators, type Fingerprint, type IndicatorChanges } from './fingerprint';
import { ROLE_TITLES, roleInSentence, SIGN_ROLES, type SignRole } from './roles';
import type { SignRecord, TrailRecord, WithdrawRecord } from './trail';

export type RoleStatus = 'not-signed' | 'signed' | 'stale' | 'withdrawn';

/** The stale reason when the figures differ from those signed: the pane shows it as a heading of its own. */
export const FIGURES_CHANGED = 'Figures changed since signed.';

export interface RoleState {
  role: SignRole;
  status: RoleStatus;
  /** The latest signature for the role (withdrawn or not). */
  signature?: SignRecord;
  /** The withdrawal of that signature, when withdrawn. */
  withdrawal?: WithdrawRecord;
  /** Why the signature is stale, one sentence each. */
  staleReasons: string[];
  /** True when the figures differ from those signed ("figures changed since signed"). */
  figuresChanged: boolean;
  /** Which indicators changed since the signature, where that can be told. */
  changes?: IndicatorChanges;
}

export interface CurrentFigures {
  fingerprint: string;
  indicators?: Record<string, string>;
  /** The sheets these figures cover; a signature over other sheets is judged by a resolver instead. */
  sheets?: readonly string[];
  /** The same figures as fingerprint version 1 (values only), for signatures made before version 2. */
  legacy?: { fingerprint: string; indicators?: Record<string, string> };
  /** Why covered sheets or grids cannot be found (fingerprint.ts coverageGaps): each makes the signature stale. */
  gaps?: string[];
}

/**
 * The current figures of exactly the sheets a signature covered, or null when they are
 * not known here (e.g. the pane checked only the active sheet and the signature covered
 * another one too).
 */
export type FiguresResolver = (sheets: readonly string[]) => CurrentFigures | null;

export function currentFigures(fp: Fingerprint, sheets?: readonly string[]): CurrentFigures {
  const figures: CurrentFigures = { fingerprint: fp.hash, indicators: fp.indicators, sheets };
  // Lazy, as in fingerprintGrids: version 1 is only worked out for a signature that does not match version 2.
  Object.defineProperty(figures, 'legacy', {
    enumerable: false,
    get: () => (fp.legacy ? { fingerprint: fp.legacy.hash, indicators: fp.legacy.indicators } : undefined),
  });
  return figures;
}

function sameSheets(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}

/**
 * Per role, in signing order. `current` null means the grid is not known (no check run
 * yet): no signature is judged stale on figures. A CurrentFigures with `sheets` judges
 * only signatures over the same sheets; use a resolver to judge each on its own sheets.
 */
export function signOffState(
  records: readonly TrailRecord[],
  current: CurrentFigures | FiguresResolver | null,
): RoleState[] {
  const figuresFor = (sheets: readonly string[]): CurrentFigures | null => {
    if (!current) return null;
    if (typeof current === 'function') return current(sheets);
    if (current.sheets && !sameSheets(current.sheets, sheets)) return null;
    return current;
  };
  const latest = new Map<SignRole, SignRecord>();
  const withdrawn = new Map<number, WithdrawRecord>();
  for (const r of records) {
    if (r.type === 'sign') latest.set(r.payload.role, r);
    else if (r.type === 'withdraw') withdrawn.set(r.payload.signSeq, r);
  }
  const states: RoleState[] = [];
  for (const role of SIGN_ROLES) {
    const signature = latest.get(role);
    if (!signature) {
      states.push({ role, status: 'not-signed', staleReasons: [], figuresChanged: false });
      continue;
    }
    const withdrawal = withdrawn.get(signature.seq);
    if (withdrawal) {
      states.push({ role, status: 'withdrawn', signature, withdrawal, staleReasons: [], figuresChanged: false });
      continue;
    }
    const staleReasons: string[] = [];
    let figuresChanged = false;
    let changes: IndicatorChanges | undefined;
    const now = figuresFor(signature.payload.sheets);
    if (now?.gaps?.length) {
      figuresChanged = true;
      staleReasons.push(...now.gaps);
    } else if (
      now &&
      signature.payload.fingerprint !== now.fingerprint &&
      signature.payload.fingerprint !== now.legacy?.fingerprint
    ) {
      figuresChanged = true;
      staleReasons.push(FIGURES_CHANGED);
      // A signature made before fingerprint version 2 holds version-1 indicator hashes: compare like with like.
      const signed = signature.payload.indicatorHashes;
      const agree = (ind?: Record<string, string>) =>
        signed && ind ? Object.keys(signed).filter((k) => ind[k] === signed[k]).length : 0;
      const nowIndicators =
        now.legacy?.indicators && agree(now.legacy.indicators) > agree(now.indicators)
          ? now.legacy.indicators
          : now.indicators;
      if (signature.payload.indicatorHashes && nowIndicators)
        changes = compareIndicators(signature.payload.indicatorHashes, nowIndicators);
    }
    for (const earlier of states) {
      if (!earlier.signature) continue; // a later role can only have signed on an earlier one's signature (not-signed earlier cannot happen in a well-formed trail)
      const who = roleInSentence(earlier.role);
      if (earlier.status === 'withdrawn' && earlier.withdrawal && earlier.signature.seq < signature.seq) {
        staleReasons.push(`The signature of ${who} it relied on was withdrawn.`);
      } else if (earlier.signature.seq > signature.seq) {
        staleReasons.push(`${ROLE_TITLES[earlier.role]} signed again after this signature.`);
      } else if (earlier.status === 'stale' && !figuresChanged) {
        staleReasons.push(`The signature of ${who} it relied on is stale.`);
      }
    }
    states.push({
      role,
      status: staleReasons.length ? 'stale' : 'signed',
      signature,
      staleReasons,
      figuresChanged,
      changes,
    });
  }
  return states;
}

/** True when all three roles hold current signatures. */
export function fullySigned(states: readonly RoleState[]): boolean {
  return states.every((s) => s.status === 'signed');
}

/** The first role that still has to sign (or sign again), or null when fully signed. */
export function nextRoleToSign(states: readonly RoleState[]): SignRole | null {
  return states.find((s) => s.status !== 'signed')?.role ?? null;
}
