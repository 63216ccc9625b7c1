/**
 * `outturn audit`: print the workbook's audit trail, whether it is unbroken, and the
 * sign-off state with stale signatures and the indicators changed since. Exit 1 when the
 * trail is broken or a signature is stale, 0 otherwise, 2 when the file cannot be used.
 */
import { affectedSentence, concurrentSentences, repairSentences, seqLabel } from '../signoff/trail-report';
import { loadWorkbook } from '../workbook/load';
import { auditReturn, type AuditSource } from '../app/audit';
import type { RoleState } from '../signoff/state';
import { describeRecord, describeRoleState } from '../signoff/summary';
import { indicatorLabel } from '../signoff/fingerprint';
import { outstandingLines, progressLines, type MatrixCell, type Progress } from '../signoff/progress';
import { ROLE_TITLES, SIGN_ROLES } from '../signoff/roles';
import { parseCommandArgs, stringOption } from './args';
import { resolveConfig } from './config';
import { CliError } from './errors';
import { CliIO, EXIT_FINDINGS, EXIT_OK } from './io';
import { localIsoDate } from './check';
import { safeLines } from './report-text';
import { emptyTrailSuspicion, readReceipt, receiptVerdict } from './receipt-io';
import { restatementLines, restatementsOfTrail } from './restatements-text';
import { auditWorkingPapers } from '../app/evidence';
import { evidenceDirReader } from './evidence-files';

export const AUDIT_HELP = `outturn audit — read a workbook's audit trail and verify it

Usage:
  outturn audit <file.xlsx> [--format text|json] [--receipt RECEIPT.json] [--evidence-dir DIR]

Prints every record of the trail (checks, acknowledgements, signatures, withdrawals,
configuration changes), whether the hash chain is unbroken (and the first broken record if
not), every record the sign-off rules would have refused (replayed over the trail: order
of roles, ownership or delegation, one person one role, errors, acknowledgements, time
moving forward; such a record counts for nothing), and the sign-off state. Where the grid names its owners: a matrix of indicators ×
roles (who signed, who still has to), counts such as "6 of 12 verified by their responsible
officer; 1 of 2 service areas certified", and each stale signature with the figure that
changed (old → new). Where it names none: who signed each role, and which are stale.

Options:
  --format FORMAT   text (default) or json
  --receipt FILE    the sign-off receipt written when the last role signed: prove this is
                    the workbook receipted, or name what differs (exit 1 when it differs)
  --evidence-dir DIR  the folder the working papers are kept in: each file a signature
                    recorded (sign --evidence) is found there by name and hashed again;
                    one changed or missing is named (exit 1)
  -h, --help        show this help

Example:
  outturn audit corporate-pis-signed.xlsx

Exit status: 0 trail unbroken, every record within the rules and every signature current
(signed in part or complete); 1 trail broken, a record the rules would have refused, a
signature stale, nothing signed in a workbook that has a grid, or a working paper
changed or missing (--evidence-dir); 2 the file or the arguments could not be used.
`;

function roleJson(s: RoleState, multiSheet: (keys: string[]) => boolean) {
  const sig = s.signature;
  const changed = s.changes ? [...s.changes.changed, ...s.changes.added, ...s.changes.removed] : [];
  const multi = multiSheet(changed);
  return {
    role: s.role,
    status: s.status,
    ...(sig
      ? {
          seq: sig.seq,
          name: sig.actor?.name ?? null,
          upn: sig.actor?.upn ?? null,
          identity: sig.actor?.source ?? null,
          at: sig.at,
          fingerprint: sig.payload.fingerprint,
        }
      : {}),
    ...(s.withdrawal
      ? { withdrawn: { seq: s.withdrawal.seq, at: s.withdrawal.at, reason: s.withdrawal.payload.reason } }
      : {}),
    ...(s.status === 'stale'
      ? {
          staleReasons: s.staleReasons,
          changedIndicators: s.changes
            ? {
                changed: s.changes.changed.map((k) => indicatorLabel(k, multi)),
                added: s.changes.added.map((k) => indicatorLabel(k, multi)),
                removed: s.changes.removed.map((k) => indicatorLabel(k, multi)),
              }
            : null,
        }
      : {}),
  };
}

export async function runAudit(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('audit', args, {
    format: { type: 'string' },
    receipt: { type: 'string' },
    'evidence-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(AUDIT_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new CliError('audit needs exactly one .xlsx workbook, e.g. `outturn audit return.xlsx`');
  const format = stringOption(values, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliError(`--format must be text or json (got '${format}')`);
  const file = positionals[0];
  if (/\.(csv|tsv|txt)$/i.test(file))
    throw new CliError(
      `cannot audit '${file}': a CSV file has no audit trail (the trail lives inside an .xlsx workbook)`,
    );

  const receiptFile = stringOption(values, 'receipt');
  const receipt = receiptFile === undefined ? null : await readReceipt(receiptFile);
  const evidenceDir = stringOption(values, 'evidence-dir');
  const readPaper = evidenceDir === undefined ? null : evidenceDirReader(evidenceDir);
  const loaded = await loadWorkbook(file);
  if (loaded.kind !== 'xlsx' || !loaded.trail)
    throw new CliError(`cannot audit '${file}': it is not an .xlsx workbook`);
  let config: AuditSource['config'];
  try {
    config = { ok: true, config: resolveConfig(loaded.storedConfig, {}) };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    config = { ok: false, problem: err.message };
  }
  // Every sheet was read, so a signed sheet gone, very hidden or emptied makes its signature stale.
  const audit = auditReturn({
    trail: loaded.trail,
    sheets: loaded.sheets,
    allSheets: loaded.sheetNames,
    config,
    today: localIsoDate(io.now()),
  });
  const { verification, replay, progress, states, resolver, notice } = audit;
  // The receipt (receipt-io.ts): the chain and figures it names, compared with this workbook; a refused record differs.
  const verdict = receipt ? receiptVerdict(receipt, verification, resolver, replay) : null;
  const suspicion =
    verification.ok && verification.records.length === 0 && loaded.book ? emptyTrailSuspicion(loaded.book) : null;
  // Only records whose chain verified are trusted to say what was signed.
  const papers = readPaper
    ? auditWorkingPapers(
        verification.records.filter((r) => r.seq <= verification.verifiedThrough),
        readPaper,
      )
    : null;
  const exit =
    audit.findings || (verdict && !verdict.comparison.same) || suspicion || papers?.findings.length
      ? EXIT_FINDINGS
      : EXIT_OK;

  if (format === 'json') {
    const multiSheet = (keys: string[]) => new Set(keys.map((k) => k.slice(0, k.indexOf('|')))).size > 1;
    io.stdout(
      `${JSON.stringify(
        {
          file,
          status: audit.status,
          summary: audit.summary,
          verification: {
            ok: verification.ok,
            firstBrokenSeq: verification.firstBrokenSeq,
            reason: verification.reason,
            verifiedThrough: verification.verifiedThrough,
            records: verification.records.length,
            head: loaded.trail.head,
            affected: affectedSentence(verification),
            repairs: (verification.repairs ?? []).map((r) => ({
              record: r.repair.seq,
              hash: r.repair.hash,
              by: r.repair.actor?.name ?? null,
              role: r.repair.payload.role,
              at: r.repair.at,
              reason: r.repair.payload.reason,
              broke: r.broke,
              kept: r.affected,
            })),
            concurrent: verification.concurrent ?? [],
          },
          records: verification.records,
          rules: { ok: replay.findings.length === 0, findings: replay.findings },
          restatements: restatementsOfTrail(verification.records),
          mode: progress ? 'per-owner' : 'whole-return',
          signOff: progress ? roleSummaries(progress) : states.map((s) => roleJson(s, multiSheet)),
          ...(progress ? { progress: progressJson(progress) } : {}),
          ...(verdict ? { receipt: { file: receiptFile, ...verdict.comparison } } : {}),
          ...(suspicion ? { suspicious: suspicion } : {}),
          ...(papers
            ? {
                workingPapers: {
                  dir: evidenceDir,
                  ok: papers.findings.length === 0,
                  papers: papers.papers,
                },
              }
            : {}),
          ...(notice ? { notice } : {}),
        },
        null,
        2,
      )}\n`,
    );
    return exit;
  }

  const lines: string[] = [];
  lines.push(
    `Audit trail of '${file}': ${verification.records.length === 0 && verification.ok ? 'no records (nothing was checked or signed with Outturn yet)' : `${verification.records.length} record${verification.records.length === 1 ? '' : 's'}`}`,
  );
  if (verification.records.length) lines.push('');
  for (const r of verification.records) {
    const mark =
      verification.firstBrokenSeq !== null && r.seq >= verification.firstBrokenSeq
        ? r.seq === verification.firstBrokenSeq
          ? 'BROKEN '
          : 'after  '
        : r.seq <= verification.verifiedThrough
          ? 'ok     '
          : '?      ';
    lines.push(
      `  ${mark}${seqLabel(r, verification.records).padStart(4)}  ${r.at}  ${r.type.padEnd(11)}  ${describeRecord(r)}`,
    );
  }
  lines.push('');
  lines.push(`Verification: ${verification.ok ? 'UNBROKEN' : 'BROKEN'}. ${verification.reason}`);
  if (!verification.ok && verification.firstBrokenSeq !== null)
    lines.push(`First broken record: ${verification.firstBrokenSeq}. Records after it cannot be trusted.`);
  const affected = affectedSentence(verification);
  if (affected) lines.push(affected);
  lines.push(...repairSentences(verification), ...concurrentSentences(verification));
  if (replay.findings.length) {
    const refused = new Set(replay.findings.map((f) => f.seq)).size;
    lines.push(
      `Sign-off rules: BROKEN. ${refused} record${refused === 1 ? '' : 's'} the rules would have refused (they count for nothing below):`,
    );
    for (const f of replay.findings) lines.push(`  ${f.code.padEnd(24)}  ${f.message}`);
  } else if (verification.records.length) lines.push('Sign-off rules: every record passes them when replayed.');
  lines.push(`Status: ${audit.status.toUpperCase()}. ${audit.summary}`);
  lines.push('');
  if (progress) lines.push(...matrixText(progress));
  else {
    lines.push('Sign-off:');
    for (const s of states) lines.push(`  ${describeRoleState(s)}`);
  }
  const restated = restatementLines(verification.records);
  if (restated.length) lines.push('', ...restated);
  if (suspicion) lines.push('', suspicion);
  if (verdict) lines.push('', ...verdict.lines);
  if (papers)
    lines.push(
      '',
      papers.papers.length === 0
        ? `Working papers: no signature recorded any, so there is nothing to compare in '${evidenceDir}'.`
        : `Working papers (in '${evidenceDir}'): ${papers.findings.length ? `${papers.findings.length} of ${papers.papers.length} CHANGED OR MISSING` : `all ${papers.papers.length} unchanged`}.`,
      ...papers.lines.map((l) => `  ${l}`),
    );
  if (notice) lines.push('', notice);
  io.stdout(safeLines(lines)); // names, reasons and acknowledgements are typed text: shown escaped, one line each
  return exit;
}

/** Per role, for the JSON's signOff: 'signed' when every indicator holds a current signature, else the worst state. */
function roleSummaries(p: Progress) {
  return SIGN_ROLES.map((role) => {
    const cells = p.rows.map((r) => r.cells[role]);
    const status =
      cells.some((c) => c.status === 'stale') || p.gone.some((g) => g.role === role)
        ? 'stale'
        : cells.every((c) => c.status === 'signed')
          ? 'signed'
          : cells.some((c) => c.status === 'signed')
            ? 'partly-signed'
            : cells.some((c) => c.status === 'withdrawn')
              ? 'withdrawn'
              : 'not-signed';
    return { role, status, ...p.counts[role] };
  });
}

function cellJson(c: MatrixCell) {
  const sig = c.signature;
  return {
    status: c.status,
    owner: c.owner || null,
    ...(sig
      ? {
          seq: sig.seq,
          signedBy: sig.actor?.name ?? null,
          identity: sig.actor?.source ?? null,
          at: sig.at,
          delegation: sig.payload.scope?.delegation ?? null,
        }
      : {}),
    ...(c.withdrawal
      ? { withdrawn: { seq: c.withdrawal.seq, at: c.withdrawal.at, reason: c.withdrawal.payload.reason } }
      : {}),
    ...(c.status === 'stale' ? { staleReasons: c.staleReasons, changedFigures: c.changedFigures } : {}),
  };
}

function progressJson(p: Progress) {
  return {
    complete: p.complete,
    counts: p.counts,
    serviceAreas: p.serviceAreas,
    matrix: p.rows.map((r) => ({
      indicator: r.label,
      description: r.description,
      serviceArea: r.serviceArea,
      ...Object.fromEntries(SIGN_ROLES.map((role) => [role, cellJson(r.cells[role])])),
    })),
    outstanding: p.outstanding,
    gone: p.gone.map((g) => ({
      role: g.role,
      seq: g.signature.seq,
      signedBy: g.signature.actor?.name ?? null,
      at: g.signature.at,
      indicators: g.indicators,
      status: 'stale',
      staleReasons: g.staleReasons,
    })),
  };
}

const CELL_WORD: Record<MatrixCell['status'], string> = {
  signed: 'signed',
  stale: 'STALE',
  withdrawn: 'withdrawn',
  'not-signed': 'to sign',
};

/** The matrix as text: one line per indicator, one column per role ('signed Dawn Garton', 'to sign Jim Worley'). */
function matrixText(p: Progress): string[] {
  const cell = (c: MatrixCell) => {
    const who =
      c.signature?.actor?.name && c.status !== 'not-signed' ? c.signature.actor.name : c.owner || '(no owner named)';
    const by = c.signature?.payload.scope?.delegation ? ` for ${c.signature.payload.scope.delegation.for}` : '';
    return `${CELL_WORD[c.status]} ${who}${by}`;
  };
  const rows = p.rows.map((r) => [r.label, ...SIGN_ROLES.map((role) => cell(r.cells[role]))]);
  const head = ['Indicator', ...SIGN_ROLES.map((r) => ROLE_TITLES[r])];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}`;
  const out = [
    'Sign-off (per owner, as the grid assigns each indicator):',
    ...progressLines(p).map((l) => `  ${l}`),
    '',
    line(head),
    ...rows.map(line),
  ];
  const stale = p.rows.flatMap((r) =>
    SIGN_ROLES.filter((role) => r.cells[role].status === 'stale').map(
      (role) =>
        `  ${r.label}, ${ROLE_TITLES[role].toLowerCase()} (${r.cells[role].signature?.actor?.name ?? 'unknown'}): ${r.cells[role].staleReasons.join(' ')}`,
    ),
  );
  stale.push(
    ...p.gone.map(
      (g) =>
        `  ${ROLE_TITLES[g.role]} (${g.signature.actor?.name ?? 'unknown'}, record ${g.signature.seq}) over ${g.indicators.join(', ')}: STALE. ${g.staleReasons.join(' ')}`,
    ),
  );
  if (stale.length) out.push('', 'Stale signatures (must be signed again):', ...stale);
  const todo = outstandingLines(p);
  if (todo.length) out.push('', 'Still to sign:', ...todo.map((l) => `  ${l}`));
  return out;
}
