import * as path from 'node:path';
import { checkWorkbook, type SignoffState } from '../engine/check';
import type { OutturnConfig } from '../engine/model/config';
import { cellAt } from '../engine/model/sheet';
import type { SheetModel } from '../engine/model/sheet';
import type { Finding } from '../engine/model/finding';
import type { Grid } from '../engine/model/grid';
import { EXCEL_MAX_ROWS } from '../workbook/csv';
import { loadWorkbook } from '../workbook/load';
import type { LoadedTrail } from '../signoff/trail';
import { NOTHING_SIGNED, signoffForCheck } from '../signoff/outstanding';
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
import { CheckedFile, FileOutcome, IndicatorLabel, findingRow, indicatorKey, totals } from './outcome';
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
}

/**
 * Findings kept for the report of one file: as many as an Excel sheet has rows below the CSV
 * report's header. A finding costs about 600 bytes; a 1M-row return with every percentage
 * typed as text has 7.6 million of them (4.5 GB), and keeping them all for the report ended
 * in a heap exhaustion. Past this the first ones are listed, the counts stay those of all.
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

  const settings: CheckSettings = {
    sheet: stringOption(values, 'sheet'),
    overrides,
    today: localIsoDate(io.now()),
    out,
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
        throw new CliError(`there is no sheet named '${settings.sheet}' in '${file}' (its sheets: ${names || 'none'})`);
      }
    }
    // A CSV can never be signed (it has nowhere to keep an audit trail), so the
    // signoff-outstanding rule is not run for one: it would only ever say "outstanding".
    const signoff =
      loaded.kind === 'xlsx' && loaded.trail
        ? signoffOfXlsx(loaded.trail, loaded.sheets, loaded.sheetNames, config)
        : undefined;
    // The file's bytes and package are only needed again to write a marked copy; let them go otherwise (large files).
    const source =
      settings.out !== undefined && loaded.bytes && loaded.book
        ? { bytes: loaded.bytes, book: loaded.book }
        : undefined;
    loaded.bytes = undefined;
    loaded.book = undefined;
    const t0 = performance.now();
    const kept = settings.findingsKept ?? FINDINGS_KEPT;
    // The engine keeps the first `kept` findings and counts the rest, so a return with millions of them never holds them all.
    const result = checkWorkbook(loaded.sheets, config, {
      sheet: settings.sheet,
      today: settings.today,
      signoff,
      findingsKept: kept,
    });
    const checkMs = performance.now() - t0;
    result.notices.unshift(...notes); // a configured value the command line set aside is said, never dropped silently
    const found = result.findingsFound ?? result.findings.length;
    if (found > kept) result.notices.push(findingsCutNotice(kept, found));
    const outcome: CheckedFile = {
      ok: true,
      file,
      kind: loaded.kind,
      result,
      config,
      ...(found > kept ? { findingsFound: found } : {}),
      indicators: labelIndicators(loaded.sheets, result.grids, result.findings),
      timings: { ...loaded.timings, checkMs },
    };
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
    if (err instanceof CliError) {
      const named = err.message.includes(`'${file}'`);
      return { ok: false, file, error: several && !named ? `${err.message} (in '${file}')` : err.message };
    }
    throw err;
  }
}

/** The one line that says a report lists only the first findings. */
export function findingsCutNotice(kept: number, found: number): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  return `${n(found)} findings, more than a report can keep: the first ${n(kept)} are listed and the counts are of all ${n(found)}; fix what they show (often one mistake repeated down a column) and check again.`;
}

/**
 * The sign-off state of an .xlsx from its audit trail (read in the same pass as the grid),
 * judged as `outturn audit` judges it. A broken trail counts as unsigned (`outturn audit`
 * says where it broke).
 */
function signoffOfXlsx(
  trail: LoadedTrail,
  sheets: SheetModel[],
  allSheets: readonly string[],
  config: OutturnConfig,
): SignoffState {
  if (trail.entries.length === 0) return NOTHING_SIGNED;
  // Every sheet was read: a signed sheet gone, very hidden or without a grid makes its signature stale.
  return signoffForCheck(trail, sheets, config, { allSheets });
}

/**
 * Ref and description of each indicator row a finding is about, for report headings. Only
 * those: the labels outlive the sheet, and labelling every row of a 1M-row return kept
 * 470 MB of labels for a report that names 67,000 of them (11 MB now).
 */
function labelIndicators(
  sheets: SheetModel[],
  grids: Grid[],
  findings: readonly Finding[],
): Map<string, IndicatorLabel> {
  const map = new Map<string, IndicatorLabel>();
  const named = new Set<string>();
  for (const f of findings) {
    const row = findingRow(f);
    if (row !== null) named.add(indicatorKey(f.sheet, row));
  }
  if (named.size === 0) return map;
  // Replace only where there is whitespace to collapse: a regex replace makes a new string
  // even when nothing changes (about 300 bytes for a 30-character description), where the
  // cell's own string costs a label nothing more.
  const text = (v: unknown) => {
    const t = v === null || v === undefined ? '' : String(v).trim();
    if (t === '') return null;
    return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, ' ') : t;
  };
  for (const g of grids) {
    const sheet = sheets.find((s) => s.name === g.sheet);
    if (!sheet) continue;
    const refCol = g.columns.ref;
    const descCol = g.columns.description;
    for (const row of g.indicatorRows) {
      const key = indicatorKey(g.sheet, row);
      if (!named.has(key)) continue;
      map.set(key, {
        ref: refCol === undefined ? null : text(cellAt(sheet, row, refCol).value),
        description: descCol === undefined ? null : text(cellAt(sheet, row, descCol).value),
      });
    }
  }
  return map;
}

/** Today's date where the command runs, as YYYY-MM-DD. */
export function localIsoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
