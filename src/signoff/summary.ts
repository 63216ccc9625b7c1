/** Plain-language lines about trail records and sign-off state, for the pane, the CLI and exports. */
import type { CheckResult } from '../engine/check';
import type { Finding } from '../engine/model/finding';
import type { SheetModel } from '../engine/model/sheet';
import type { Grid } from '../engine/model/grid';
import { configDigest, coverageGaps, describeChanges, fingerprintGrids } from './fingerprint';
import type { CheckedFigures } from './rules';
import { ROLE_TITLES } from './roles';
import { currentFigures, type CurrentFigures, type FiguresResolver, type RoleState } from './state';
import type { TrailRecord } from './trail';

/**
 * The findings about the figures, without the workbook-level signoff-outstanding one: that
 * one is about the sign-off itself, which signing settles, so a signer is never asked to
 * acknowledge it (nor blocked by it when a configuration makes it an error), and check
 * records count only what is wrong with the figures.
 */
export function aboutTheFigures<F extends Pick<Finding, 'rule'>>(findings: readonly F[]): F[] {
  return findings.filter((f) => f.rule !== 'signoff-outstanding' && f.rule !== 'owner-unassigned');
}

/** The figures a check run saw, ready to record or sign. */
export function figuresFromCheck(
  result: CheckResult,
  sheets: readonly SheetModel[],
  config: unknown,
  source: 'add-in' | 'cli',
  allFindings: readonly Finding[] = result.findings,
): CheckedFigures {
  const findings = aboutTheFigures(allFindings);
  // The counts are the check's own, as the pane's summary and `outturn check` show them
  // (one count everywhere); what is acknowledged and what blocks signing is `findings`.
  const errors = allFindings.filter((f) => f.severity === 'error').length;
  const warnings = allFindings.filter((f) => f.severity === 'warning').length;
  return {
    fingerprint: fingerprintGrids(result.grids, sheets),
    counts: { errors, warnings, info: allFindings.length - errors - warnings, indicators: result.indicators },
    configDigest: configDigest(config),
    grids: result.gridSummaries.map((g) => `${g.sheet}!${g.range}`),
    findings,
    source,
  };
}

/**
 * A resolver for signOffState: the fingerprint of the checked grids on exactly the given
 * sheets (null when one of them was not checked), computed once per set of sheets.
 */
export function figuresResolver(
  result: Pick<CheckResult, 'grids'>,
  sheets: readonly SheetModel[],
  workbook?: WholeWorkbook,
): FiguresResolver {
  return gridsResolver(result.grids, sheets, workbook);
}

/**
 * Given when `sheets` are every sheet of the workbook the checks may look at (the command
 * line reads them all): a signed sheet that is then gone, very hidden or without a grid
 * makes its signature stale, with the reason (fingerprint.ts coverageGaps), rather than
 * leaving it unjudged. `allSheets`: every worksheet's name, hidden ones included.
 */
export interface WholeWorkbook {
  allSheets: readonly string[];
}

/** figuresResolver for grids found without a full check (discoverGrids). */
export function gridsResolver(
  grids: readonly Grid[],
  sheets: readonly SheetModel[],
  workbook?: WholeWorkbook,
): FiguresResolver {
  const cache = new Map<string, CurrentFigures | null>();
  const checked = new Set(grids.map((g) => g.sheet));
  return (names) => {
    const key = JSON.stringify([...names].sort());
    if (!cache.has(key) && workbook) {
      const gaps = coverageGaps(names, {
        allSheets: workbook.allSheets,
        checkable: sheets.map((s) => s.name),
        gridSheets: [...checked],
      });
      if (gaps.length) cache.set(key, { fingerprint: '', sheets: names, gaps });
    }
    if (!cache.has(key)) {
      const ok = names.every((n) => checked.has(n));
      const fp = ok
        ? fingerprintGrids(
            grids.filter((g) => names.includes(g.sheet)),
            sheets,
          )
        : null;
      cache.set(key, fp ? currentFigures(fp, names) : null);
    }
    return cache.get(key) ?? null;
  };
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** One line about what a record says, e.g. "Signed as compiler by Ann Smith (typed name)". */
export function describeRecord(r: TrailRecord): string {
  const who = r.actor
    ? `${r.actor.name}${r.actor.source === 'typed' ? ' (typed name)' : r.actor.upn ? ` (${r.actor.upn})` : ''}`
    : 'unknown';
  switch (r.type) {
    case 'check': {
      const c = r.payload.counts;
      return `Check (${r.payload.source}): ${plural(c.indicators, 'indicator')}, ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}; fingerprint ${r.payload.fingerprint.slice(0, 12)}…`;
    }
    case 'acknowledge':
      return `${who} acknowledged ${plural(r.payload.acknowledgements.length, 'warning')} of check ${r.payload.checkSeq}${r.payload.bulkReason ? `: "${r.payload.bulkReason}"` : ''}`;
    case 'sign': {
      const scope = r.payload.scope;
      if (!scope)
        return `Signed as ${ROLE_TITLES[r.payload.role].toLowerCase()} by ${who}; fingerprint ${r.payload.fingerprint.slice(0, 12)}…`;
      const refs = Object.keys(scope.indicators).map((k) => k.slice(k.indexOf('|') + 1));
      const list = refs.length <= 8 ? refs.join(', ') : `${refs.slice(0, 8).join(', ')} and ${refs.length - 8} more`;
      const forWhom = scope.delegation
        ? ` for ${scope.delegation.for} by delegation ("${scope.delegation.reason}")`
        : '';
      return `Signed as ${ROLE_TITLES[r.payload.role].toLowerCase()} by ${who}${forWhom}: ${plural(refs.length, 'indicator')} (${list}); fingerprint ${r.payload.fingerprint.slice(0, 12)}…`;
    }
    case 'withdraw':
      return `${who} withdrew the ${ROLE_TITLES[r.payload.role].toLowerCase()} signature (record ${r.payload.signSeq}): "${r.payload.reason}"`;
    case 'restate':
      return `${who} restated ${r.payload.indicator} ${r.payload.period} from ${r.payload.old ?? 'unknown'} to ${r.payload.new ?? 'blank'}: "${r.payload.reason}"`;
    case 'config':
      return `Rule configuration changed; settings digest ${r.payload.configDigest.slice(0, 12)}…`;
    case 'repair':
      return `${who} repaired the broken trail as ${r.payload.role === 'auditor' ? 'auditor' : 'head of service'} (${plural(r.payload.segment.length, 'broken row')} kept as they were): "${r.payload.reason}"`;
  }
}

/** One line per role: "Compiler: signed by Ann Smith (typed name) at …" / "stale: figures changed since signed. Changed: PI 3." */
export function describeRoleState(s: RoleState): string {
  const title = ROLE_TITLES[s.role];
  const sig = s.signature;
  const who = sig?.actor
    ? `${sig.actor.name}${sig.actor.source === 'typed' ? ' (typed name)' : sig.actor.upn ? ` (${sig.actor.upn})` : ''}`
    : 'unknown';
  switch (s.status) {
    case 'not-signed':
      return `${title}: not signed.`;
    case 'signed':
      return `${title}: signed by ${who} at ${sig?.at}.`;
    case 'withdrawn':
      return `${title}: signature by ${who} withdrawn at ${s.withdrawal?.at}: "${s.withdrawal?.payload.reason}".`;
    case 'stale': {
      const changed = s.changes ? describeChanges(s.changes) : '';
      return `${title}: STALE, signed by ${who} at ${sig?.at}; ${s.staleReasons.join(' ').replace(/^F/, 'f')}${changed ? ` ${changed}` : ''} ${title} must sign again.`;
    }
  }
}
