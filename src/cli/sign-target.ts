/**
 * Where `outturn sign` and `outturn withdraw` write: the trail lives inside the workbook,
 * so both write a workbook. Only the trail sheet and workbook.xml change (the surgical
 * writer copies every other part byte for byte), but a user's file is still only
 * overwritten when they ask: a signed copy beside the original is the safe default.
 */
import * as path from 'node:path';
import { readFileBytes } from '../workbook/load';
import { isSameFile } from '../workbook/marked-copy';
import { WorkbookWriteError } from '../workbook/errors';
import { writeFailure as diskFailure } from '../workbook/atomic-write';
import { TrailConflictError } from '../signoff/trail';
import { CliError } from './errors';

/** The file to write: --out FILE, or the input itself with --in-place; a missing choice is an argument error. */
export async function signOutputFile(
  command: string,
  file: string,
  out: string | undefined,
  inPlace: boolean,
): Promise<string> {
  const what = command === 'sign' ? 'signing' : 'withdrawing';
  if (/\.(csv|tsv|txt)$/i.test(file))
    throw new CliError(
      `cannot ${command} '${file}': ${what} stores the audit trail inside the workbook, so it needs an .xlsx file`,
    );
  if (out && inPlace) throw new CliError('give either --out FILE or --in-place, not both');
  await readFileBytes(file); // a missing or unreadable input gets its own sentence first
  if (inPlace) return file;
  if (out) {
    if (!/\.xlsx$/i.test(out))
      throw new WorkbookWriteError(
        out,
        `the ${command === 'sign' ? 'signed' : 'changed'} workbook must be an .xlsx file`,
      );
    return (await isSameFile(file, out)) ? file : out;
  }
  const noun = command === 'sign' ? 'the signature' : 'the withdrawal';
  throw new CliError(
    `${command} writes ${noun} into the workbook: give --out ${command === 'sign' ? 'signed' : 'withdrawn'}.xlsx for a ${command === 'sign' ? 'signed' : 'changed'} copy, or --in-place to write into '${path.basename(file)}' itself`,
  );
}

/** File-system failures of a trail write as one sentence. */
export function trailWriteError(err: unknown, target: string): unknown {
  if (err instanceof TrailConflictError) return new CliError(err.message.replace(/\.$/, ''));
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'ENOENT')
    return new WorkbookWriteError(target, code === 'ENOENT' ? 'its folder does not exist' : 'permission denied');
  // ENOSPC, EROFS…: "no space left on the disk: nothing was written" (atomic-write.ts words them).
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return new WorkbookWriteError(target, diskFailure(err));
  return err;
}
