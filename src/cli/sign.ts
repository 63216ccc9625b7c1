/**
 * `outturn sign`: check the workbook with its stored configuration, then, if the rules
 * allow, append check + acknowledge + sign records to the workbook's audit trail.
 *
 * Where the grid names its owners, a person signs in one role for the indicators the grid
 * assigns to them (--indicators narrows it; --on-behalf-of with --delegation-reason signs
 * another's); where it names none, the return is signed as a whole, once per role.
 */
import { checkWorkbook } from '../engine/check';
import { XlsxFileTrailStore } from '../workbook/trail-xlsx';
import { appendWithRetry, verifyTrail, type LoadedTrail, type SignRecord, type TrailRecord } from '../signoff/trail';
import { signOffState } from '../signoff/state';
import { prepareSignature, sheetsOf } from '../signoff/rules';
import { prepareOwnerSignature, type SignPlan } from '../signoff/owner-rules';
import { ownershipFromGrids, refLabel, type Ownership } from '../signoff/owners';
import { signoffForCheck } from '../signoff/outstanding';
import { figuresFromCheck } from '../signoff/summary';
import { signOffProgress, progressLines, type Progress } from '../signoff/progress';
import { ROLE_TITLES, SIGN_ROLES, SignRole } from '../signoff/roles';
import { parseCommandArgs, stringOption } from './args';
import { parseAsOfFlag, resolveConfig, type ConfigOverrides } from './config';
import { CliError } from './errors';
import { ownerReceiptAfterSigning, receiptAfterSigning } from './receipt-io';
import { escapeControls, hasControlCharacters, signerNameProblem } from '../signoff/text-safety';
import { hardLinkNotice } from '../workbook/atomic-write';
import { CliIO, EXIT_FINDINGS, EXIT_OK } from './io';
import { localIsoDate } from './check';
import { writeFailure, writeTarget } from './sign-target';

export const SIGN_HELP = `outturn sign — sign a checked return as compiler, responsible officer or head of service

Usage:
  outturn sign <file.xlsx> --role ROLE --name NAME [--indicators REF,...]
               [--on-behalf-of NAME --delegation-reason TEXT] [--acknowledge "reason"]
               (--out FILE | --in-place) [--format text|json]

The workbook is checked first, with the rule configuration saved in it. Where the grid
names each indicator's compiling officer, responsible officer and head of service, NAME
signs in ROLE for the indicators the grid assigns to them (matched ignoring case, spacing,
titles such as Dr or Cllr, and initials: "D. Garton" is Dawn Garton). Per indicator, the
compiler signs before the responsible officer, and the responsible officer before the
head of service; the same person never signs two roles for one indicator; an indicator
with errors is left out (the rest are signed) and its warnings must be acknowledged.
Where the grid names no owners, the return is signed as a whole, once per role.
Refused (exit status 1, with the reasons, nothing written) when nothing can be signed.

Options:
  --role ROLE                 compiler, responsible-officer or head-of-service
  --name NAME                 your name, recorded as typed
  --indicators REF,...        sign only these of your indicators (each must be signable)
  --on-behalf-of NAME         sign the indicators the grid assigns to NAME (a delegation)
  --delegation-reason TEXT    why you sign for them (required with --on-behalf-of)
  --acknowledge REASON        acknowledge every warning on the signed indicators with this one reason
  --out FILE.xlsx             write the signed workbook to FILE (the input is not changed)
  --in-place                  write the signature into the input file itself: only the trail sheet
                              and workbook.xml change; mode and owner are kept, a read-only file is
                              refused, a symlink is written through to its target.
  --as-of YYYY-MM-DD          the date the check is made as of (default: today)
  --format FORMAT             text (default) or json
  -h, --help                  show this help

Examples:
  outturn sign melton-pis.xlsx --role compiler --name "Alan Pritchard" --out melton-pis-signed.xlsx
  outturn sign melton-pis-signed.xlsx --role responsible-officer --name "Dawn Garton" --indicators CS01,CS02 --in-place
  outturn sign melton-pis-signed.xlsx --role responsible-officer --name "Dawn Garton" --on-behalf-of "Jim Worley" --delegation-reason "Jim on leave; delegated by email 18/08/2017" --in-place

Exit status: 0 signed, 1 signing refused, 2 the file or the arguments could not be used.
`;

interface Signed {
  written: TrailRecord[];
  plan: SignPlan | null;
  ownership: Ownership;
  /** The return's progress with this signature (per owner only). */
  progress: Progress | null;
}

function labels(ownership: Ownership, keys: readonly string[]): string[] {
  return keys.map((k) => refLabel(ownership, k));
}

export async function runSign(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('sign', args, {
    role: { type: 'string' },
    name: { type: 'string' },
    indicators: { type: 'string' },
    'on-behalf-of': { type: 'string' },
    'delegation-reason': { type: 'string' },
    acknowledge: { type: 'string' },
    out: { type: 'string' },
    'in-place': { type: 'boolean' },
    'as-of': { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(SIGN_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new CliError(
      'sign needs exactly one .xlsx workbook, e.g. `outturn sign return.xlsx --role compiler --name "Ann Smith" --out signed.xlsx`',
    );
  const file = positionals[0];
  const roleText = stringOption(values, 'role');
  if (!roleText) throw new CliError('sign needs --role compiler, responsible-officer or head-of-service');
  const role = SignRole.safeParse(roleText);
  if (!role.success)
    throw new CliError(`--role must be compiler, responsible-officer or head-of-service (got '${roleText}')`);
  const name = stringOption(values, 'name');
  if (!name) throw new CliError('sign needs --name with your name, e.g. --name "Ann Smith"');
  const nameProblem = signerNameProblem(name);
  if (nameProblem) throw new CliError(`cannot sign: ${nameProblem}`);
  const format = stringOption(values, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliError(`--format must be text or json (got '${format}')`);
  const acknowledge = values.acknowledge === undefined ? undefined : stringOption(values, 'acknowledge');
  if (acknowledge !== undefined && hasControlCharacters(acknowledge))
    throw new CliError(
      `cannot sign: the reason given to --acknowledge contains a control character (${escapeControls(acknowledge)}): give it as one line of plain text`,
    );
  const indicatorsText = stringOption(values, 'indicators');
  const indicators = indicatorsText
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const onBehalfOf = stringOption(values, 'on-behalf-of');
  const delegationReason = stringOption(values, 'delegation-reason');
  if (delegationReason && !onBehalfOf)
    throw new CliError('--delegation-reason goes with --on-behalf-of NAME (whose indicators you sign)');
  const overrides: ConfigOverrides = {};
  const asOf = stringOption(values, 'as-of');
  if (asOf !== undefined) overrides.asOf = parseAsOfFlag(asOf);
  const target = await writeTarget('sign', file, stringOption(values, 'out'), values['in-place'] === true);

  if (target === file) {
    const linked = await hardLinkNotice(file);
    if (linked) io.stderr(`outturn: note: ${linked}\n`);
  }
  const today = localIsoDate(io.now());
  const at = io.now().toISOString();
  const identity = { name: name.trim(), source: 'typed' as const };
  // One read of the file: the grid, the settings and the trail come from the store's load().
  const store = new XlsxFileTrailStore(file, target);
  let plan: SignPlan | null = null;
  let ownership: Ownership | null = null;
  let progressWith: ((written: TrailRecord[]) => Progress) | null = null;
  let wholeFigures: { fingerprint: string; sheets: string[] } | null = null;
  let outcome: { written: TrailRecord[]; trail: LoadedTrail } | { refusal: string[] };
  try {
    outcome = await appendWithRetry<string[]>(store, (trail, verification) => {
      const sheets = store.sheets;
      const config = resolveConfig(store.storedConfig, overrides);
      // Checked as `outturn check` checks it (sign-off state included), so the counts recorded are the ones it prints.
      const result = checkWorkbook(sheets, config, { today, signoff: signoffForCheck(trail, sheets, config) });
      if (result.grids.length === 0)
        throw new CliError(`no metric collection grid found in '${file}', so there is nothing to sign`);
      const figures = figuresFromCheck(result, sheets, config, 'cli');
      ownership = ownershipFromGrids(result.grids, sheets, config);
      if (ownership.mode === 'whole-return') {
        if (indicators || onBehalfOf)
          throw new CliError(
            `the grid in '${file}' names no owners, so the return is signed as a whole: --indicators and --on-behalf-of do not apply`,
          );
        const prepared = prepareSignature(verification, figures, {
          role: role.data,
          identity,
          statementConfirmed: true,
          bulkReason: acknowledge,
          at,
        });
        return prepared.ok ? { drafts: prepared.drafts } : { refusal: prepared.reasons };
      }
      const prepared = prepareOwnerSignature(verification, ownership, figures, {
        role: role.data,
        identity,
        statementConfirmed: true,
        indicators,
        onBehalfOf,
        delegationReason,
        bulkReason: acknowledge,
        at,
      });
      plan = prepared.plan ?? null;
      const own = ownership;
      // What `outturn audit --receipt` recomputes: the whole grids' fingerprint on their sheets.
      wholeFigures = { fingerprint: figures.fingerprint.hash, sheets: sheetsOf(figures.grids) };
      progressWith = (written) =>
        signOffProgress(
          [...verification.records, ...written],
          own,
          figures.fingerprint.indicators ?? null,
          figures.fingerprint.hash,
        );
      return prepared.ok ? { drafts: prepared.drafts } : { refusal: prepared.reasons };
    });
  } catch (err) {
    throw writeFailure(err, target);
  }
  const title = ROLE_TITLES[role.data].toLowerCase();
  if ('refusal' in outcome) {
    if (format === 'json')
      io.stdout(
        `${JSON.stringify({ signed: false, role: role.data, name: identity.name, reasons: outcome.refusal }, null, 2)}\n`,
      );
    else
      io.stderr(
        `outturn: cannot sign as ${title}:\n${outcome.refusal.map((r) => `  - ${escapeControls(r)}\n`).join('')}`,
      ); // reasons quote names from the trail
    return EXIT_FINDINGS;
  }
  const makeProgress = progressWith as ((written: TrailRecord[]) => Progress) | null;
  const done: Signed = {
    written: outcome.written,
    plan,
    ownership: ownership!,
    progress: makeProgress ? makeProgress(outcome.written) : null,
  };
  // The last role's signature on a return signed as a whole: the receipt to keep apart from the workbook (receipt-io.ts).
  // Per owner: the signature that makes every indicator's three signatures current.
  const owned = wholeFigures as { fingerprint: string; sheets: string[] } | null;
  const receipt =
    done.ownership.mode === 'whole-return'
      ? await signedReceipt(target, outcome, io.now().toISOString())
      : done.progress?.complete && owned
        ? await ownerReceipt(target, outcome, done.progress, owned, io.now().toISOString())
        : null;
  const completed =
    done.ownership.mode === 'whole-return'
      ? 'Every role has signed.'
      : 'Every indicator holds three current signatures.';
  io.stdout(
    format === 'json'
      ? `${JSON.stringify({ ...signedJson(done, role.data, target), ...(receipt ? { receipt: { file: receipt.file, ...receipt.receipt } } : {}) }, null, 2)}\n`
      : signedText(done, title, target, acknowledge) +
          (receipt ? `\n${completed} Receipt written to '${receipt.file}':\n${receipt.text}` : ''),
  );
  return EXIT_OK;
}

/** When this signature completes the sign-off, the receipt written beside `target` (else null). */
async function signedReceipt(
  target: string,
  outcome: { written: TrailRecord[]; trail: LoadedTrail },
  issuedAt: string,
) {
  const last = outcome.written[outcome.written.length - 1];
  if (last.type !== 'sign' || last.payload.role !== 'head-of-service') return null;
  const records = [...verifyTrail(outcome.trail.entries, outcome.trail.head).records, ...outcome.written];
  // Judged on the figures just signed: the last signature's own fingerprint.
  const states = signOffState(records, { fingerprint: last.payload.fingerprint, sheets: last.payload.sheets });
  return receiptAfterSigning(target, records, states, issuedAt);
}

/** The receipt of a per-owner return this signature completed: every current signature in the matrix, once each. */
async function ownerReceipt(
  target: string,
  outcome: { written: TrailRecord[]; trail: LoadedTrail },
  progress: Progress,
  figures: { fingerprint: string; sheets: string[] },
  issuedAt: string,
) {
  const records = [...verifyTrail(outcome.trail.entries, outcome.trail.head).records, ...outcome.written];
  const signatures = progress.rows.flatMap((r) =>
    SIGN_ROLES.map((role) => r.cells[role].signature).filter((s): s is SignRecord => s !== undefined),
  );
  return ownerReceiptAfterSigning(target, records, signatures, figures, issuedAt);
}

function signRecord(written: TrailRecord[]) {
  const sign = written[written.length - 1];
  if (sign.type !== 'sign') throw new Error('the last record written is not a signature');
  return sign;
}

function signedJson(done: Signed, role: SignRole, target: string) {
  const sign = signRecord(done.written);
  const acks = done.written.find((r) => r.type === 'acknowledge');
  const scope = sign.payload.scope;
  return {
    signed: true,
    role,
    name: sign.actor?.name ?? null,
    identity: sign.actor?.source ?? null,
    at: sign.at,
    fingerprint: sign.payload.fingerprint,
    mode: done.ownership.mode,
    ...(scope
      ? {
          owner: scope.owner,
          match: scope.match,
          delegation: scope.delegation ?? null,
          indicators: labels(done.ownership, Object.keys(scope.indicators)),
          notSigned: (done.plan?.blocked ?? []).map((b) => ({ indicator: b.label, reason: b.reason })),
          serviceAreas: scope.serviceAreas ?? [],
        }
      : {}),
    acknowledged: acks && acks.type === 'acknowledge' ? acks.payload.acknowledgements.length : 0,
    records: { from: done.written[0].seq, to: sign.seq },
    file: target,
    ...(done.progress
      ? {
          progress: {
            counts: done.progress.counts,
            serviceAreas: done.progress.serviceAreas,
            complete: done.progress.complete,
          },
        }
      : {}),
  };
}

function signedText(done: Signed, title: string, target: string, acknowledge: string | undefined): string {
  const sign = signRecord(done.written);
  const acks = done.written.find((r) => r.type === 'acknowledge');
  const scope = sign.payload.scope;
  const lines = [`Signed as ${title} by ${sign.actor?.name} (typed name) at ${sign.at}.`];
  if (scope) {
    const refs = labels(done.ownership, Object.keys(scope.indicators));
    lines.push(`Indicators signed (${refs.length}): ${refs.join(', ')}.`);
    if (scope.match === 'initials') lines.push(`Your name was matched to ${scope.owner}, as the grid names them.`);
    if (scope.delegation) lines.push(`Signed for ${scope.delegation.for} by delegation: "${scope.delegation.reason}".`);
    const blocked = done.plan?.blocked ?? [];
    if (blocked.length) lines.push(`Not signed now: ${blocked.map((b) => `${b.label} (${b.reason})`).join('; ')}.`);
  }
  lines.push(`Fingerprint of the figures: ${sign.payload.fingerprint}`);
  if (acks && acks.type === 'acknowledge')
    lines.push(
      `${acks.payload.acknowledgements.length} warning${acks.payload.acknowledgements.length === 1 ? '' : 's'} acknowledged: "${acknowledge}".`,
    );
  lines.push(`Trail records ${done.written[0].seq}–${sign.seq} written to '${target}'.`);
  if (done.progress) lines.push(...progressLines(done.progress));
  return `${lines.join('\n')}\n`;
}
