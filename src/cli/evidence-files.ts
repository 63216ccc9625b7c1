/**
 * The working papers named on the command line (`sign --evidence REF=PATH`), read from disk,
 * and the folder `audit --evidence-dir` re-hashes them in. What is recorded and what a
 * difference means is decided in src/app/evidence.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EvidenceFile } from '../app/evidence';
import { CliError } from './errors';

/** Each `REF=PATH`, its file read whole; a malformed option or an unreadable file is a usage error. */
export function readEvidenceOptions(values: readonly string[]): EvidenceFile[] {
  return values.map((value) => {
    const eq = value.indexOf('=');
    const ref = eq < 0 ? '' : value.slice(0, eq).trim();
    const file = eq < 0 ? '' : value.slice(eq + 1).trim();
    if (!ref || !file)
      throw new CliError(
        `--evidence needs REF=PATH, the indicator's ref and its working papers' file (got '${value}'), e.g. --evidence CS01=papers/cs01.xlsx`,
      );
    let bytes: Uint8Array;
    try {
      if (!fs.statSync(file).isFile()) throw new CliError(`the working papers for ${ref}, '${file}', are not a file`);
      bytes = fs.readFileSync(file);
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(
        `cannot read the working papers for ${ref}, '${file}': ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      );
    }
    return { ref, file: path.basename(file), bytes };
  });
}

/** The folder the papers are kept in, checked once: a file in it is then read by name (null when absent). */
export function evidenceDirReader(dir: string): (file: string) => Uint8Array | null {
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new CliError(`--evidence-dir '${dir}' is not a folder`);
  return (file) => {
    const p = path.join(dir, path.basename(file));
    try {
      return fs.statSync(p).isFile() ? fs.readFileSync(p) : null;
    } catch {
      return null;
    }
  };
}
