/**
 * `outturn register`: the performance team's view of a folder of returns, one row per file
 * (src/app/register.ts decides every cell; this reads the files and hands the rows to a format).
 * Files are read one at a time and let go once their row is made, so memory stays that of
 * the largest return, however many there are.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RegisterRow } from '../app/register';
import { parseCommandArgs, stringOption } from './args';
import { ConfigOverrides, parseAsOfFlag, readConfigFile } from './config';
import { localIsoDate } from './check';
import { CliError } from './errors';
import { CliIO, EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './io';
import { RECEIPT, type RegisterSettings } from './register-file';
import { registerFiles } from './register-pool';
import { collect, ReportOutput } from './report-output';
import { registerWorkbook } from './register-xlsx';
import { replaceFileAtomically, writeFailure } from '../workbook/atomic-write';
import { commonFolder, writeRegister, REGISTER_FORMATS, type RegisterFormat } from './register-report';

export const REGISTER_HELP = `outturn register — one row per return in a folder: checks, coverage, sign-off, trail and receipt

Usage:
  outturn register <folder|file>... [--format text|json|csv|html|xlsx] [--out FILE] [--reports DIR]
                   [--as-of YYYY-MM-DD] [--config FILE]

Each file is checked as \`outturn check\` checks it and its trail judged as \`outturn audit\`
judges it. A row says: the sheets and grids, service areas, period, indicators, errors and
warnings outstanding, figures not checked, sign-off progress per role, who still has to
sign, when it was submitted (its compiler sign-off complete) against the deadline, whether
the trail is unbroken, whether the receipt beside the file (NAME.receipt.json) matches it,
and when the file was last modified. Then totals, sign-off by service area, and per person
what they still have to sign across every return. Files are read on every core.

A folder is searched with its sub-folders. Every file in it is a row: an unreadable,
encrypted, truncated or locked ("~$") file, or one that is not a workbook, says why.

Options:
  --format FORMAT   text (default), json, csv, html (one self-contained page) or xlsx (a
                    workbook: a sheet of returns and a sheet of people to chase; needs --out)
  --out FILE        write the register to FILE rather than to standard output
                    (a FILE ending .xlsx chooses the xlsx format)
  --reports DIR     also write each return's own check report (as \`outturn check --format html\`)
                    into DIR; the html register links every return to it
  --as-of DATE      the date the timeliness rules judge against (default: today)
  --config FILE     rule configuration (JSON), as for \`outturn check\`
  -h, --help        show this help

Example:
  outturn register returns/ --format html > register.html
  outturn register returns/ --out register.xlsx

Exit status: 0 every return read, without errors, trail unbroken and receipts matching;
1 a return carries errors, a broken trail or a receipt that differs; 2 a file could not be used.
`;

interface Listing {
  files: string[];
  /** Hidden files (names starting '.') left out: said in a note, never silently. */
  hidden: number;
}

/** Every file named or found in a folder, in name order; receipts are read with their workbook, not as rows. */
export async function listRegisterFiles(paths: readonly string[]): Promise<Listing> {
  const out: Listing = { files: [], hidden: 0 };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = (await fs.stat(p)).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) await walk(p, out);
    else out.files.push(p);
  }
  return out;
}

async function walk(dir: string, out: Listing): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.name.startsWith('.')) {
      out.hidden++;
      continue;
    }
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') await walk(full, out);
    } else if (RECEIPT.test(e.name)) {
      // A receipt is read with its workbook; one without a workbook beside it is a row of its own.
      const base = e.name.replace(RECEIPT, '').toLowerCase();
      if (!names.has(`${base}.xlsx`) && !names.has(`${base}.xlsm`)) out.files.push(full);
    } else out.files.push(full);
  }
}

export async function runRegister(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('register', args, {
    format: { type: 'string' },
    'as-of': { type: 'string' },
    config: { type: 'string' },
    out: { type: 'string' },
    reports: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(REGISTER_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0)
    throw new CliError(
      'register needs a folder or files, e.g. `outturn register returns/`; see `outturn register --help`',
    );
  const out = stringOption(values, 'out');
  const format = (stringOption(values, 'format') ?? (out && /\.xlsx$/i.test(out) ? 'xlsx' : 'text')) as
    RegisterFormat | 'xlsx';
  if (format !== 'xlsx' && !REGISTER_FORMATS.includes(format))
    throw new CliError(`--format must be ${REGISTER_FORMATS.join(', ')} or xlsx (got '${format}')`);
  if (format === 'xlsx' && out === undefined)
    throw new CliError('--format xlsx writes a workbook, so it needs --out FILE.xlsx');
  const overrides: ConfigOverrides = {};
  const asOf = stringOption(values, 'as-of');
  if (asOf !== undefined) overrides.asOf = parseAsOfFlag(asOf);
  const configFile = stringOption(values, 'config');
  if (configFile !== undefined) overrides.file = await readConfigFile(configFile);

  const listing = await listRegisterFiles(positionals);
  if (listing.files.length === 0)
    throw new CliError(`no files found in ${positionals.map((p) => `'${p}'`).join(', ')}`);
  const settings: RegisterSettings = { overrides, today: localIsoDate(io.now()) };
  const reportsDir = stringOption(values, 'reports');
  if (reportsDir !== undefined) {
    try {
      await fs.mkdir(reportsDir, { recursive: true });
    } catch (err) {
      throw new CliError(`cannot make the folder for the reports '${reportsDir}': ${writeFailure(err)}`);
    }
    settings.reports = {
      dir: reportsDir,
      root: commonFolder(listing.files),
      generatedAt: io.now().toISOString(),
    };
  }

  const bar = io.isTTY && listing.files.length > 1;
  const rows: RegisterRow[] = await registerFiles(listing.files, settings, (done, file) => {
    if (bar) io.stderr(`\r\x1b[K[${done}/${listing.files.length}] ${file}`);
  });
  if (bar) io.stderr('\r\x1b[K');
  const notes = listing.hidden
    ? [`${listing.hidden} hidden file${listing.hidden === 1 ? '' : 's'} (name starting '.') not read.`]
    : [];

  if (format === 'xlsx' || out !== undefined) {
    const bytes =
      format === 'xlsx'
        ? registerWorkbook(rows)
        : new TextEncoder().encode(
            collect((w) =>
              writeRegister(
                format,
                rows,
                { generatedAt: io.now(), notes, linkBase: path.dirname(path.resolve(out!)) },
                w,
              ),
            ),
          );
    try {
      await replaceFileAtomically(out!, bytes);
    } catch (err) {
      throw new CliError(`cannot write the register to '${out}': ${writeFailure(err)}`);
    }
    io.stderr(`Register of ${rows.length} file${rows.length === 1 ? '' : 's'} written to '${out}'.\n`);
    for (const n of notes) io.stderr(`${n}\n`);
  } else {
    const output = new ReportOutput(io.stdout);
    // On standard output the page's place is not known: each file is linked by its path as given.
    writeRegister(format, rows, { generatedAt: io.now(), notes }, output.write);
    output.flush();
  }

  if (rows.some((r) => r.kind !== 'return')) return EXIT_UNUSABLE;
  return rows.some(
    (r) =>
      r.errors > 0 ||
      r.trail === 'broken' ||
      r.trail === 'rules-broken' ||
      r.trail === 'suspicious' ||
      (r.receipt !== 'none' && r.receipt !== 'matches'),
  )
    ? EXIT_FINDINGS
    : EXIT_OK;
}
