/**
 * `outturn repair`: repair a broken audit trail, as the head of service or an auditor, with a
 * reason. Nothing is deleted or rewritten: a repair record is appended that keeps the broken rows
 * word for word; signing goes on from it, and every later audit reports the break and the repair.
 */
import { repairedSentence, repairTrail, type RepairOutcome } from '../app';
import { XlsxFileTrailStore } from '../workbook/trail-xlsx';
import { RepairRole } from '../signoff/trail';
import { parseCommandArgs, stringOption } from './args';
import { CliError } from './errors';
import { CliIO, EXIT_FINDINGS, EXIT_OK } from './io';
import { signOutputFile, trailWriteError } from './sign-target';

export const REPAIR_HELP = `outturn repair — repair a broken audit trail, with a reason

Usage:
  outturn repair <file.xlsx> --reason TEXT --name NAME --role head-of-service|auditor (--out FILE | --in-place) [--format text|json]

When the audit trail is broken (\`outturn audit\` says what broke and which records), signing
is refused. The head of service or an auditor repairs it: a repair record with the reason is
appended, keeping the broken rows word for word. Signing then goes on; every later audit still
reports the break and the repair.

Options:
  --reason TEXT      why the trail is repaired (what happened, who was told)
  --name NAME        your name
  --role ROLE        head-of-service or auditor
  --out FILE.xlsx    write the repaired workbook to FILE (the input is not changed)
  --in-place         write into the input file itself (only the trail sheet and workbook.xml change)
  --format FORMAT    text (default) or json
  -h, --help         show this help

Example:
  outturn repair corporate-pis-signed.xlsx --reason "Row 7 cleared by mistake while filtering; see ticket 4411" --name "Keith Aubrey" --role head-of-service --in-place

Exit status: 0 repaired, 1 refused (the trail is not broken, or no reason), 2 the file or the arguments could not be used.
`;

export async function runRepair(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('repair', args, {
    reason: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    out: { type: 'string' },
    'in-place': { type: 'boolean' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(REPAIR_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new CliError(
      'repair needs exactly one .xlsx workbook, e.g. `outturn repair return.xlsx --reason "row cleared by mistake" --name "Keith Aubrey" --role head-of-service --in-place`',
    );
  const file = positionals[0];
  const roleText = stringOption(values, 'role');
  if (!roleText) throw new CliError('repair needs --role head-of-service or auditor');
  const role = RepairRole.safeParse(roleText);
  if (!role.success) throw new CliError(`--role must be head-of-service or auditor (got '${roleText}')`);
  const name = stringOption(values, 'name');
  if (!name) throw new CliError('repair needs --name with your name');
  const reason = stringOption(values, 'reason');
  if (!reason) throw new CliError('repair needs --reason saying why the trail is repaired');
  const format = stringOption(values, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliError(`--format must be text or json (got '${format}')`);
  const target = await signOutputFile('repair', file, stringOption(values, 'out'), values['in-place'] === true);

  const identity = { name: name.trim(), source: 'typed' as const };
  let outcome: RepairOutcome;
  try {
    outcome = await repairTrail(
      { identity, role: role.data, reason },
      { trail: new XlsxFileTrailStore(file, target), clock: { now: () => io.now() } },
    );
  } catch (err) {
    throw trailWriteError(err, target);
  }
  if (!outcome.repaired) {
    const reasons = outcome.refusals.map((r) => r.message);
    if (format === 'json')
      io.stdout(
        `${JSON.stringify({ repaired: false, reasons, codes: outcome.refusals.map((r) => r.code) }, null, 2)}\n`,
      );
    else io.stderr(`outturn: cannot repair the trail:\n${reasons.map((r) => `  - ${r}\n`).join('')}`);
    return EXIT_FINDINGS;
  }
  const r = outcome.record;
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify({ repaired: true, name: identity.name, role: role.data, at: r.at, reason: r.payload.reason, broke: r.payload.broke, brokenRows: r.payload.segment.length, record: r.seq, hash: r.hash, file: target, trailVerifies: outcome.verification.ok }, null, 2)}\n`,
    );
  } else {
    io.stdout(`${repairedSentence(r)}\nTrail record ${r.seq} written to '${target}'.\n`);
  }
  return EXIT_OK;
}
