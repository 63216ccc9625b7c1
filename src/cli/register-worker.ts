/**
 * A worker thread of `outturn register` (register-pool.ts): reads the files it is sent, one at
 * a time, and answers each with its row. A fault of Outturn's own is sent back as a message, so
 * the command reports it as it would in one thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { registerFile, type RegisterSettings } from './register-file';
import type { WorkerAnswer } from './register-pool';

const settings = workerData as RegisterSettings;
parentPort?.on('message', (job: { index: number; file: string }) => {
  registerFile(job.file, settings).then(
    (row) => parentPort?.postMessage({ index: job.index, row } satisfies WorkerAnswer),
    (err: unknown) =>
      parentPort?.postMessage({
        index: job.index,
        fault: err instanceof Error ? err.message : String(err),
      } satisfies WorkerAnswer),
  );
});
