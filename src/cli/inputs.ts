import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.csv']);

export interface Inputs {
  files: string[];
  /** More than one file, or a folder: report file by file with totals. */
  several: boolean;
}

/** True for the files a folder search picks up: workbooks and CSVs, not Excel's "~$" lock files or hidden files. */
export function isWorkbookFileName(name: string): boolean {
  return !name.startsWith('~$') && !name.startsWith('.') && WORKBOOK_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/**
 * Expand the paths given on the command line: files are kept as given (a missing or
 * unreadable one is reported when it is checked), folders are searched recursively,
 * in name order, so runs are repeatable.
 */
export async function expandInputs(paths: string[]): Promise<Inputs> {
  const files: string[] = [];
  let folder = false;
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = (await fs.stat(p)).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) {
      folder = true;
      await walk(p, files);
    } else {
      files.push(p);
    }
  }
  return { files, several: folder || paths.length > 1 };
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && e.name !== 'node_modules') await walk(full, out);
    } else if (e.isFile() && isWorkbookFileName(e.name)) {
      out.push(full);
    }
  }
}
