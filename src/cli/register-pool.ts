/**
 * The files of a register, read on every core (issue #25): a pool of worker threads, each
 * reading one file at a time with the same `registerFile` the command uses in one thread, so a
 * row is the same whichever thread made it. Rows come back in the order of the files. Each
 * worker holds one return at a time, so memory stays bounded whatever the number of files.
 *
 * Workers need the compiled worker script (dist/register-worker.cjs beside the bundled command
 * line, or dist/src/cli/register-worker.js); without it (under ts-jest), or for a handful of
 * files or on one core, the files are read in this thread, one after the other.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RegisterRow } from '../app/register';
import { registerFile, type RegisterSettings } from './register-file';

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 8;

export type RowDone = (done: number, file: string) => void;

/** A worker's answer for one file: its row, or the message of a fault of Outturn's own. */
export type WorkerAnswer = { index: number; row: RegisterRow } | { index: number; fault: string };

function workerScript(): string | undefined {
  for (const name of ['register-worker.cjs', 'register-worker.js']) {
    const file = path.join(__dirname, name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

function threads(files: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const wanted = Number(process.env.OUTTURN_THREADS) || cores;
  return Math.max(1, Math.min(wanted, files));
}

export async function registerFiles(
  files: readonly string[],
  settings: RegisterSettings,
  onDone: RowDone = () => {},
): Promise<RegisterRow[]> {
  const script = workerScript();
  const n = threads(files.length);
  if (!script || n < 2 || files.length < MIN_FILES_FOR_WORKERS) {
    const rows: RegisterRow[] = [];
    for (const [i, file] of files.entries()) {
      rows.push(await registerFile(file, settings));
      onDone(i + 1, file);
    }
    return rows;
  }
  return inWorkers(script, n, files, settings, onDone);
}

function inWorkers(
  script: string,
  n: number,
  files: readonly string[],
  settings: RegisterSettings,
  onDone: RowDone,
): Promise<RegisterRow[]> {
  const rows: RegisterRow[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  return new Promise<RegisterRow[]>((resolve, reject) => {
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(err);
    };
    const feed = (w: Worker) => {
      if (next < files.length) {
        const index = next++;
        w.postMessage({ index, file: files[index] });
      } else void w.terminate();
    };
    for (let i = 0; i < n; i++) {
      const w = new Worker(script, { workerData: settings });
      workers.push(w);
      w.on('message', (answer: WorkerAnswer) => {
        if ('fault' in answer) return fail(new Error(answer.fault));
        rows[answer.index] = answer.row;
        done++;
        onDone(done, files[answer.index]);
        if (done === files.length) {
          for (const other of workers) void other.terminate();
          resolve(rows);
        } else feed(w);
      });
      w.on('error', fail);
      feed(w);
    }
  });
}
