/**
 * Progress of a per-owner sign-off: a matrix of indicators × roles read from the trail
 * and the figures now in the grid. Each cell holds the latest signature covering that
 * indicator in that role and whether it is current. A signature is current for an
 * indicator while that indicator's figures are the ones signed and the earlier role's
 * signature it stood on is still current and no newer than it.
 */
import { peopleFor, refLabel, type Ownership } from './owners';
import { replayTrail } from './replay';
import { ROLE_TITLES, roleInSentence, SIGN_ROLES, type SignRole } from './roles';
import type { SignRecord, TrailRecord, WithdrawRecord } from './trail';

export type CellStatus = 'not-signed' | 'signed' | 'stale' | 'withdrawn';

export interface MatrixCell {
  status: CellStatus;
  /** The grid's owner for this role ('' where it names nobody). */
  owner: string;
  signature?: SignRecord;
  withdrawal?: WithdrawRecord;
  /** Why stale, one sentence each. */
  staleReasons: string[];
  /** The figures that changed since signed: 'Jul: 20.1 → 20.3' (where the trail kept them). */
  changedFigures: string[];
}

export interface MatrixRow {
  key: string;
  /** 'CS01' (or 'Sheet: CS01' across sheets). */
  label: string;
  description: string;
  serviceArea: string;
  cells: Record<SignRole, MatrixCell>;
}

export interface Outstanding {
  role: SignRole;
  /** The grid's name; '' for indicators whose owner the grid does not name. */
  name: string;
  /** Labels of the indicators still to sign (or sign again). */
  indicators: string[];
}

export interface Progress {
  rows: MatrixRow[];
  /** Per role: indicators holding a current signature, of all. */
  counts: Record<SignRole, { signed: number; total: number }>;
  /** Service areas whose every indicator holds a current head-of-service signature. */
  serviceAreas: { name: string; certified: boolean }[];
  /** Every indicator holds three current signatures. */
  complete: boolean;
  /** Who still has to sign what, in role order. */
  outstanding: Outstanding[];
  /** Current signatures over indicators no longer in the grid (a signed sheet renamed or deleted, a row removed): stale. */
  gone: GoneSignature[];
}

/** A signature whose covered indicators are gone from the grids: it no longer signs anything there, so it is stale. */
export interface GoneSignature {
  role: SignRole;
  signature: SignRecord;
  /** Labels ('Sheet: CS01') of the signed indicators that are gone. */
  indicators: string[];
  staleReasons: string[];
}

/** Which signatures cover an indicator: a scoped one names it; a whole-return one covers every indicator. */
function covers(sig: SignRecord, key: string): boolean {
  return sig.payload.scope ? key in sig.payload.scope.indicators : true;
}

/** The hash a signature holds for an indicator, or null when it cannot say (a whole-return signature without per-indicator hashes). */
function signedHash(sig: SignRecord, key: string): string | null {
  if (sig.payload.scope) return sig.payload.scope.indicators[key] ?? null;
  return sig.payload.indicatorHashes?.[key] ?? null;
}

/** 'Jul: 20.1 → 20.3' for each figure that differs between the signed row and the row now. */
export function figureChanges(
  before: Record<string, string> | undefined,
  now: Record<string, string> | undefined,
): string[] {
  if (!before || !now) return [];
  const out: string[] = [];
  const show = (v: string | undefined) => (v === undefined ? 'blank' : v.slice(2));
  for (const h of new Set([...Object.keys(before), ...Object.keys(now)])) {
    if (before[h] !== now[h]) out.push(`${h}: ${show(before[h])} → ${show(now[h])}`);
  }
  return out;
}

/**
 * The matrix. `current` maps each indicator key to its per-indicator fingerprint now
 * (null: the figures are not known, so nothing is judged stale on figures); a whole-return
 * signature without per-indicator hashes is judged on `currentFingerprint`.
 */
export function signOffProgress(
  trail: readonly TrailRecord[],
  ownership: Ownership,
  current: Record<string, string> | null,
  currentFingerprint?: string,
): Progress {
  // Only signatures that pass the rules when replayed count (replay.ts): a forged record appended with a recomputed chain signs nothing.
  const records = replayTrail(trail, ownership).accepted;
  const signs = records.filter((r): r is SignRecord => r.type === 'sign');
  const withdrawn = new Map<number, WithdrawRecord>();
  for (const r of records) if (r.type === 'withdraw') withdrawn.set(r.payload.signSeq, r);
  const nowFigures = new Map(ownership.indicators.map((i) => [i.key, i.figures]));

  const rows: MatrixRow[] = ownership.indicators.map((ind) => {
    const cells = {} as Record<SignRole, MatrixCell>;
    for (const role of SIGN_ROLES) {
      const owner = ind.owners[role];
      let signature: SignRecord | undefined;
      for (const s of signs) if (s.payload.role === role && covers(s, ind.key)) signature = s;
      if (!signature) {
        cells[role] = { status: 'not-signed', owner, staleReasons: [], changedFigures: [] };
        continue;
      }
      const withdrawal = withdrawn.get(signature.seq);
      if (withdrawal) {
        cells[role] = { status: 'withdrawn', owner, signature, withdrawal, staleReasons: [], changedFigures: [] };
        continue;
      }
      const staleReasons: string[] = [];
      let changedFigures: string[] = [];
      let figuresChanged = false;
      if (current) {
        const was = signedHash(signature, ind.key);
        const now = current[ind.key];
        if (
          was !== null
            ? was !== now
            : currentFingerprint !== undefined && signature.payload.fingerprint !== currentFingerprint
        ) {
          figuresChanged = true;
          changedFigures = figureChanges(signature.payload.scope?.figures?.[ind.key], nowFigures.get(ind.key));
          staleReasons.push(
            `Figures of ${refLabel(ownership, ind.key)} changed since signed${changedFigures.length ? ` (${changedFigures.join('; ')})` : ''}.`,
          );
        }
      }
      const index = SIGN_ROLES.indexOf(role);
      if (index > 0) {
        const before = cells[SIGN_ROLES[index - 1]];
        const who = roleInSentence(SIGN_ROLES[index - 1]);
        if (before.signature && before.signature.seq > signature.seq)
          staleReasons.push(
            `${ROLE_TITLES[SIGN_ROLES[index - 1]]} signed ${refLabel(ownership, ind.key)} again after this signature.`,
          );
        else if (before.status === 'withdrawn')
          staleReasons.push(`The signature of ${who} it relied on was withdrawn.`);
        else if (before.status === 'stale' && !figuresChanged)
          staleReasons.push(`The signature of ${who} it relied on is stale.`);
      }
      cells[role] = {
        status: staleReasons.length ? 'stale' : 'signed',
        owner,
        signature,
        staleReasons,
        changedFigures,
      };
    }
    return {
      key: ind.key,
      label: refLabel(ownership, ind.key),
      description: ind.description,
      serviceArea: ind.serviceArea,
      cells,
    };
  });

  const counts = {} as Progress['counts'];
  for (const role of SIGN_ROLES)
    counts[role] = { signed: rows.filter((r) => r.cells[role].status === 'signed').length, total: rows.length };
  // One pass, in the order the areas first appear (a filter per area was quadratic when areas are many).
  const certified = new Map<string, boolean>();
  for (const r of rows)
    certified.set(
      r.serviceArea,
      (certified.get(r.serviceArea) ?? true) && r.cells['head-of-service'].status === 'signed',
    );
  const serviceAreas = [...certified].map(([name, all]) => ({ name: name || '(no service area)', certified: all }));

  const outstanding: Outstanding[] = [];
  for (const role of SIGN_ROLES) {
    const people = ownership.mode === 'per-owner' ? peopleFor(ownership, role) : [];
    const byKey = new Map<string, string>();
    for (const p of people) for (const k of p.keys) byKey.set(k, p.name);
    const groups = new Map<string, string[]>();
    for (const r of rows) {
      if (r.cells[role].status === 'signed') continue;
      const name = byKey.get(r.key) ?? '';
      const group = groups.get(name);
      if (group) group.push(r.label);
      else groups.set(name, [r.label]);
    }
    for (const [name, indicators] of groups) outstanding.push({ role, name, indicators });
  }
  const gone = current ? goneSignatures(signs, withdrawn, ownership) : [];
  return {
    rows,
    counts,
    serviceAreas,
    complete:
      gone.length === 0 &&
      rows.length > 0 &&
      rows.every((r) => SIGN_ROLES.every((role) => r.cells[role].status === 'signed')),
    outstanding,
    gone,
  };
}

/**
 * The latest, unwithdrawn signature per role and indicator for indicators no longer in the
 * grids. Without this a renamed or deleted signed sheet would read as merely "to sign",
 * hiding that signatures were made over figures that are no longer where they were signed.
 */
function goneSignatures(
  signs: readonly SignRecord[],
  withdrawn: ReadonlyMap<number, WithdrawRecord>,
  ownership: Ownership,
): GoneSignature[] {
  const present = new Set(ownership.indicators.map((i) => i.key));
  const presentSheets = new Set(ownership.indicators.map((i) => i.key.slice(0, i.key.indexOf('|'))));
  const latest = new Map<string, SignRecord>();
  for (const s of signs) {
    if (!s.payload.scope) continue;
    for (const key of Object.keys(s.payload.scope.indicators))
      if (!present.has(key)) latest.set(`${s.payload.role}\u0000${key}`, s);
  }
  const bySig = new Map<number, { sig: SignRecord; keys: string[] }>();
  for (const [id, sig] of latest) {
    if (withdrawn.has(sig.seq)) continue;
    const key = id.slice(id.indexOf('\u0000') + 1);
    const entry = bySig.get(sig.seq) ?? { sig, keys: [] };
    entry.keys.push(key);
    bySig.set(sig.seq, entry);
  }
  return [...bySig.values()]
    .sort((a, b) => a.sig.seq - b.sig.seq)
    .map(({ sig, keys }) => {
      const label = (k: string) => `${k.slice(0, k.indexOf('|'))}: ${k.slice(k.indexOf('|') + 1)}`;
      const sheets = [...new Set(keys.map((k) => k.slice(0, k.indexOf('|'))))];
      const missingSheets = sheets.filter((sh) => !presentSheets.has(sh));
      const staleReasons = [
        ...missingSheets.map(
          (sh) =>
            `The signed sheet '${sh}' has no grid any more (renamed, deleted or hidden), so ${plural(keys.filter((k) => k.startsWith(`${sh}|`)).length, 'signed indicator')} ${keys.filter((k) => k.startsWith(`${sh}|`)).length === 1 ? 'is' : 'are'} gone.`,
        ),
        ...keys
          .filter((k) => !missingSheets.includes(k.slice(0, k.indexOf('|'))))
          .map((k) => `The signed indicator ${label(k)} is no longer in the grid.`),
      ];
      return { role: sig.payload.role, signature: sig, indicators: keys.map(label), staleReasons };
    });
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The progress in sentences: '31 of 45 verified by their responsible officer; 2 of 4 service areas certified.' */
export function progressLines(p: Progress): string[] {
  const c = p.counts;
  const areas = p.serviceAreas.filter((a) => a.name !== '(no service area)');
  const certified = areas.filter((a) => a.certified).length;
  return [
    `${c.compiler.signed} of ${plural(c.compiler.total, 'indicator')} signed by their compiler; ${c['responsible-officer'].signed} of ${c['responsible-officer'].total} verified by their responsible officer; ${c['head-of-service'].signed} of ${c['head-of-service'].total} certified by their head of service${areas.length ? ` (${certified} of ${plural(areas.length, 'service area')} certified)` : ''}.`,
    p.complete ? 'Complete: every indicator holds three current signatures.' : 'Not complete yet.',
  ];
}

/** 'Dawn Garton (responsible officer): CS01, CS02' for each person still to sign. */
export function outstandingLines(p: Progress): string[] {
  return p.outstanding.map(
    (o) =>
      `${o.name || `no owner named: anyone signing as ${ROLE_TITLES[o.role].toLowerCase()} for the whole return`} (${ROLE_TITLES[o.role].toLowerCase()}): ${o.indicators.join(', ')}`,
  );
}
