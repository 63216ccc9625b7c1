/**
 * `outturn sign`: check the workbook with its stored configuration, then, if the rules
 * allow, append check + acknowledge + sign records to the workbook's audit trail.
 *
 * Where the grid names its owners, a person signs in one role for the indicators the grid
 * assigns to them (--indicators narrows it; --on-behalf-of with --delegation-reason signs
 * another's); where it names none, the return is signed as a whole, once per role.
 */
import {
  AppError,
  checkReturn,
  withReference,
  signReturn,
  type ReceiptDue,
  type ReturnForSigning,
  type Signed,
  type SignOutcome,
} from '../app';
import { XlsxFileTrailStore } from '../workbook/trail-xlsx';
import { refLabel, type Ownership } from '../signoff/owners';
import { progressLines } from '../signoff/progress';
import { ROLE_TITLES, SignRole } from '../signoff/roles';
import { parseCommandArgs, stringOption } from './args';
import { parseAsOfFlag, resolveConfig, type ConfigOverrides } from './config';
import { CliError } from './errors';
import { ownerReceiptAfterSigning, receiptAfterSigning } from './receipt-io';
import { escapeControls, hasControlCharacters, signerNameProblem } from '../signoff/text-safety';
import { hardLinkNotice } from '../workbook/atomic-write';
import { CliIO, EXIT_FINDINGS, EXIT_OK } from './io';
import { localIsoDate } from './check';
import { signOutputFile, trailWriteError } from './sign-target';
import { paperSentence, workingPapers } from '../app/evidence';
import { readEvidenceOptions } from './evidence-files';

export const SIGN_HELP = `outturn sign — sign a checked return as compiler, responsible officer or head of service

Usage:
  outturn sign <file.xlsx> --role ROLE --name NAME [--indicators REF,...]
               [--on-behalf-of NAME --delegation-reason TEXT] [--acknowledge "reason"]
               [--evidence REF=PATH ...]
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
  --evidence REF=PATH         the working papers behind indicator REF: the signature records the file's
                              name and SHA-256, so outturn audit --evidence-dir can tell a changed
                              or missing one (repeat for each file). Where the grid has no refs,
                              REF is the indicator's description or its sheet and row ('KPIs'!5)
  --out FILE.xlsx             write the signed workbook to FILE (the input is not changed)
  --in-place                  write the signature into the input file itself: only the trail sheet
                              and workbook.xml change; mode and owner are kept, a read-only file is
                              refused, a symlink is written through to its target.
  --as-of YYYY-MM-DD          the date the check is made as of (default: today)
  --format FORMAT             text (default) or json
  -h, --help                  show this help

Examples:
  outturn sign examples/corporate-pis-july-2017.xlsx --role compiler --name "Alan Pritchard" --out corporate-pis-signed.xlsx
  outturn sign corporate-pis-signed.xlsx --role compiler --name "Linda Hewitt" --acknowledge "Commentary to follow from the housing team" --in-place
  outturn sign corporate-pis-signed.xlsx --role responsible-officer --name "Dawn Garton" --indicators CS02 --in-place
  outturn sign corporate-pis-signed.xlsx --role responsible-officer --name "Dawn Garton" --on-behalf-of "Jim Worley" --delegation-reason "Jim on leave; delegated by email 18/08/2017" --indicators HC02,HC04 --in-place

Exit status: 0 signed, 1 signing refused, 2 the file or the arguments could not be used.
`;

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
    evidence: { type: 'string', multiple: true },
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
  const evidence = workingPapers(readEvidenceOptions((values.evidence as string[] | undefined) ?? []));
  const overrides: ConfigOverrides = {};
  const asOf = stringOption(values, 'as-of');
  if (asOf !== undefined) overrides.asOf = parseAsOfFlag(asOf);
  const target = await signOutputFile('sign', file, stringOption(values, 'out'), values['in-place'] === true);

  if (target === file) {
    const linked = await hardLinkNotice(file);
    if (linked) io.stderr(`outturn: note: ${linked}\n`);
  }
  const today = localIsoDate(io.now());
  // One read of the file per attempt: the grid, the settings and the trail come from the store's load().
  const store = new XlsxFileTrailStore(file, target);
  let outcome: SignOutcome;
  try {
    outcome = await signReturn(
      {
        role: role.data,
        signer: { identity: { name: name.trim(), source: 'typed' } },
        // Typing the command is the statement.
        statementConfirmed: true,
        indicators,
        onBehalfOf,
        delegationReason,
        bulkReason: acknowledge,
        evidence,
      },
      {
        trail: store,
        clock: { now: () => io.now() },
        checked: returnForSigning(store, overrides, today),
      },
    );
  } catch (err) {
    if (err instanceof AppError && err.code === 'no-grid')
      throw new CliError(`no metric collection grid found in '${file}', so there is nothing to sign`);
    if (err instanceof AppError && err.code === 'not-signable-as-a-whole')
      throw new CliError(
        `the grid in '${file}' names no owners, so the return is signed as a whole: --indicators and --on-behalf-of do not apply`,
      );
    if (err instanceof AppError && err.code === 'unknown-evidence-ref')
      throw new CliError(`cannot sign: ${err.message}`);
    throw trailWriteError(err, target);
  }
  const title = ROLE_TITLES[role.data].toLowerCase();
  if (!outcome.signed) {
    const reasons = outcome.refusals.map((r) => r.message);
    if (format === 'json')
      io.stdout(
        `${JSON.stringify({ signed: false, role: role.data, name: name.trim(), reasons, codes: outcome.refusals.map((r) => r.code) }, null, 2)}\n`,
      );
    else io.stderr(`outturn: cannot sign as ${title}:\n${reasons.map((r) => `  - ${escapeControls(r)}\n`).join('')}`); // reasons quote names from the trail
    return EXIT_FINDINGS;
  }
  const receipt = outcome.receipt ? await writeReceipt(target, outcome.receipt, io.now().toISOString()) : null;
  const completed =
    outcome.mode === 'whole-return' ? 'Every role has signed.' : 'Every indicator holds three current signatures.';
  io.stdout(
    format === 'json'
      ? `${JSON.stringify({ ...signedJson(outcome, target), ...(receipt ? { receipt: { file: receipt.file, ...receipt.receipt } } : {}) }, null, 2)}\n`
      : signedText(outcome, title, target, acknowledge) +
          (receipt ? `\n${completed} Receipt written to '${receipt.file}':\n${receipt.text}` : ''),
  );
  return EXIT_OK;
}

/**
 * The command line's return to sign: the file as the store read it on this attempt, checked
 * as `outturn check` checks it (sign-off state included), so the counts recorded are the ones it prints.
 */
export function returnForSigning(
  store: XlsxFileTrailStore,
  overrides: ConfigOverrides,
  today: string,
): ReturnForSigning {
  return (trail) => {
    const config = resolveConfig(store.storedConfig, overrides);
    // With the reliability findings against the last sign-off the trail holds, as `outturn check` reports them.
    const source = { sheets: store.sheets, config };
    const { result } = withReference(checkReturn({ source, trail, today }), { source, trail }, undefined, today);
    return { result, sheets: store.sheets, config, findings: result.findings, source: 'cli' };
  };
}

/** The receipt the use case says is due, written beside `target` (receipt-io.ts). */
function writeReceipt(target: string, due: ReceiptDue, issuedAt: string) {
  return due.mode === 'whole-return'
    ? receiptAfterSigning(target, due.records, due.states, issuedAt)
    : ownerReceiptAfterSigning(target, due.records, due.signatures, due.figures, issuedAt);
}

function signedJson(done: Signed, target: string) {
  const sign = done.signature;
  const role = done.role;
  const acks = done.records.find((r) => r.type === 'acknowledge');
  const scope = sign.payload.scope;
  return {
    signed: true,
    role,
    name: sign.actor?.name ?? null,
    identity: sign.actor?.source ?? null,
    at: sign.at,
    fingerprint: sign.payload.fingerprint,
    mode: done.mode,
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
    evidence: sign.payload.evidence ?? [],
    records: { from: done.records[0].seq, to: sign.seq },
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
  const sign = done.signature;
  const acks = done.records.find((r) => r.type === 'acknowledge');
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
  for (const e of sign.payload.evidence ?? []) lines.push(escapeControls(paperSentence(e)));
  if (acks && acks.type === 'acknowledge')
    lines.push(
      `${acks.payload.acknowledgements.length} warning${acks.payload.acknowledgements.length === 1 ? '' : 's'} acknowledged: "${acknowledge}".`,
    );
  lines.push(`Trail records ${done.records[0].seq}–${sign.seq} written to '${target}'.`);
  if (done.progress) lines.push(...progressLines(done.progress));
  return `${lines.join('\n')}\n`;
}
