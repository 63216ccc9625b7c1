/**
 * `outturn withdraw`: withdraw your own signature in a role, with a reason. Nothing is
 * deleted: a withdraw record is appended to the workbook's audit trail, and the role (or,
 * per owner, the indicators that signature covered) shows as withdrawn until signed again.
 */
import { withdrawSignature, type WithdrawOutcome } from '../app';
import { XlsxFileTrailStore } from '../workbook/trail-xlsx';
import { ROLE_TITLES, SignRole } from '../signoff/roles';
import { parseCommandArgs, stringOption } from './args';
import { CliError } from './errors';
import { CliIO, EXIT_FINDINGS, EXIT_OK } from './io';
import { signOutputFile, trailWriteError } from './sign-target';

export const WITHDRAW_HELP = `outturn withdraw — withdraw your signature, with a reason

Usage:
  outturn withdraw <file.xlsx> --role ROLE --name NAME --reason TEXT (--out FILE | --in-place) [--format text|json]

Withdraws NAME's latest signature in ROLE (every indicator it covered). Only the person
who signed can withdraw it. The signature stays in the audit trail; a withdraw record with
the reason is appended, and the role (or those indicators) must be signed again.

Options:
  --role ROLE        compiler, responsible-officer or head-of-service
  --name NAME        your name, as you signed
  --reason TEXT      why the signature is withdrawn
  --out FILE.xlsx    write the workbook with the withdrawal to FILE (the input is not changed)
  --in-place         write into the input file itself (only the trail sheet and workbook.xml change)
  --format FORMAT    text (default) or json
  -h, --help         show this help

Example:
  outturn withdraw corporate-pis-signed.xlsx --role responsible-officer --name "Dawn Garton" --reason "HC04 under review" --in-place

Exit status: 0 withdrawn, 1 refused, 2 the file or the arguments could not be used.
`;

export async function runWithdraw(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('withdraw', args, {
    role: { type: 'string' },
    name: { type: 'string' },
    reason: { type: 'string' },
    out: { type: 'string' },
    'in-place': { type: 'boolean' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(WITHDRAW_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new CliError(
      'withdraw needs exactly one .xlsx workbook, e.g. `outturn withdraw return.xlsx --role compiler --name "Ann Smith" --reason "figures revised" --in-place`',
    );
  const file = positionals[0];
  const roleText = stringOption(values, 'role');
  if (!roleText) throw new CliError('withdraw needs --role compiler, responsible-officer or head-of-service');
  const role = SignRole.safeParse(roleText);
  if (!role.success)
    throw new CliError(`--role must be compiler, responsible-officer or head-of-service (got '${roleText}')`);
  const name = stringOption(values, 'name');
  if (!name) throw new CliError('withdraw needs --name with your name, as you signed');
  const reason = stringOption(values, 'reason');
  if (!reason) throw new CliError('withdraw needs --reason saying why the signature is withdrawn');
  const format = stringOption(values, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliError(`--format must be text or json (got '${format}')`);
  const target = await signOutputFile('withdraw', file, stringOption(values, 'out'), values['in-place'] === true);

  const identity = { name: name.trim(), source: 'typed' as const };
  let outcome: WithdrawOutcome;
  try {
    outcome = await withdrawSignature(
      { role: role.data, identity, reason },
      { trail: new XlsxFileTrailStore(file, target), clock: { now: () => io.now() } },
    );
  } catch (err) {
    throw trailWriteError(err, target);
  }
  const title = ROLE_TITLES[role.data].toLowerCase();
  if (!outcome.withdrawn) {
    const reasons = outcome.refusals.map((r) => r.message);
    if (format === 'json')
      io.stdout(
        `${JSON.stringify({ withdrawn: false, role: role.data, name: identity.name, reasons, codes: outcome.refusals.map((r) => r.code) }, null, 2)}\n`,
      );
    else io.stderr(`outturn: cannot withdraw the ${title} signature:\n${reasons.map((r) => `  - ${r}\n`).join('')}`);
    return EXIT_FINDINGS;
  }
  const w = outcome.record;
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify({ withdrawn: true, role: role.data, name: identity.name, at: w.at, signSeq: w.payload.signSeq, reason: w.payload.reason, record: w.seq, file: target }, null, 2)}\n`,
    );
  } else {
    io.stdout(
      `Withdrawn: the ${title} signature by ${identity.name} (record ${w.payload.signSeq}), at ${w.at}: "${w.payload.reason}".\nIt stays in the audit trail; sign again once the figures are right.\nTrail record ${w.seq} written to '${target}'.\n`,
    );
  }
  return EXIT_OK;
}
