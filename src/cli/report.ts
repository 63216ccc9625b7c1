/**
 * `outturn report`: the assurance pack of one return as a self-contained HTML page, or as a
 * PDF printed by Chromium where it is installed. What the pack says is decided in
 * app/assurance.ts; this reads the workbook and the receipt, and writes the page.
 */
import { execFile } from 'node:child_process';
import { promises as fs, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assurancePack } from '../app/assurance';
import type { AuditSource } from '../app/audit';
import { loadWorkbook } from '../workbook/load';
import { replaceFileAtomically } from '../workbook/atomic-write';
import { parseCommandArgs, stringOption } from './args';
import { localIsoDate } from './check';
import { parseAsOfFlag, resolveConfig } from './config';
import { CliError } from './errors';
import { CliIO, EXIT_FINDINGS, EXIT_OK } from './io';
import { readReceipt } from './receipt-io';
import { assurancePackHtml } from '../app/pack-html';

export const REPORT_HELP = `outturn report — the assurance pack of a return, for an auditor or a committee

Usage:
  outturn report <file.xlsx> [--format html|pdf] [--out FILE] [--receipt RECEIPT.json] [--as-of YYYY-MM-DD]

One document holding the evidence of a sign-off: a cover (the return, its period and grids,
the sign-off of each role, whether the audit trail is unbroken and its chain head, whether
the receipt matches, the findings by data-quality dimension, and every figure changed after
it was signed, old → new); per indicator, the figures as reported, target, the RAG and
direction of travel as reported and as recomputed from the figures (any difference named),
a trend chart with its figures in words, the findings outstanding, the warnings acknowledged
with their reasons, the working papers and each signature (who, role, when, how their
identity was known, whether the figures are still the ones signed); the declarations each
role confirmed, word for word; and the audit trail as an appendix. It prints on A4 with a
page break between sections, the return's name at the head of every page and "Page N of M"
at its foot.

Options:
  --format FORMAT   html (default) or pdf (printed by Chromium, which must be installed)
  --out FILE        write the pack to FILE (default: the page on standard output; a PDF needs --out)
  --receipt FILE    the sign-off receipt: say on the cover whether this is the workbook receipted
  --as-of DATE      the date the figures are checked as of (default: today)
  -h, --help        show this help

Examples:
  outturn report corporate-pis-signed.xlsx --out pack.html
  outturn report corporate-pis-signed.xlsx --receipt corporate-pis-signed.receipt.json --format pdf --out pack.pdf

Exit status: 0 the pack was written and the audit finds nothing to act on; 1 the pack was
written and the trail is broken, a signature stale, nothing signed or the receipt differs;
2 the file or the arguments could not be used (or a PDF was asked for without Chromium).
`;

/** Chromium's executable, where installed: CHROMIUM_PATH, else a known path, else one on PATH. */
export function findChromium(): string | null {
  const env = process.env.CHROMIUM_PATH;
  if (env && existsSync(env)) return env;
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  for (const dir of ['/usr/bin', ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)])
    for (const n of names) if (existsSync(path.join(dir, n))) return path.join(dir, n);
  return null;
}

function printToPdf(chromium: string, htmlFile: string, pdf: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`,
        pathToFileURL(htmlFile).href,
      ],
      { timeout: 120_000 },
      (err) =>
        err ? reject(new CliError(`Chromium could not print the PDF (${err.message.split('\n')[0]})`)) : resolve(),
    );
  });
}

export async function runReport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('report', args, {
    format: { type: 'string' },
    out: { type: 'string' },
    receipt: { type: 'string' },
    'as-of': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(REPORT_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new CliError('report needs exactly one .xlsx workbook, e.g. `outturn report return.xlsx --out pack.html`');
  const format = stringOption(values, 'format') ?? 'html';
  if (format !== 'html' && format !== 'pdf') throw new CliError(`--format must be html or pdf (got '${format}')`);
  const out = stringOption(values, 'out');
  if (format === 'pdf' && !out) throw new CliError('a PDF needs --out FILE.pdf');
  const asOfFlag = stringOption(values, 'as-of');
  const asOf = asOfFlag === undefined ? undefined : parseAsOfFlag(asOfFlag);
  const chromium = format === 'pdf' ? findChromium() : null;
  if (format === 'pdf' && !chromium)
    throw new CliError(
      'a PDF needs Chromium installed (chromium on PATH, or CHROMIUM_PATH); `--format html` writes the same pack to print from a browser',
    );
  const file = positionals[0];
  if (/\.(csv|tsv|txt)$/i.test(file))
    throw new CliError(
      `cannot make a pack of '${file}': a CSV file has no audit trail (only an .xlsx workbook has one)`,
    );

  const receiptFile = stringOption(values, 'receipt');
  const receipt = receiptFile === undefined ? null : await readReceipt(receiptFile);
  const loaded = await loadWorkbook(file);
  if (loaded.kind !== 'xlsx' || !loaded.trail)
    throw new CliError(`cannot make a pack of '${file}': it is not an .xlsx workbook`);
  let config: AuditSource['config'];
  try {
    config = { ok: true, config: resolveConfig(loaded.storedConfig, asOf ? { asOf } : {}) };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    config = { ok: false, problem: err.message };
  }
  const pack = assurancePack({
    returnName: path.basename(file),
    trail: loaded.trail,
    sheets: loaded.sheets,
    allSheets: loaded.sheetNames,
    config,
    today: asOf ?? localIsoDate(io.now()),
    receipt,
  });
  const html = assurancePackHtml(pack, io.now());
  const exit =
    pack.status !== 'complete' && pack.status !== 'partly-signed'
      ? EXIT_FINDINGS
      : pack.receipt && !pack.receipt.same
        ? EXIT_FINDINGS
        : EXIT_OK;

  if (format === 'html') {
    if (!out) io.stdout(html);
    else {
      await replaceFileAtomically(out, Buffer.from(html, 'utf8'));
      io.stderr(`outturn: assurance pack written to ${out}\n`);
    }
    return exit;
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'outturn-pack-'));
  try {
    const page = path.join(dir, 'pack.html');
    await fs.writeFile(page, html, 'utf8');
    const pdf = path.join(dir, 'pack.pdf');
    await printToPdf(chromium!, page, pdf);
    if (!existsSync(pdf)) throw new CliError('Chromium printed no PDF');
    await replaceFileAtomically(out!, await fs.readFile(pdf));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  io.stderr(`outturn: assurance pack written to ${out}\n`);
  return exit;
}
