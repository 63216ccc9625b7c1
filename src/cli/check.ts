import * as path from 'node:path';
import { checkReturn, findingsCutNotice, withReference, type ComparedReturn } from '../app';
import { EXCEL_MAX_ROWS } from '../workbook/csv';
import { loadWorkbook } from '../workbook/load';
import { WorkbookReadError, WorkbookWriteError } from '../workbook/errors';
import { assertCopyTarget, writeMarkedCopy } from '../workbook/marked-copy';
import { parseCommandArgs, stringOption } from './args';
import {
  ConfigOverrides,
  parseAsOfFlag,
  parseDeadlineDaysFlag,
  parseNationFlag,
  parsePeriodFlag,
  readConfigFile,
  resolveConfigWithNotes,
} from './config';
import { CliError } from './errors';
import { CHECK_HELP } from './help';
import { expandInputs } from './inputs';
import { CliIO, EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './io';
import { CheckedFile, FileOutcome, indicatorHeading, indicatorOf, totals } from './outcome';
import { spcChartsFor } from '../app/spc-chart';
import { writeCsvReport } from './report-csv';
import { writeHtmlReport } from './report-html';
import { writeJsonReport } from './report-json';
import { ReportOutput, Write } from './report-output';
import { textSummaryReport, writeTextReport } from './report-text';

const FORMATS = ['text', 'json', 'csv', 'html'] as const;
type Format = (typeof FORMATS)[number];

export interface CheckSettings {
  sheet?: string;
  overrides: ConfigOverrides;
  today: string;
  out?: string;
  /** Findings kept for the report (FINDINGS_KEPT unless a test sets fewer). */
  findingsKept?: number;
  /** The previous return (--previous): the reliability findings compare with it. */
  previous?: ComparedReturn;
}

/**
 * Findings kept for the report of one file: as many as an Excel sheet has rows below the CSV
 * report's header. A return with every percentage typed as text has a finding a cell, and
 * keeping them all for the report ended in a heap exhaustion (docs/BENCHMARKS.md). Past this the first ones are listed, the counts stay those of all.
 */
export const FINDINGS_KEPT = EXCEL_MAX_ROWS - 1;

/** `outturn check`: parse the arguments, check each file, print one report, return the exit status. */
export async function runCheck(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, {
    sheet: { type: 'string' },
    config: { type: 'string' },
    period: { type: 'string' },
    'as-of': { type: 'string' },
    'deadline-days': { type: 'string' },
    nation: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    previous: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0)
    throw new CliError(
      'check needs a file or folder to check, e.g. `outturn check returns.xlsx`; see `outturn check --help`',
    );
  const formatText = stringOption(values, 'format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(formatText))
    throw new CliError(`--format must be text, json, csv or html (got '${formatText}')`);
  const format = formatText as Format;

  // Everything about the arguments is settled before any workbook is read.
  const overrides: ConfigOverrides = {};
  const period = stringOption(values, 'period');
  if (period !== undefined) overrides.period = parsePeriodFlag(period);
  const asOf = stringOption(values, 'as-of');
  if (asOf !== undefined) overrides.asOf = parseAsOfFlag(asOf);
  const days = stringOption(values, 'deadline-days');
  if (days !== undefined) overrides.deadlineDays = parseDeadlineDaysFlag(days);
  const nation = stringOption(values, 'nation');
  if (nation !== undefined) overrides.nation = parseNationFlag(nation);
  const configFile = stringOption(values, 'config');
  if (configFile !== undefined) overrides.file = await readConfigFile(configFile);

  const inputs = await expandInputs(positionals);
  const out = stringOption(values, 'out');
  if (out !== undefined && inputs.several)
    throw new CliError('--out writes one marked copy, so it needs exactly one input file');
  if (inputs.files.length === 0)
    throw new CliError(`no .xlsx or .csv files found in ${positionals.map((p) => `'${p}'`).join(', ')}`);
  if (out !== undefined) await assertCopyTarget(inputs.files[0], out);
  const previousFile = stringOption(values, 'previous');
  if (previousFile !== undefined && inputs.several)
    throw new CliError('--previous compares one return with the previous one, so it needs exactly one input file');
  const previous = previousFile !== undefined ? await readPreviousReturn(previousFile, overrides) : undefined;

  const settings: CheckSettings = {
    sheet: stringOption(values, 'sheet'),
    overrides,
    today: localIsoDate(io.now()),
    out,
    previous,
  };
  const outcomes: FileOutcome[] = [];
  const progress = inputs.several && io.isTTY && inputs.files.length > 1;
  for (const [i, file] of inputs.files.entries()) {
    if (progress) io.stderr(`\r\x1b[K[${i + 1}/${inputs.files.length}] ${file}`);
    outcomes.push(await checkOneFile(file, settings, inputs.several));
  }
  if (progress) io.stderr('\r\x1b[K');

  for (const o of outcomes) {
    // The text and HTML reports say it among their notes; JSON and CSV have no place for it.
    if (o.ok && o.findingsFound !== undefined && (format === 'json' || format === 'csv'))
      io.stderr(`outturn: '${o.file}': ${findingsCutNotice(o.result.findings.length, o.findingsFound)}\n`);
    if (!o.ok) io.stderr(`outturn: ${o.error}\n`);
    else if (o.result.gridSummaries.length === 0)
      io.stderr(
        `outturn: no metric collection grid found in '${o.file}'${settings.sheet ? ` on sheet '${settings.sheet}'` : ''}\n`,
      );
  }
  if (!inputs.several && !outcomes[0].ok) return EXIT_UNUSABLE;

  const output = new ReportOutput(io.stdout);
  writeReport(format, outcomes, inputs.several, io.now(), output.write);
  output.flush();

  const t = totals(outcomes);
  const noGrid = outcomes.some((o) => o.ok && o.result.gridSummaries.length === 0);
  if (t.unusable > 0 || noGrid) return EXIT_UNUSABLE;
  return t.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** The report, handed to stdout in chunks as it is formatted (report-output.ts), never as one string. */
function writeReport(format: Format, outcomes: FileOutcome[], several: boolean, now: Date, write: Write): void {
  switch (format) {
    case 'json':
      writeJsonReport(outcomes, several, write);
      return;
    case 'csv':
      writeCsvReport(outcomes, several, write);
      return;
    case 'html':
      writeHtmlReport(outcomes, now, several, write);
      return;
    default:
      if (several) write(textSummaryReport(outcomes));
      else writeTextReport(outcomes[0] as CheckedFile, write);
  }
}

/**
 * Check one file. A file that cannot be used becomes an UnusableFile (so a folder run
 * goes on); with several files a bad stored configuration does the same.
 */
export async function checkOneFile(file: string, settings: CheckSettings, several: boolean): Promise<FileOutcome> {
  try {
    const loaded = await loadWorkbook(file);
    const { config, notes } = resolveConfigWithNotes(loaded.storedConfig, settings.overrides);
    if (settings.sheet !== undefined) {
      const wanted = settings.sheet.toLowerCase();
      if (!loaded.sheets.some((s) => s.name.toLowerCase() === wanted)) {
        const names = loaded.sheets.map((s) => `'${s.name}'`).join(', ');
        return {
          ok: false,
          file,
          error: `there is no sheet named '${settings.sheet}' in '${file}' (its sheets: ${names || 'none'})`,
        };
      }
    }
    // The file's bytes and package are only needed again to write a marked copy; let them go otherwise (large files).
    const source =
      settings.out !== undefined && loaded.bytes && loaded.book
        ? { bytes: loaded.bytes, book: loaded.book }
        : undefined;
    loaded.bytes = undefined;
    loaded.book = undefined;
    const t0 = performance.now();
    const kept = settings.findingsKept ?? FINDINGS_KEPT;
    // A CSV can never be signed (it has nowhere to keep an audit trail), so the
    // signoff-outstanding rule is not run for one: it would only ever say "outstanding".
    // Every sheet was read: a signed sheet gone, very hidden or without a grid makes its signature stale.
    const checkedNow = checkReturn({
      source: { sheets: loaded.sheets, config, allSheets: loaded.sheetNames },
      trail: loaded.kind === 'xlsx' && loaded.trail ? loaded.trail : undefined,
      today: settings.today,
      sheet: settings.sheet,
      findingsKept: kept,
      labels: true,
    });
    // The reference: the previous return given, else the last sign-off the workbook's own trail holds.
    const checked = withReference(
      checkedNow,
      {
        source: { sheets: loaded.sheets, config },
        trail: loaded.kind === 'xlsx' ? (loaded.trail ?? null) : undefined,
      },
      settings.previous,
      settings.today,
    );
    const checkMs = performance.now() - t0;
    const result = checked.result;
    // A configured value the command line set aside is said, never dropped silently.
    result.notices = [...notes, ...checked.notices.map((n) => n.text)];
    const outcome: CheckedFile = {
      ok: true,
      file,
      kind: loaded.kind,
      result,
      config,
      ...(checked.findingsFound !== undefined ? { findingsFound: checked.findingsFound } : {}),
      indicators: checked.labels,
      timings: { ...loaded.timings, checkMs },
    };
    // The XmR chart of each indicator with a special cause, drawn by the HTML report.
    outcome.spcCharts = spcChartsFor(loaded.sheets, result.grids, result.findings, config.annotations, (f) =>
      indicatorHeading(f.ref, indicatorOf(outcome, f)?.label ?? null),
    );
    if (settings.out !== undefined) {
      if (loaded.kind !== 'xlsx')
        throw new CliError(
          `--out writes a marked .xlsx copy, which needs an .xlsx input ('${path.basename(file)}' is CSV)`,
        );
      const { marked } = await writeMarkedCopy(file, settings.out, result.findings, source);
      outcome.marked = { out: settings.out, cells: marked };
    }
    return outcome;
  } catch (err) {
    if (err instanceof WorkbookReadError || err instanceof WorkbookWriteError)
      return { ok: false, file, error: err.userMessage };
    // With several files, say which one (the sentences here do not name it).
    if (err instanceof CliError)
      return { ok: false, file, error: several ? `${err.message} (in '${file}')` : err.message };
    throw err;
  }
}

/** The previous return as --previous names it; one that cannot be read stops the check (exit 2). */
async function readPreviousReturn(file: string, overrides: ConfigOverrides): Promise<ComparedReturn> {
  const loaded = await loadWorkbook(file);
  const { config } = resolveConfigWithNotes(loaded.storedConfig, overrides);
  return {
    source: { sheets: loaded.sheets, config, allSheets: loaded.sheetNames },
    trail: loaded.kind === 'xlsx' ? (loaded.trail ?? null) : undefined,
  };
}

/** Today's date where the command runs, as YYYY-MM-DD. */
export function localIsoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
