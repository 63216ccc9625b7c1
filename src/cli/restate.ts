/**
 * `outturn restate`: record why a figure of an already-reported period changed. A restate
 * record (who, when, old, new, reason) is appended to the workbook's trail; the decision is
 * the application layer's (src/app/restate.ts).
 */
import * as path from 'node:path';
import { restateFigure, type ComparedReturn, type RestateOutcome } from '../app';
import { loadWorkbook, readFileBytes } from '../workbook/load';
import { isSameFile } from '../workbook/marked-copy';
import { WorkbookWriteError } from '../workbook/errors';
import { XlsxFileTrailStore } from '../workbook/trail-xlsx';
import { parseCommandArgs, stringOption } from './args';
import { localIsoDate } from './check';
import { resolveConfigWithNotes } from './config';
import { CliError } from './errors';
import { CliIO, EXIT_FINDINGS, EXIT_OK } from './io';
import { trailWriteError } from './sign-target';

export const RESTATE_HELP = `outturn restate — record why a reported figure changed

Usage:
  outturn restate <file.xlsx> --indicator REF --period LABEL --name NAME --reason TEXT (--out FILE | --in-place)
                  [--previous OLD.xlsx] [--format text|json]

Appends a restate record to the workbook's audit trail: who, when, the figure as reported,
the figure now, and the reason. \`outturn check --previous\` then reports the change with
its reason (restatement-recorded) instead of as the error restated-figure, and
\`outturn audit\` lists it.

Options:
  --indicator REF    the indicator's ref (case and spacing do not matter)
  --period LABEL     the period as its column is headed ('May', 'Q2 2019/20'), or a target's
                     heading ('Target') for a moved target
  --name NAME        your name
  --reason TEXT      why the figure changed, as the committee will be told
  --previous FILE    the previous return, to read the figure as reported from (else the
                     figure the last signature recorded, where it recorded one)
  --out FILE.xlsx    write the workbook with the record to FILE (the input is not changed)
  --in-place         write into the input file itself (only the trail sheet and workbook.xml change)
  --format FORMAT    text (default) or json
  -h, --help         show this help

Example:
  outturn restate august.xlsx --indicator HC04 --period May --name "Ann Smith" --reason "late returns from one team" --in-place

Exit status: 0 recorded, 1 refused (no such indicator or period, or nothing changed),
2 the file or the arguments could not be used.
`;

async function outputFile(file: string, out: string | undefined, inPlace: boolean): Promise<string> {
  if (!/\.xlsx$/i.test(file))
    throw new CliError(
      `cannot restate in '${file}': the record is kept in the workbook's audit trail, so it needs an .xlsx file`,
    );
  if (out && inPlace) throw new CliError('give either --out FILE or --in-place, not both');
  await readFileBytes(file);
  if (inPlace) return file;
  if (out) {
    if (!/\.xlsx$/i.test(out)) throw new WorkbookWriteError(out, 'the changed workbook must be an .xlsx file');
    return (await isSameFile(file, out)) ? file : out;
  }
  throw new CliError(
    `restate writes the record into the workbook: give --out restated.xlsx for a changed copy, or --in-place to write into '${path.basename(file)}' itself`,
  );
}

async function readReturn(file: string): Promise<ComparedReturn> {
  const loaded = await loadWorkbook(file);
  const { config } = resolveConfigWithNotes(loaded.storedConfig, {});
  return { source: { sheets: loaded.sheets, config, allSheets: loaded.sheetNames } };
}

export async function runRestate(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('restate', args, {
    indicator: { type: 'string' },
    period: { type: 'string' },
    name: { type: 'string' },
    reason: { type: 'string' },
    previous: { type: 'string' },
    out: { type: 'string' },
    'in-place': { type: 'boolean' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(RESTATE_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new CliError(
      'restate needs exactly one .xlsx workbook, e.g. `outturn restate return.xlsx --indicator HC04 --period May --name "Ann Smith" --reason "late returns" --in-place`',
    );
  const file = positionals[0];
  const indicator = stringOption(values, 'indicator');
  if (!indicator) throw new CliError("restate needs --indicator with the indicator's ref");
  const period = stringOption(values, 'period');
  if (!period) throw new CliError("restate needs --period with the period's column heading, e.g. --period May");
  const name = stringOption(values, 'name');
  if (!name) throw new CliError('restate needs --name with your name');
  const reason = stringOption(values, 'reason');
  if (!reason) throw new CliError('restate needs --reason saying why the figure changed');
  const format = stringOption(values, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliError(`--format must be text or json (got '${format}')`);
  const target = await outputFile(file, stringOption(values, 'out'), values['in-place'] === true);
  const previousFile = stringOption(values, 'previous');
  const previous = previousFile ? await readReturn(previousFile) : undefined;
  const current = await readReturn(file);

  const identity = { name: name.trim(), source: 'typed' as const };
  let outcome: RestateOutcome;
  try {
    outcome = await restateFigure(
      { identity, indicator, period, reason, source: current.source, previous, today: localIsoDate(io.now()) },
      { trail: new XlsxFileTrailStore(file, target), clock: { now: () => io.now() } },
    );
  } catch (err) {
    throw trailWriteError(err, target);
  }
  if (!outcome.restated) {
    if (format === 'json') io.stdout(`${JSON.stringify({ restated: false, reason: outcome.reason }, null, 2)}\n`);
    else io.stderr(`outturn: cannot record the restatement: ${outcome.reason}\n`);
    return EXIT_FINDINGS;
  }
  const r = outcome.record;
  const p = r.payload;
  if (format === 'json')
    io.stdout(
      `${JSON.stringify({ restated: true, indicator: p.indicator, period: p.period, old: p.old, new: p.new, reason: p.reason, name: identity.name, at: r.at, record: r.seq, file: target }, null, 2)}\n`,
    );
  else
    io.stdout(
      `Restated: ${p.indicator} ${p.period} from ${p.old ?? 'unknown'} to ${p.new ?? 'blank'} by ${identity.name} at ${r.at}: "${p.reason}".\nTrail record ${r.seq} written to '${target}'.\n`,
    );
  return EXIT_OK;
}
