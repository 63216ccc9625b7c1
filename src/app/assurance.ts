/**
 * The assurance pack: what an auditor or a committee is handed at the end of a sign-off.
 * Every fact is decided here, from the same calls `outturn audit` makes (auditReturn: the
 * check, the chain, the replay of the sign-off rules, the matrix) and the receipt
 * comparison, so the pack can never say something the audit does not. Pure: the caller
 * reads the workbook and the receipt, and renders.
 */
import { indicatorPapers, type IndicatorPapers } from './evidence';
import { cellText, ukDate } from '../engine/format';
import { Dimension, type Finding, type Severity } from '../engine/model/finding';
import type { Grid } from '../engine/model/grid';
import { a1 } from '../engine/model/address';
import { cellAt, type SheetModel } from '../engine/model/sheet';
import { type IndicatorOwners } from '../signoff/owners';
import { progressLines, type CellStatus } from '../signoff/progress';
import { compareWithReceipt, type Receipt, type ReceiptComparison } from '../signoff/receipt';
import { SIGN_ROLES, type Identity, type SignRole } from '../signoff/roles';
import type { RoleState } from '../signoff/state';
import { describeRecord } from '../signoff/summary';
import { formatHead, type SignRecord, type TrailRecord } from '../signoff/trail';
import { auditReturn, type AuditSource, type AuditStatus } from './audit';
import { recomputedJudgements, type Judged } from '../engine/rules/recomputed';
import { annotationSet } from '../engine/values';
import { trendOf, type Trend } from './trend-svg';

export interface PackSignature {
  role: SignRole;
  status: CellStatus;
  /** The grid's owner for the role ('' where it names nobody, or for a return signed as a whole). */
  owner: string;
  name: string | null;
  upn: string | null;
  /** 'Entra ID verified', 'Office account', 'typed name'. */
  identity: string | null;
  at: string | null;
  seq: number | null;
  /** Signing for someone else: for whom, and why. */
  delegation: { for: string; reason: string } | null;
  /** True when the figures are still the ones signed. */
  current: boolean;
  /** What changed since the signature ('Jul: 20.1 → 20.3'), where the signature kept the figures. */
  changes: string[];
  staleReasons: string[];
}

export interface PackAcknowledgement {
  message: string;
  reason: string;
  by: string;
  role: SignRole;
  at: string;
}

/** A RAG or a direction of travel as the workbook reports it and as Outturn recomputes it from the figures. */
export interface PackJudgement extends Judged {
  /** Where the two differ, the difference in words; null where they agree or cannot be compared. */
  difference: string | null;
}

export interface PackIndicator {
  key: string;
  label: string;
  description: string;
  serviceArea: string;
  /** The periods as reported, in grid order. */
  periods: { label: string; value: string }[];
  target: string | null;
  floor: string | null;
  rag: string | null;
  dot: string | null;
  /** The check's findings on the indicator as it stands. */
  findings: { severity: Severity; message: string; rule: string; dimension: Dimension; cell: string | null }[];
  acknowledgements: PackAcknowledgement[];
  signatures: PackSignature[];
  /** Where the working papers are (configured) and each file a signature recorded of them. */
  workingPapers: IndicatorPapers;
  /** RAG (against the latest figure) and direction of travel, as reported and as recomputed; null where the grid has no such column. */
  asRecomputed?: { rag: PackJudgement | null; dot: PackJudgement | null };
  /** The figures over the periods with the target, to chart; null with fewer than two figures. */
  trend?: Trend | null;
}

/** A figure changed after a signature: named on the cover. */
export interface ChangedAfterSigning {
  indicator: string;
  role: SignRole;
  signedBy: string;
  at: string;
  /** 'Jul: 20.1 → 20.3'; empty when the signature did not keep the figures. */
  changes: string[];
}

export interface PackDeclaration {
  role: SignRole;
  /** The text confirmed, word for word as the signature records it. */
  statement: string;
  /** Who confirmed it, with the record's seq. */
  signers: { name: string; seq: number; at: string }[];
}

export interface AssurancePack {
  returnName: string;
  period: string | null;
  asOf: string;
  deadline: string | null;
  grids: { sheet: string; range: string; indicators: number }[];
  sheets: number;
  status: AuditStatus;
  summary: string;
  mode: 'per-owner' | 'whole-return' | 'not-judged';
  /** Per role: its status in words ('12 of 12 indicators signed', 'signed by Ann Cole'). */
  roles: { role: SignRole; words: string }[];
  progress: string[];
  trail: { ok: boolean; reason: string; records: number; head: string | null; firstBrokenSeq: number | null };
  /** Records the sign-off rules would have refused, one sentence each. */
  refused: string[];
  receipt: (ReceiptComparison & { issuedAt: string; returnName: string }) | null;
  /** Findings by data-quality dimension, every dimension listed. */
  quality: { dimension: Dimension; errors: number; warnings: number; info: number }[];
  changedAfterSigning: ChangedAfterSigning[];
  indicators: PackIndicator[];
  declarations: PackDeclaration[];
  /** The trail, every record, for the appendix. */
  records: { seq: number; at: string; type: TrailRecord['type']; text: string; hash: string }[];
  notice: string | null;
}

export interface AssuranceInput extends AuditSource {
  returnName: string;
  receipt?: Receipt | null;
}

const IDENTITY_WORDS: Record<Identity['source'], string> = {
  'entra-id': 'Entra ID verified',
  'office-account': 'Office account',
  typed: 'typed name',
};

/** The text Excel shows for a cell, as near as the engine can tell it. */
function shown(sheet: SheetModel, row: number, col: number | undefined): string | null {
  if (col === undefined) return null;
  const c = cellAt(sheet, row, col);
  switch (c.kind) {
    case 'empty':
      return null;
    case 'number':
      return cellText(c.value as number, c.format);
    case 'date':
      return cellText(c.value as number, c.format && c.format !== 'General' ? c.format : 'dd/mm/yyyy');
    default:
      return String(c.value);
  }
}

/** The periods up to the last one reported: months not reached yet are left off. */
function reported(periods: { label: string; value: string }[]): { label: string; value: string }[] {
  let last = periods.length - 1;
  while (last >= 0 && periods[last].value === '') last--;
  return periods.slice(0, last + 1);
}

function signatureOf(
  role: SignRole,
  status: CellStatus,
  owner: string,
  sig: SignRecord | undefined,
  changes: string[],
  staleReasons: string[],
): PackSignature {
  return {
    role,
    status,
    owner,
    name: sig?.actor?.name ?? null,
    upn: sig?.actor?.upn ?? null,
    identity: sig?.actor ? IDENTITY_WORDS[sig.actor.source] : null,
    at: sig?.at ?? null,
    seq: sig?.seq ?? null,
    delegation: sig?.payload.scope?.delegation ?? null,
    current: status === 'signed',
    changes,
    staleReasons,
  };
}

function acknowledgementsOf(sigs: readonly (SignRecord | undefined)[], ind: IndicatorOwners): PackAcknowledgement[] {
  const out: PackAcknowledgement[] = [];
  for (const s of sigs)
    for (const a of s?.payload.acknowledgements ?? [])
      if (a.sheet === ind.sheet && a.ref === ind.ref)
        out.push({
          message: a.message,
          reason: a.reason,
          by: s!.actor?.name ?? 'unknown',
          role: s!.payload.role,
          at: s!.at,
        });
  return out;
}

function roleWords(role: SignRole, states: RoleState[], counts?: { signed: number; total: number }): string {
  if (counts) return `${counts.signed} of ${counts.total} indicators signed`;
  const s = states.find((x) => x.role === role);
  if (!s || s.status === 'not-signed') return 'not signed';
  const who = s.signature?.actor?.name ?? 'unknown';
  return s.status === 'signed' ? `signed by ${who}` : `${s.status === 'stale' ? 'STALE' : 'withdrawn'} (${who})`;
}

/**
 * The reported and recomputed judgement side by side, the difference named in words. Where the
 * figures give no judgement but the check still found the stated one wrong (a status saying
 * met on a figure that misses a target with no floor), the check's words name the difference.
 */
function judgementOf(j: Judged | null, what: string, mismatch: Finding | undefined): PackJudgement | null {
  if (!j) return null;
  let difference: string | null = null;
  if (j.agrees === false)
    difference = `Differs: the workbook reports ${j.stated}, the figures give ${j.recomputed}. ${j.why}`;
  else if (mismatch) difference = `Differs: ${mismatch.message}`;
  else if (j.agrees === null && j.stated === '' && j.recomputed !== null)
    difference = `The workbook reports no ${what}; the figures give ${j.recomputed}.`;
  return { ...j, difference };
}

/** The pack of one return. */
export function assurancePack(input: AssuranceInput): AssurancePack {
  const audit = auditReturn(input);
  const { verification, replay, result, progress, states, ownership } = audit;
  const sheetByName = new Map(input.sheets.map((s) => [s.name, s]));
  const gridOf = new Map<string, Grid>();
  for (const g of result?.grids ?? []) gridOf.set(g.sheet, g);
  const multiSheet = new Set(ownership?.indicators.map((i) => i.sheet)).size > 1;
  const findings: readonly Finding[] = result?.findings ?? [];

  const changedAfterSigning: ChangedAfterSigning[] = [];
  const signs = replay.accepted.filter((r): r is SignRecord => r.type === 'sign');
  const config = input.config.ok ? input.config.config : undefined;
  const judged = new Map(
    (config && result ? recomputedJudgements(input.sheets, result.grids, config, input.today) : []).map((j) => [
      `${j.sheet}\u0000${j.row}`,
      j,
    ]),
  );
  const annotations = annotationSet(config?.annotations ?? []);
  const indicators: PackIndicator[] = (ownership?.indicators ?? []).map((ind) => {
    const label = multiSheet ? `${ind.sheet}: ${ind.ref}` : ind.ref;
    const sheet = sheetByName.get(ind.sheet);
    const grid = [...(result?.grids ?? [])].find((g) => g.sheet === ind.sheet && g.indicatorRows.includes(ind.row));
    const at = (col: number | undefined) => (sheet && grid ? shown(sheet, ind.row, col) : null);
    const row = progress?.rows.find((r) => r.key === ind.key);
    const signatures = SIGN_ROLES.map((role) => {
      if (row) {
        const c = row.cells[role];
        return signatureOf(role, c.status, c.owner, c.signature, c.changedFigures, c.staleReasons);
      }
      const s = states.find((x) => x.role === role);
      const touched = s?.changes
        ? [...s.changes.changed, ...s.changes.added, ...s.changes.removed].includes(ind.key)
        : false;
      // A whole-return signature is stale for the return; the indicator is named where its own figures moved.
      const status: CellStatus = !s
        ? 'not-signed'
        : s.status === 'stale' && s.changes && !touched
          ? 'signed'
          : s.status;
      return signatureOf(role, status, '', s?.signature, [], status === 'stale' ? s!.staleReasons : []);
    });
    for (const s of signatures)
      // A whole-return signature that cannot say which indicator moved is named once, for the return, below.
      if (s.status === 'stale' && s.name !== null && (row || states.find((x) => x.role === s.role)?.changes))
        changedAfterSigning.push({ indicator: label, role: s.role, signedBy: s.name, at: s.at!, changes: s.changes });
    const own = findings.filter((f) => f.sheet === ind.sheet && f.ref === ind.ref);
    const mismatchAt = (rule: string, col: number | undefined) =>
      col === undefined ? undefined : own.find((f) => f.rule === rule && f.cell === a1(ind.row, col));
    const j = judged.get(`${ind.sheet}\u0000${ind.row}`);
    return {
      key: ind.key,
      label,
      description: ind.description,
      serviceArea: ind.serviceArea,
      periods: reported((grid?.periods ?? []).map((p) => ({ label: p.label, value: at(p.col) ?? '' }))),
      target: at(grid?.columns.target),
      floor: at(grid?.columns.floor),
      rag: at(grid?.columns.rag),
      dot: at(grid?.columns.dot),
      findings: own.map((f) => ({
        severity: f.severity,
        message: f.message,
        rule: f.rule,
        dimension: f.dimension,
        cell: f.cell,
      })),
      acknowledgements: acknowledgementsOf(
        row ? SIGN_ROLES.map((r) => row.cells[r].signature) : states.map((s) => s.signature),
        ind,
      ),
      signatures,
      workingPapers: indicatorPapers(ind.ref, config, signs, at(grid?.columns.dataSource)),
      asRecomputed: {
        rag: judgementOf(j?.rag ?? null, 'RAG', mismatchAt('rag-mismatch', grid?.columns.rag)),
        dot: judgementOf(j?.dot ?? null, 'direction of travel', mismatchAt('dot-mismatch', grid?.columns.dot)),
      },
      trend:
        sheet && grid
          ? trendOf(sheet, grid, ind.row, annotations, ind.description ? `${label} ${ind.description}` : label)
          : null,
    };
  });
  for (const st of progress ? [] : states)
    if (st.status === 'stale' && !st.changes && st.signature)
      changedAfterSigning.push({
        indicator: 'the whole return',
        role: st.role,
        signedBy: st.signature.actor?.name ?? 'unknown',
        at: st.signature.at,
        changes: st.staleReasons,
      });
  // Signatures over indicators the grid no longer holds.
  for (const g of progress?.gone ?? [])
    changedAfterSigning.push({
      indicator: g.indicators.join(', '),
      role: g.role,
      signedBy: g.signature.actor?.name ?? 'unknown',
      at: g.signature.at,
      changes: g.staleReasons,
    });

  const declarations: PackDeclaration[] = [];
  for (const s of signs) {
    let d = declarations.find((x) => x.role === s.payload.role && x.statement === s.payload.statement);
    if (!d) declarations.push((d = { role: s.payload.role, statement: s.payload.statement, signers: [] }));
    d.signers.push({ name: s.actor?.name ?? 'unknown', seq: s.seq, at: s.at });
  }
  declarations.sort((a, b) => SIGN_ROLES.indexOf(a.role) - SIGN_ROLES.indexOf(b.role));

  let receipt: AssurancePack['receipt'] = null;
  if (input.receipt) {
    // As `outturn audit --receipt` compares (cli/receipt-io.ts receiptVerdict): version 1 only for an older receipt.
    const now = audit.resolver ? audit.resolver(input.receipt.sheets) : null;
    const fingerprint = now && !now.gaps?.length ? now.fingerprint : null;
    const legacyFingerprint =
      fingerprint !== null && fingerprint !== input.receipt.fingerprint ? (now?.legacy?.fingerprint ?? null) : null;
    receipt = {
      ...compareWithReceipt(input.receipt, verification, { fingerprint, legacyFingerprint }, replay),
      issuedAt: input.receipt.issuedAt,
      returnName: input.receipt.returnName,
    };
  }

  const quality = Dimension.options.map((dimension) => {
    const of = findings.filter((f) => f.dimension === dimension);
    const n = (s: Severity) => of.filter((f) => f.severity === s).length;
    return { dimension, errors: n('error'), warnings: n('warning'), info: n('info') };
  });

  return {
    returnName: input.returnName,
    period: result?.timeline.period ?? null,
    asOf: result?.timeline.asOf ?? input.today,
    deadline: result?.timeline.deadline ?? null,
    grids: (result?.gridSummaries ?? []).map((g) => ({ sheet: g.sheet, range: g.range, indicators: g.indicators })),
    sheets: input.allSheets?.length ?? input.sheets.length,
    status: audit.status,
    summary: audit.summary,
    mode: ownership?.mode ?? 'not-judged',
    roles: SIGN_ROLES.map((role) => ({ role, words: roleWords(role, states, progress?.counts[role]) })),
    progress: progress ? progressLines(progress) : [],
    trail: {
      ok: verification.ok,
      reason: verification.reason,
      records: verification.records.length,
      head: input.trail.head ? formatHead(input.trail.head) : null,
      firstBrokenSeq: verification.firstBrokenSeq,
    },
    refused: replay.findings.map((f) => f.message),
    receipt,
    quality,
    changedAfterSigning,
    indicators,
    declarations,
    records: verification.records.map((r) => ({
      seq: r.seq,
      at: r.at,
      type: r.type,
      text: describeRecord(r),
      hash: r.hash,
    })),
    notice: audit.notice,
  };
}

/** A UK date for an ISO time or date, for the page ('21/08/2017 09:00 UTC'). */
export function packWhen(iso: string): string {
  return iso.length > 10 ? `${ukDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC` : ukDate(iso);
}
