/**
 * The sign-off receipt on the command line: written beside the workbook when the last role
 * signs, and read by `outturn audit FILE --receipt RECEIPT`. Also: an empty trail in a
 * workbook that carries Outturn's settings or marks is suspicious (the trail sheet and its
 * head can be deleted together), not clean.
 */
import type { Replay } from '../signoff/replay';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  buildOwnerReceipt,
  buildReceipt,
  compareWithReceipt,
  formatReceipt,
  parseReceipt,
  type Receipt,
} from '../signoff/receipt';
import type { FiguresResolver, RoleState } from '../signoff/state';
import type { SignRecord, TrailRecord, Verification } from '../signoff/trail';
import type { XlsxBook } from '../workbook/xlsx/read';
import { entryString } from '../workbook/xlsx/zip';
import { SETTINGS_SHEET } from '../engine/own-sheets';
import { replaceFileAtomically } from '../workbook/atomic-write';
import { WorkbookReadError } from '../workbook/errors';
import { CliError } from './errors';

/** `return.xlsx` → `return.receipt.json`, beside it. */
export function receiptPath(workbook: string): string {
  return path.join(path.dirname(workbook), `${path.basename(workbook).replace(/\.xlsx$/i, '')}.receipt.json`);
}

/**
 * After a signature: when every role now holds a current signature, write the receipt
 * beside the signed workbook and return its text (for stdout); else null.
 */
export async function receiptAfterSigning(
  target: string,
  records: readonly TrailRecord[],
  states: readonly RoleState[],
  issuedAt: string,
): Promise<{ file: string; receipt: Receipt; text: string } | null> {
  const receipt = buildReceipt({ returnName: path.basename(target), records, states, issuedAt });
  return receipt ? writeReceipt(target, receipt) : null;
}

/**
 * After a per-owner signature that completes the return (every indicator holds three
 * current signatures): the receipt of every current signature and the whole figures, written
 * beside the signed workbook.
 */
export async function ownerReceiptAfterSigning(
  target: string,
  records: readonly TrailRecord[],
  signatures: readonly SignRecord[],
  figures: { fingerprint: string; sheets: readonly string[] },
  issuedAt: string,
): Promise<{ file: string; receipt: Receipt; text: string } | null> {
  const receipt = buildOwnerReceipt({ returnName: path.basename(target), records, signatures, figures, issuedAt });
  return receipt ? writeReceipt(target, receipt) : null;
}

async function writeReceipt(
  target: string,
  receipt: Receipt,
): Promise<{ file: string; receipt: Receipt; text: string }> {
  const file = receiptPath(target);
  await replaceFileAtomically(file, new TextEncoder().encode(`${JSON.stringify(receipt, null, 2)}\n`));
  return { file, receipt, text: formatReceipt(receipt) };
}

/** Read and validate a receipt file; a bad one is a clear sentence (exit 2). */
export async function readReceipt(file: string): Promise<Receipt> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbookReadError(
      file,
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : 'the receipt could not be read',
    );
  }
  const parsed = parseReceipt(text);
  if (!parsed.ok) throw new CliError(`cannot use the receipt '${file}': ${parsed.reason}`);
  return parsed.receipt;
}

/** The receipt compared with the workbook: lines for the text report, JSON, and whether it matches. */
export function receiptVerdict(
  receipt: Receipt,
  verification: Verification,
  resolver: FiguresResolver | null,
  replay?: Pick<Replay, 'findings'>,
) {
  const now = resolver ? resolver(receipt.sheets) : null;
  const fingerprint = now && !now.gaps?.length ? now.fingerprint : null;
  // Version 1 of the figures only for a receipt that does not match version 2 (an older signature).
  const legacyFingerprint =
    fingerprint !== null && fingerprint !== receipt.fingerprint ? (now?.legacy?.fingerprint ?? null) : null;
  const comparison = compareWithReceipt(receipt, verification, { fingerprint, legacyFingerprint }, replay);
  const lines = [
    `Receipt of '${receipt.returnName}' (issued ${receipt.issuedAt}, chain head ${receipt.chainHead.seq}:${receipt.chainHead.hash.slice(0, 16)}…): ${comparison.same ? 'MATCHES. This is the workbook that was receipted.' : 'DIFFERS.'}`,
    ...comparison.differences.map((d) => `  - ${d}`),
    ...comparison.notes.map((n) => `  Note: ${n}`),
  ];
  return { comparison, lines };
}

/**
 * Why an empty trail is suspicious, or null: the workbook carries Outturn's settings sheet
 * or its marks, so Outturn was used on it, yet no check or signature is recorded (the
 * trail sheet and its head may have been deleted together).
 */
export function emptyTrailSuspicion(book: XlsxBook): string | null {
  const signs: string[] = [];
  if (book.sheets.some((w) => w.name.toLowerCase() === SETTINGS_SHEET.toLowerCase()))
    signs.push(`rule settings (sheet ${SETTINGS_SHEET})`);
  let marked = 0;
  for (const ws of book.sheets) {
    const entry = ws.part ? book.entries.get(ws.part) : undefined;
    // Only read on this rare path (an empty trail): the sheet's XML, searched for the mark rules' formula.
    if (entry) marked += (entryString(entry).match(MARK_IN_XML) ?? []).length;
  }
  if (marked) signs.push(`cell marks (${marked} mark rule${marked === 1 ? '' : 's'})`);
  if (!signs.length) return null;
  return `SUSPICIOUS: the trail is empty, but the workbook carries Outturn's ${signs.join(' and ')}, so Outturn was used on it. The trail and its chain head may have been deleted together; compare with the sign-off receipt (outturn audit FILE --receipt RECEIPT).`;
}

/** An Outturn mark's formula as it stands in a sheet's XML (quotes escaped or not). */
const MARK_IN_XML = /<(?:\w+:)?formula>=?N\((?:"|&quot;)outturn:(?:error|warning)(?:"|&quot;)\)=0<\/(?:\w+:)?formula>/g;
