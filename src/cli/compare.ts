/**
 * `outturn compare OLD NEW`: every difference between two returns of the same body, by
 * indicator and period. The comparison is the application layer's (src/app/compare.ts);
 * this file reads the two files and renders it.
 */
import { compareReturns, type ComparedReturn, type ReturnsCompared } from '../app';
import type { ReturnDifference } from '../app/compare';
import { loadWorkbook } from '../workbook/load';
import { parseCommandArgs, stringOption } from './args';
import { localIsoDate } from './check';
import { resolveConfigWithNotes } from './config';
import { CliError } from './errors';
import { CliIO, EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './io';
import { compareHtml } from './compare-html';
import { csvField } from './report-csv';

export const COMPARE_HELP = `outturn compare — every difference between the previous return and this one

Usage:
  outturn compare <previous.xlsx|.csv> <current.xlsx|.csv> [--format text|json|csv|html]

Lists, by indicator and period, every figure, target, RAG, owner and commentary that
differs, and the indicators added or removed. Indicators are matched by ref (ignoring case
and spacing), else by description; periods by their labels (ignoring case and punctuation).

What counts as the same figure (never reported as a difference):
  - the same number in another number format (1204 and 1,204; 82% and 82.0%);
  - a percentage held as a fraction with a % format in one file (0.97 shown as 97%) and as
    points in the other (97), and, where the description says it is a percentage, either
    way round without a % format;
  - the same text ignoring case and spacing (N/a and n/a).
A return with one value column and no period columns (each quarter's report its own file)
has no period to match: a changed value is listed as a difference, never as a restatement.
A figure of a period the previous return had filled in that differs is a restatement; one
recorded in the current file's trail (\`outturn restate\`) is shown with its reason.

Options:
  --format FORMAT   text (default), json, csv or html (one self-contained page to print or file)
  -h, --help        show this help

Example:
  outturn compare corporate-pis-july-2017.xlsx corporate-pis-august-2017.xlsx

Exit status: 0 no figure of an already-reported period changed without a restatement,
1 one did, 2 a file or the arguments could not be used.
`;

const FORMATS = ['text', 'json', 'csv', 'html'] as const;

async function readReturn(file: string): Promise<ComparedReturn> {
  const loaded = await loadWorkbook(file);
  const { config } = resolveConfigWithNotes(loaded.storedConfig, {});
  return {
    source: { sheets: loaded.sheets, config, allSheets: loaded.sheetNames },
    trail: loaded.kind === 'xlsx' ? (loaded.trail ?? null) : undefined,
  };
}

export async function runCompare(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('compare', args, {
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(COMPARE_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 2)
    throw new CliError(
      'compare needs two returns, the previous one first, e.g. `outturn compare june.xlsx july.xlsx`; see `outturn compare --help`',
    );
  const format = stringOption(values, 'format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new CliError(`--format must be text, json, csv or html (got '${format}')`);
  const [oldFile, newFile] = positionals;
  const previous = await readReturn(oldFile);
  const current = await readReturn(newFile);
  const compared = compareReturns(previous, current, localIsoDate(io.now()));
  if (compared.indicators.previous === 0 || compared.indicators.current === 0) {
    const none = compared.indicators.previous === 0 ? oldFile : newFile;
    io.stderr(`outturn: no metric collection grid found in '${none}', so there is nothing to compare\n`);
    return EXIT_UNUSABLE;
  }
  if (format === 'json') io.stdout(`${JSON.stringify(compareJson(compared, oldFile, newFile), null, 2)}\n`);
  else if (format === 'csv') io.stdout(compareCsv(compared));
  else if (format === 'html') io.stdout(compareHtml(compared, oldFile, newFile, io.now()));
  else io.stdout(compareText(compared, oldFile, newFile));
  return compared.unrecorded.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

const KIND_WORDS: Record<ReturnDifference['kind'], string> = {
  figure: 'figure',
  target: 'target',
  rag: 'RAG',
  owner: 'owner',
  commentary: 'commentary',
  'indicator-added': 'added',
  'indicator-removed': 'removed',
};

function indicatorName(d: Pick<ReturnDifference, 'ref' | 'description'>): string {
  if (d.ref && d.description) return `${d.ref} ${d.description}`;
  return d.ref ?? d.description ?? '(no ref)';
}

function quote(v: string | null): string {
  if (v === null) return 'blank';
  const one = v.replace(/\s+/g, ' ');
  return one.length > 60 ? `"${one.slice(0, 57)}…"` : `"${one}"`;
}

function restatedNote(d: ReturnDifference, compared: ReturnsCompared): string {
  if (d.kind !== 'figure' || !d.reported) return '';
  return compared.unrecorded.includes(d) ? '  RESTATED WITHOUT A RECORD' : '  restatement recorded';
}

export function compareText(compared: ReturnsCompared, oldFile: string, newFile: string): string {
  const lines = [`Comparing '${oldFile}' (previous) with '${newFile}' (current)`, ''];
  const byIndicator = new Map<string, ReturnDifference[]>();
  for (const d of compared.differences) {
    const key = `${d.sheet}\u0000${indicatorName(d)}`;
    byIndicator.set(key, [...(byIndicator.get(key) ?? []), d]);
  }
  for (const ds of byIndicator.values()) {
    lines.push(`${indicatorName(ds[0])} (${ds[0].sheet})`);
    for (const d of ds) {
      if (d.kind === 'indicator-added') lines.push('  added: not in the previous return');
      else if (d.kind === 'indicator-removed') lines.push('  removed: not in the current return');
      else if (d.kind === 'commentary') lines.push(`  commentary ${d.cell}: ${quote(d.old)} → ${quote(d.new)}`);
      else
        lines.push(
          `  ${KIND_WORDS[d.kind]}${d.what ? ` ${d.what}` : ''} ${d.cell}: ${d.old ?? 'blank'} → ${d.new ?? 'blank'}${restatedNote(d, compared)}`,
        );
    }
  }
  const n = compared.differences.length;
  const u = compared.unrecorded.length;
  if (n === 0) lines.push('No differences.');
  lines.push(
    '',
    `${n} difference${n === 1 ? '' : 's'} over ${compared.indicators.current} indicators; ${u} figure${u === 1 ? '' : 's'} of reported periods changed without a recorded restatement.`,
  );
  for (const r of compared.restatements)
    lines.push(
      `Restated: ${r.indicator} ${r.period} ${r.old ?? '?'} → ${r.new ?? 'blank'} by ${r.by ?? 'unknown'} at ${r.at}: "${r.reason}"`,
    );
  return `${lines.join('\n')}\n`;
}

export function compareJson(compared: ReturnsCompared, oldFile: string, newFile: string): unknown {
  return {
    previous: oldFile,
    current: newFile,
    indicators: compared.indicators,
    differences: compared.differences.map((d) => ({
      ...d,
      unrecordedRestatement: compared.unrecorded.includes(d),
    })),
    unrecordedRestatements: compared.unrecorded.length,
    restatements: compared.restatements,
    findings: compared.findings,
  };
}

const CSV_COLUMNS = ['sheet', 'cell', 'kind', 'ref', 'description', 'what', 'old', 'new', 'unrecorded_restatement'];

export function compareCsv(compared: ReturnsCompared): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const d of compared.differences)
    rows.push(
      [
        d.sheet,
        d.cell,
        d.kind,
        d.ref,
        d.description,
        d.what,
        d.old,
        d.new,
        compared.unrecorded.includes(d) ? 'yes' : '',
      ]
        .map((v) => csvField(v ?? null))
        .join(','),
    );
  return `${rows.join('\r\n')}\r\n`;
}
