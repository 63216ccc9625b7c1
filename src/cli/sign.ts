/**
 * `outturn sign`: check the workbook with its stored configuration, then, if the rules
 * allow, append check + acknowledge + sign records to the workbook's audit trail.
 *
 * The trail lives inside the workbook, so signing writes a workbook. ExcelJS re-writes
 * the whole file and can drop what it does not understand (charts, pivot tables, slicers,
 * some formatting), so the input is only overwritten when asked: --out FILE writes a
 * signed copy; --in-place (or --out naming the input itself) writes into the input.
 */
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../engine/check';
import { sheetFromExcelJS } from '../workbook/sheet-from-exceljs';
import { isInternalSheet, readStoredConfig } from '../workbook/settings';
import { openXlsx, readFileBytes } from '../workbook/load';
import { isSameFile } from '../workbook/marked-copy';
import { WorkbookWriteError } from '../workbook/errors';
import { XlsxFileTrailStore } from '../workbook/trail-xlsx';
import { appendWithRetry, TrailConflictError, verifyTrail, type LoadedTrail, type TrailRecord } from '../signoff/trail';
import { signOffState } from '../signoff/state';
import { prepareSignature } from '../signoff/rules';
import { figuresFromCheck } from '../signoff/summary';
import { ROLE_TITLES, SignRole } from '../signoff/roles';
import { parseCommandArgs, stringOption } from './args';
import { parseAsOfFlag, resolveConfig, type ConfigOverrides } from './config';
import { CliError } from './errors';
import { receiptAfterSigning } from './receipt-io';
import { escapeControls, hasControlCharacters, signerNameProblem } from '../signoff/text-safety';
import { hardLinkNotice, writeFailure } from '../workbook/atomic-write';
import { CliIO, EXIT_FINDINGS, EXIT_OK } from './io';
import { localIsoDate } from './check';

export const SIGN_HELP = `outturn sign — sign a checked return as compiler, responsible officer or head of service

Usage:
  outturn sign <file.xlsx> --role ROLE --name NAME [--acknowledge "reason"] (--out FILE | --in-place)

The workbook is checked first, with the rule configuration saved in it. Signing is refused
(exit status 1, with the reasons) while the check shows errors, while warnings are not
acknowledged, before the previous role has a current signature, or when NAME already signed
another role. A signature appends check, acknowledge and sign records to the workbook's
audit trail (the very hidden sheet OutturnTrail; see docs/STORAGE.md).

Options:
  --role ROLE           compiler, responsible-officer or head-of-service (in that order)
  --name NAME           your name, recorded as typed
  --acknowledge REASON  acknowledge every warning of the check with this one reason
  --out FILE.xlsx       write the signed workbook to FILE (the input is not changed)
  --in-place            write the signature into the input file itself. The file is re-written
                        by ExcelJS: charts, pivot tables and some formatting may be lost, so
                        prefer --out on a copy and keep the original.
  --as-of YYYY-MM-DD    the date the check is made as of (default: today)
  -h, --help            show this help

Example:
  outturn sign melton-pis.xlsx --role compiler --name "Ann Smith" --out melton-pis-signed.xlsx

Exit status: 0 signed, 1 signing refused, 2 the file or the arguments could not be used.
`;

export async function runSign(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('sign', args, {
    role: { type: 'string' },
    name: { type: 'string' },
    acknowledge: { type: 'string' },
    out: { type: 'string' },
    'in-place': { type: 'boolean' },
    'as-of': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(SIGN_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new CliError('sign needs exactly one .xlsx workbook, e.g. `outturn sign return.xlsx --role compiler --name "Ann Smith" --out signed.xlsx`');
  const file = positionals[0];
  const roleText = stringOption(values, 'role');
  if (!roleText) throw new CliError('sign needs --role compiler, responsible-officer or head-of-service');
  const role = SignRole.safeParse(roleText);
  if (!role.success) throw new CliError(`--role must be compiler, responsible-officer or head-of-service (got '${roleText}')`);
  const name = stringOption(values, 'name');
  if (!name) throw new CliError('sign needs --name with your name, e.g. --name "Ann Smith"');
  const nameProblem = signerNameProblem(name);
  if (nameProblem) throw new CliError(`cannot sign: ${nameProblem}`);
  const acknowledge = values.acknowledge === undefined ? undefined : stringOption(values, 'acknowledge');
  if (acknowledge !== undefined && hasControlCharacters(acknowledge)) throw new CliError(`cannot sign: the reason given to --acknowledge contains a control character (${escapeControls(acknowledge)}): give it as one line of plain text`);
  const overrides: ConfigOverrides = {};
  const asOf = stringOption(values, 'as-of');
  if (asOf !== undefined) overrides.asOf = parseAsOfFlag(asOf);

  if (/\.(csv|tsv|txt)$/i.test(file)) throw new CliError(`cannot sign '${file}': signing stores the audit trail inside the workbook, so it needs an .xlsx file`);
  const out = stringOption(values, 'out');
  const inPlace = values['in-place'] === true;
  if (out && inPlace) throw new CliError('give either --out FILE or --in-place, not both');
  await readFileBytes(file); // a missing or unreadable input gets its own sentence first
  let target: string;
  if (inPlace) target = file;
  else if (out) {
    if (!/\.xlsx$/i.test(out)) throw new WorkbookWriteError(out, 'the signed workbook must be an .xlsx file');
    target = (await isSameFile(file, out)) ? file : out;
  } else {
    throw new CliError(`sign writes the signature into the workbook: give --out signed.xlsx for a signed copy, or --in-place to write into '${path.basename(file)}' itself (re-written by ExcelJS, which may drop charts and pivot tables)`);
  }

  if (target === file) {
    const linked = await hardLinkNotice(file);
    if (linked) io.stderr(`outturn: note: ${linked}\n`);
  }
  const today = localIsoDate(io.now());
  const at = io.now().toISOString();
  const identity = { name: name.trim(), source: 'typed' as const };
  const store = new XlsxFileTrailStore(file, target, (f, bytes) => openXlsx(f, bytes));
  let outcome: { written: TrailRecord[]; trail: LoadedTrail } | { refusal: string[] };
  try {
    outcome = await appendWithRetry<string[]>(store, (_trail, verification) => {
      const wb: ExcelJS.Workbook = store.workbook;
      const sheets = wb.worksheets.filter((w) => !isInternalSheet(w)).map((w) => sheetFromExcelJS(w));
      const config = resolveConfig(readStoredConfig(wb), overrides);
      const result = checkWorkbook(sheets, config, { today });
      if (result.grids.length === 0) throw new CliError(`no metric collection grid found in '${file}', so there is nothing to sign`);
      const figures = figuresFromCheck(result, sheets, config, 'cli');
      const prepared = prepareSignature(verification, figures, { role: role.data, identity, statementConfirmed: true, bulkReason: acknowledge, at });
      return prepared.ok ? { drafts: prepared.drafts } : { refusal: prepared.reasons };
    });
  } catch (err) {
    if (err instanceof TrailConflictError) throw new CliError(err.message.replace(/\.$/, ''));
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new WorkbookWriteError(target, writeFailure(err)); // ENOSPC: "no space left on the disk: nothing was written"
    throw err;
  }
  const title = ROLE_TITLES[role.data].toLowerCase();
  if ('refusal' in outcome) {
    io.stderr(`outturn: cannot sign as ${title}:\n${outcome.refusal.map((r) => `  - ${escapeControls(r)}\n`).join('')}`); // reasons quote names from the trail
    return EXIT_FINDINGS;
  }
  const sign = outcome.written[outcome.written.length - 1];
  // The last role's signature: the receipt to keep apart from the workbook (receipt-io.ts).
  const receipt = await signedReceipt(target, outcome, io.now().toISOString());
  const acks = outcome.written.find((r) => r.type === 'acknowledge');
  io.stdout(
    `Signed as ${title} by ${identity.name} (typed name) at ${sign.at}.\n`
    + `Fingerprint of the figures: ${sign.type === 'sign' ? sign.payload.fingerprint : ''}\n`
    + (acks && acks.type === 'acknowledge' ? `${acks.payload.acknowledgements.length} warning${acks.payload.acknowledgements.length === 1 ? '' : 's'} acknowledged: "${acknowledge}".\n` : '')
    + `Trail records ${outcome.written[0].seq}–${sign.seq} written to '${target}'.\n`
    + (receipt ? `\nEvery role has signed. Receipt written to '${receipt.file}':\n${receipt.text}` : ''),
  );
  return EXIT_OK;
}

/** When this signature completes the sign-off, the receipt written beside `target` (else null). */
async function signedReceipt(target: string, outcome: { written: TrailRecord[]; trail: LoadedTrail }, issuedAt: string) {
  const last = outcome.written[outcome.written.length - 1];
  if (last.type !== 'sign' || last.payload.role !== 'head-of-service') return null;
  const records = [...verifyTrail(outcome.trail.entries, outcome.trail.head).records, ...outcome.written];
  // Judged on the figures just signed: the last signature's own fingerprint.
  const states = signOffState(records, { fingerprint: last.payload.fingerprint, sheets: last.payload.sheets });
  return receiptAfterSigning(target, records, states, issuedAt);
}
