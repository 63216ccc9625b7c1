import { promises as fs } from 'fs';
import * as path from 'path';
import { WorkbookWriteError } from './errors';

/**
 * Replace `file` with `bytes` all at once: write a temporary file beside it, then rename it
 * over the target, so a reader (or a crash) never sees half a workbook. Every writer of a
 * workbook (marked copy, signing) goes through here, so what "writing safely" means is
 * decided in one place.
 */
export async function replaceFileAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbookWriteError(file, code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `the file could not be written (${code ?? (err as Error).message})`);
  }
}
