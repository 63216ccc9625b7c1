/**
 * The register of returns: the performance team's view of a folder of returns, one row per
 * file. A return's row is built from the same calls `outturn check` (checkReturn) and
 * `outturn audit` (verifyTrail, returnSignOff, the receipt comparison) make, so the
 * register can never say something different from them about that file. A file that is
 * not a usable return is a row saying why, never left out.
 */
import { ownershipFromGrids } from '../signoff/owners';
import { replayTrail } from '../signoff/replay';
import { returnSignOff, type ReturnSignOff } from '../signoff/return-state';
import { compareWithReceipt, type Receipt } from '../signoff/receipt';
import { ROLE_TITLES, SIGN_ROLES, type SignRole } from '../signoff/roles';
import type { RoleStatus } from '../signoff/state';
import { figuresResolver } from '../signoff/summary';
import { verifyTrail, type LoadedTrail, type Verification } from '../signoff/trail';
import { checkReturn } from './check';
import { withReference } from './compare';
import type { WorkbookSource } from './ports';
import { submissionOf, type Submission } from './submission';

/** What the row says of the file: a return read and checked, a workbook holding no grid, or a file that could not be used. */
export type RowKind = 'return' | 'no-grid' | 'unusable';
export type TrailState = 'unbroken' | 'rules-broken' | 'broken' | 'empty' | 'suspicious' | 'unreadable' | 'none';
export type ReceiptState = 'matches' | 'differs' | 'unreadable' | 'none';

export interface RoleProgress {
  role: SignRole;
  /** Indicators holding a current signature for the role (per owner), or 1 / 0 for a return signed as a whole. */
  signed: number;
  total: number;
  /** What `signed` and `total` count. */
  unit: 'indicators' | 'return';
  /** For a return signed as a whole: the role's state, as `outturn audit` shows it. */
  status?: RoleStatus;
}

export interface StillToSign {
  role: SignRole;
  /** The grid's name for the owner; '' where it names nobody. */
  name: string;
  /** Indicator labels ('CS01'), or ['the whole return'] for a return signed as a whole. */
  indicators: string[];
}

/** A service area's sign-off in one return: signatures given of those due (three roles for each indicator). */
export interface AreaProgress {
  name: string;
  indicators: number;
  signed: number;
  due: number;
}

export interface RegisterRow {
  file: string;
  kind: RowKind;
  /** Why the file is not a usable return (unusable or no-grid); '' otherwise. */
  problem: string;
  /** The file's last modification, ISO 8601; null when it could not be read. */
  modified: string | null;
  /** Sheets of the workbook, and those holding a grid. */
  sheets: number;
  gridSheets: string[];
  grids: number;
  serviceAreas: string[];
  period: string | null;
  indicators: number;
  errors: number;
  warnings: number;
  /** Figure cells no rule read (the check's coverage), of all figure cells. */
  figuresNotChecked: number;
  figureCells: number;
  signoffMode: 'per-owner' | 'whole-return' | 'not-judged';
  roles: RoleProgress[];
  /** Service areas every indicator of which holds a current head-of-service signature. */
  areasCertified: number;
  complete: boolean;
  /** "2 of 4 verified by their responsible officer; …": the progress in words. */
  progress: string;
  stillToSign: StillToSign[];
  trail: TrailState;
  trailReason: string;
  receipt: ReceiptState;
  receiptReason: string;
  /** Submitted (the compiler sign-off complete) against the deadline. */
  submission: Submission;
  /** Sign-off by service area ('' for indicators the grid gives no service area). */
  areas: AreaProgress[];
  /** The return's own check report, when the register wrote one (--reports). */
  report?: string;
}

/** A receipt found beside the return: parsed, or the sentence saying why it could not be used. */
export type FoundReceipt = { ok: true; receipt: Receipt } | { ok: false; reason: string };

export interface RegisterInput {
  file: string;
  modified: string | null;
  source: WorkbookSource;
  /** As for checkReturn: undefined for a CSV (it can never be signed), null when unreadable. */
  trail: LoadedTrail | null | undefined;
  today: string;
  /** The receipt beside the file, when there is one. */
  receipt?: FoundReceipt;
  /** Why an empty trail is suspicious (the workbook shows Outturn was used on it), when it is. */
  emptyTrailSuspicion?: string | null;
}

function blankRow(file: string, modified: string | null): RegisterRow {
  return {
    file,
    kind: 'unusable',
    problem: '',
    modified,
    sheets: 0,
    gridSheets: [],
    grids: 0,
    serviceAreas: [],
    period: null,
    indicators: 0,
    errors: 0,
    warnings: 0,
    figuresNotChecked: 0,
    figureCells: 0,
    signoffMode: 'not-judged',
    roles: [],
    areasCertified: 0,
    complete: false,
    progress: '',
    stillToSign: [],
    trail: 'none',
    trailReason: '',
    receipt: 'none',
    receiptReason: '',
    submission: { state: 'not-judged', deadline: null, submitted: null, daysLate: 0, words: '' },
    areas: [],
  };
}

/** The row of a file that could not be used as a return, saying why. */
export function unusableRow(file: string, problem: string, modified: string | null): RegisterRow {
  return { ...blankRow(file, modified), problem };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function rolesOf(state: ReturnSignOff): RoleProgress[] {
  if (state.progress) {
    const counts = state.progress.counts;
    return SIGN_ROLES.map((role) => ({ role, ...counts[role], unit: 'indicators' as const }));
  }
  return (state.roles ?? []).map((s) => ({
    role: s.role,
    signed: s.status === 'signed' ? 1 : 0,
    total: 1,
    unit: 'return' as const,
    status: s.status,
  }));
}

const STATUS_WORDS: Record<RoleStatus, string> = {
  signed: 'signed',
  stale: 'STALE (must sign again)',
  withdrawn: 'withdrawn',
  'not-signed': 'not signed',
};

const ROLE_VERBS: Record<SignRole, string> = {
  compiler: 'signed by their compiler',
  'responsible-officer': 'verified by their responsible officer',
  'head-of-service': 'certified by their head of service',
};

/** "31 of 45 verified by their responsible officer; 2 of 4 service areas certified", or per role for a whole return. */
function progressSentence(roles: RoleProgress[], areas: { total: number; certified: number }): string {
  if (roles.length === 0) return '';
  if (roles[0].unit === 'return') {
    const words = roles.map((r) => `${ROLE_TITLES[r.role].toLowerCase()} ${STATUS_WORDS[r.status ?? 'not-signed']}`);
    return `Signed as a whole: ${words.join('; ')}.`;
  }
  const parts = roles.map((r) => `${r.signed} of ${r.total} ${ROLE_VERBS[r.role]}`);
  if (areas.total) parts.push(`${areas.certified} of ${plural(areas.total, 'service area')} certified`);
  return `${parts.join('; ')}.`;
}

function stillToSignOf(state: ReturnSignOff): StillToSign[] {
  if (state.progress)
    return state.progress.outstanding.map((o) => ({ role: o.role, name: o.name, indicators: [...o.indicators] }));
  return (state.roles ?? [])
    .filter((s) => s.status !== 'signed')
    .map((s) => ({ role: s.role, name: '', indicators: ['the whole return'] }));
}

function areasOf(state: ReturnSignOff): AreaProgress[] {
  const byName = new Map<string, AreaProgress>();
  const add = (name: string, signed: number) => {
    let area = byName.get(name);
    if (!area) byName.set(name, (area = { name, indicators: 0, signed: 0, due: 0 }));
    area.indicators++;
    area.signed += signed;
    area.due += SIGN_ROLES.length;
  };
  if (state.progress)
    for (const r of state.progress.rows)
      add(r.serviceArea, SIGN_ROLES.filter((role) => r.cells[role].status === 'signed').length);
  else {
    const signed = (state.roles ?? []).filter((s) => s.status === 'signed').length;
    for (const i of state.ownership.indicators) add(i.serviceArea, signed);
  }
  return [...byName.values()];
}

function compilerComplete(state: ReturnSignOff): boolean {
  if (state.progress) {
    const c = state.progress.counts.compiler;
    return c.total > 0 && c.signed === c.total;
  }
  return (state.roles ?? []).some((s) => s.role === 'compiler' && s.status === 'signed');
}

function trailOf(verification: Verification | null, input: RegisterInput): { trail: TrailState; reason: string } {
  if (input.trail === undefined) return { trail: 'none', reason: 'A CSV file has no audit trail.' };
  if (input.trail === null) return { trail: 'unreadable', reason: 'The audit trail could not be read.' };
  if (!verification) return { trail: 'none', reason: '' };
  if (!verification.ok) return { trail: 'broken', reason: verification.reason };
  if (verification.records.length === 0)
    return input.emptyTrailSuspicion
      ? { trail: 'suspicious', reason: input.emptyTrailSuspicion }
      : { trail: 'empty', reason: 'Nothing was checked or signed with Outturn yet.' };
  return { trail: 'unbroken', reason: verification.reason };
}

/** One return's row: checked as `outturn check` checks it, its trail and sign-off judged as `outturn audit` judges them. */
export function registerRow(input: RegisterInput): RegisterRow {
  const { source } = input;
  const checked = withReference(
    checkReturn({ source, trail: input.trail, today: input.today, findingsKept: 0 }),
    { source, trail: input.trail },
    undefined,
    input.today,
  );
  const result = checked.result;
  const row = blankRow(input.file, input.modified);
  row.sheets = source.allSheets?.length ?? source.sheets.length;
  row.gridSheets = [...new Set(result.gridSummaries.map((g) => g.sheet))];
  row.grids = result.gridSummaries.length;
  row.period = result.timeline.period ?? null;
  row.indicators = result.indicators;
  row.errors = result.summary.errors;
  row.warnings = result.summary.warnings;
  row.figuresNotChecked = result.coverage?.uncheckedCells ?? 0;
  row.figureCells = result.coverage?.figureCells ?? 0;
  if (result.grids.length === 0) {
    row.kind = 'no-grid';
    row.problem = 'No metric collection grid was found, so this is not read as a return.';
  } else row.kind = 'return';

  const verification = input.trail ? verifyTrail(input.trail.entries, input.trail.head) : null;
  const trail = trailOf(verification, input);
  row.trail = trail.trail;
  row.trailReason = trail.reason;

  if (verification && result.grids.length) {
    const workbook = source.allSheets ? { allSheets: source.allSheets } : undefined;
    // As `outturn audit` counts them: only the records the sign-off rules would have accepted.
    const ownership = ownershipFromGrids(result.grids, source.sheets, source.config);
    const replay = replayTrail(verification.records, ownership);
    if (replay.findings.length && row.trail === 'unbroken') {
      row.trail = 'rules-broken';
      const n = replay.findings.length;
      row.trailReason = `${n} record${n === 1 ? '' : 's'} the sign-off rules would have refused (outturn audit names them); they count for nothing.`;
    }
    const state = returnSignOff(replay.accepted, result.grids, source.sheets, workbook, source.config, ownership);
    row.signoffMode = state.ownership.mode;
    row.serviceAreas = state.progress
      ? state.progress.serviceAreas.map((a) => a.name).filter((n) => n !== '(no service area)')
      : [...new Set(state.ownership.indicators.map((i) => i.serviceArea).filter(Boolean))];
    row.areasCertified = state.progress
      ? state.progress.serviceAreas.filter((a) => a.certified && a.name !== '(no service area)').length
      : 0;
    row.roles = rolesOf(state);
    row.complete = state.complete;
    row.stillToSign = stillToSignOf(state);
    row.progress = progressSentence(row.roles, { total: row.serviceAreas.length, certified: row.areasCertified });
    row.areas = areasOf(state);
    row.submission = submissionOf({
      deadline: result.timeline.deadline,
      today: input.today,
      nation: source.config.nation,
      compilerComplete: compilerComplete(state),
      accepted: replay.accepted,
    });
  } else if (result.grids.length)
    row.submission = submissionOf({
      deadline: result.timeline.deadline,
      today: input.today,
      nation: source.config.nation,
      compilerComplete: undefined,
      accepted: [],
    });

  if (input.receipt) {
    if (!input.receipt.ok) {
      row.receipt = 'unreadable';
      row.receiptReason = input.receipt.reason;
    } else if (!verification) {
      row.receipt = 'differs';
      row.receiptReason = 'A receipt lies beside the file, but the file has no readable audit trail.';
    } else {
      const comparison = receiptComparison(input.receipt.receipt, verification, result, source);
      row.receipt = comparison.same ? 'matches' : 'differs';
      row.receiptReason = comparison.same
        ? 'This is the workbook that was receipted.'
        : comparison.differences.join(' ');
    }
  }
  return row;
}

/** The receipt compared with the return, as `outturn audit --receipt` compares them. */
function receiptComparison(
  receipt: Receipt,
  verification: Verification,
  result: ReturnType<typeof checkReturn>['result'],
  source: WorkbookSource,
) {
  const workbook = source.allSheets ? { allSheets: source.allSheets } : undefined;
  const now = result.grids.length ? figuresResolver(result, source.sheets, workbook)(receipt.sheets) : null;
  const fingerprint = now && !now.gaps?.length ? now.fingerprint : null;
  // Version 1 of the figures only for a receipt that does not match version 2 (an older signature).
  const legacyFingerprint =
    fingerprint !== null && fingerprint !== receipt.fingerprint ? (now?.legacy?.fingerprint ?? null) : null;
  return compareWithReceipt(receipt, verification, { fingerprint, legacyFingerprint });
}

export interface RegisterTotals {
  files: number;
  returns: number;
  notReturns: number;
  unusable: number;
  indicators: number;
  errors: number;
  warnings: number;
  /** Returns carrying at least one error. */
  returnsWithErrors: number;
  figuresNotChecked: number;
  returnsWithUncheckedFigures: number;
  complete: number;
  brokenTrails: number;
  receiptsMatching: number;
  receiptsDiffering: number;
  /** Returns submitted after their deadline, and returns not submitted though their deadline has passed. */
  late: number;
  overdue: number;
}

export function registerTotals(rows: readonly RegisterRow[]): RegisterTotals {
  const t: RegisterTotals = {
    files: rows.length,
    returns: 0,
    notReturns: 0,
    unusable: 0,
    indicators: 0,
    errors: 0,
    warnings: 0,
    returnsWithErrors: 0,
    figuresNotChecked: 0,
    returnsWithUncheckedFigures: 0,
    complete: 0,
    brokenTrails: 0,
    receiptsMatching: 0,
    receiptsDiffering: 0,
    late: 0,
    overdue: 0,
  };
  for (const r of rows) {
    if (r.kind === 'return') t.returns++;
    else if (r.kind === 'no-grid') t.notReturns++;
    else t.unusable++;
    t.indicators += r.indicators;
    t.errors += r.errors;
    t.warnings += r.warnings;
    if (r.errors) t.returnsWithErrors++;
    t.figuresNotChecked += r.figuresNotChecked;
    if (r.figuresNotChecked) t.returnsWithUncheckedFigures++;
    if (r.complete) t.complete++;
    if (r.trail === 'broken' || r.trail === 'rules-broken' || r.trail === 'suspicious') t.brokenTrails++;
    if (r.receipt === 'matches') t.receiptsMatching++;
    if (r.receipt === 'differs' || r.receipt === 'unreadable') t.receiptsDiffering++;
    if (r.submission.state === 'late') t.late++;
    if (r.submission.state === 'overdue') t.overdue++;
  }
  return t;
}

export interface PersonToChase {
  /** The grid's name; '' for what no one is named to sign. */
  name: string;
  items: { file: string; role: SignRole; indicators: string[] }[];
}

/** Each person with what they still have to sign across every return, named people first in name order. */
export function peopleToChase(rows: readonly RegisterRow[]): PersonToChase[] {
  const byName = new Map<string, PersonToChase>();
  for (const r of rows)
    for (const s of r.stillToSign) {
      const key = s.name.trim().toLowerCase();
      let person = byName.get(key);
      if (!person) byName.set(key, (person = { name: s.name.trim(), items: [] }));
      person.items.push({ file: r.file, role: s.role, indicators: s.indicators });
    }
  return [...byName.values()].sort((a, b) =>
    a.name === '' ? 1 : b.name === '' ? -1 : a.name.localeCompare(b.name, 'en-GB'),
  );
}

/** The row's sign-off in a few words, for the register's tables. */
export function signoffWords(row: RegisterRow): string {
  if (row.kind !== 'return') return '';
  if (row.signoffMode === 'not-judged') return 'not judged (no audit trail)';
  if (row.complete) return 'complete';
  return row.progress;
}

/** The share of signatures given of all due (0–1), for a progress bar: each role's indicators, or the three whole-return roles. */
export function signoffShare(row: RegisterRow): number {
  const due = row.roles.reduce((n, r) => n + r.total, 0);
  return due ? row.roles.reduce((n, r) => n + r.signed, 0) / due : 0;
}

/** Every service area across the returns, and all of them together: signatures given of those due. */
export function areaTotals(rows: readonly RegisterRow[]): { areas: AreaProgress[]; overall: AreaProgress } {
  const byName = new Map<string, AreaProgress>();
  const overall: AreaProgress = { name: 'All returns', indicators: 0, signed: 0, due: 0 };
  for (const r of rows)
    for (const a of r.areas) {
      const key = a.name.trim().toLowerCase();
      let area = byName.get(key);
      if (!area) byName.set(key, (area = { name: a.name.trim(), indicators: 0, signed: 0, due: 0 }));
      for (const t of [area, overall]) {
        t.indicators += a.indicators;
        t.signed += a.signed;
        t.due += a.due;
      }
    }
  const areas = [...byName.values()].sort((a, b) =>
    a.name === '' ? 1 : b.name === '' ? -1 : a.name.localeCompare(b.name, 'en-GB'),
  );
  return { areas, overall };
}
