import { promises as fs, constants as fsConstants } from 'fs';
import * as path from 'path';
import { WorkbookWriteError } from './errors';

/**
 * Writing a workbook safely, decided in one place: every writer (marked copy, signing)
 * goes through replaceFileAtomically, and every read-compare-write of the audit trail
 * through withFileLock.
 */

/** Our temporary file beside `file`: `.NAME.PID.tmp` (the pid tells a live writer from a killed one). */
function tmpName(file: string, pid: number): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${pid}.tmp`);
}

/** Our lock file beside `file`: `.NAME.outturn-lock`, holding the writer's pid. */
export function lockName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.outturn-lock`);
}

/** True while a process with this pid runs (on this machine). EPERM: it runs, as another user. */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The file a write to `file` must replace: a symlink's target (so the link stays a link and
 * its target is what gets signed), else the path itself, resolved.
 */
export async function writeTarget(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return path.resolve(file);
  }
}

/** The sentence for a failed write, by error code; every one ends "nothing was written" where that is so. */
export function writeFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOSPC':
      return 'no space left on the disk: nothing was written';
    case 'EDQUOT':
      return 'the disk quota is used up: nothing was written';
    case 'EROFS':
      return 'the disk is read-only: nothing was written';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: nothing was written';
    case 'ENOENT':
      return 'its folder does not exist: nothing was written';
    case 'EISDIR':
      return 'it is a folder: nothing was written';
    case 'EXDEV':
      return 'the temporary file could not be moved into place: nothing was written';
    default:
      return `the file could not be written (${code ?? (err instanceof Error ? err.message : String(err))}): nothing was written`;
  }
}

/**
 * Remove `.NAME.PID.tmp` files of ours left beside `file` by a run that was killed
 * (its pid no longer runs). Another live writer's temporary file is left alone.
 */
export async function removeStaleTempFiles(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const prefix = `.${base}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length, -'.tmp'.length));
    if (!/^\d+$/.test(name.slice(prefix.length, -'.tmp'.length)) || pid === process.pid || processAlive(pid)) continue;
    await fs.rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Replace `file` with `bytes` all at once: write a temporary file beside it, then rename it
 * over the target, so a reader (or a crash) never sees half a workbook. An existing file
 * keeps its permissions and owner; a read-only one is refused; a symlink is written through
 * to its target. The rename gives the file a new inode, so other hard links to it keep the
 * old contents: hardLinkNotice says so beforehand.
 */
export async function replaceFileAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const target = await writeTarget(file);
  const existing = await fs.stat(target).catch(() => null);
  if (existing) {
    if (existing.isDirectory()) throw new WorkbookWriteError(file, 'it is a folder: nothing was written');
    // Root passes access(W_OK) whatever the mode; a file nobody may write is still meant to stay as it is.
    if ((existing.mode & 0o222) === 0)
      throw new WorkbookWriteError(
        file,
        'the file is read-only: nothing was written (make it writable first if it should change)',
      );
    try {
      await fs.access(target, fsConstants.W_OK);
    } catch (err) {
      throw new WorkbookWriteError(file, writeFailure(err));
    }
  }
  await removeStaleTempFiles(target);
  const tmp = tmpName(target, process.pid);
  try {
    await fs.writeFile(tmp, bytes, { mode: existing ? existing.mode & 0o7777 : 0o666 });
    if (existing) {
      await fs.chmod(tmp, existing.mode & 0o7777); // writeFile's mode is filtered by the umask
      if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) {
        // Only root (or the owner, for a group it belongs to) may do this; a plain user's file is theirs already.
        await fs.chown(tmp, existing.uid, existing.gid).catch(() => undefined);
      }
    }
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw new WorkbookWriteError(file, writeFailure(err));
  }
}

/**
 * A sentence when writing `file` in place cannot keep it as it is linked: the replaced
 * file is a new one, so its other hard links keep the old contents. Null when nothing is lost.
 */
export async function hardLinkNotice(file: string): Promise<string | null> {
  const st = await fs.stat(await writeTarget(file)).catch(() => null);
  if (!st || st.nlink <= 1) return null;
  const others = st.nlink - 1;
  return `'${file}' has ${others} other hard link${others === 1 ? '' : 's'}: the signed workbook replaces it as a new file, so ${others === 1 ? 'that link keeps' : 'those links keep'} the unsigned version.`;
}

export interface LockOptions {
  /** Give up after this long while a live process holds the lock (default: lockWaitMs()). */
  timeoutMs?: number;
  /** Told once, when the lock is held by someone else and we start to wait: a sentence naming the holder. */
  onWait?: (line: string) => void;
  /** What the lock file records about us beside the pid ('Dawn Garton signing'): shown to whoever waits. */
  holder?: string;
}

/** Two minutes, or OUTTURN_LOCK_WAIT seconds: how long a signer queues behind another before giving up. */
export function lockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.OUTTURN_LOCK_WAIT);
  return env.OUTTURN_LOCK_WAIT !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 120_000;
}

/** '120 s', or '0.4 s' under a second. */
function seconds(ms: number): string {
  return `${ms >= 1000 ? Math.round(ms / 1000) : Math.round(ms / 100) / 10} s`;
}

/** The pid on the lock file's first line and what the holder said about itself on the second. */
function readLock(text: string): { pid: number; who: string } {
  const [first = '', second = ''] = text.split('\n');
  return { pid: Number(first.trim()), who: second.trim() };
}

/**
 * Run `fn` while holding an exclusive lock on `file`: a lock file created with O_EXCL
 * beside it (`.NAME.outturn-lock`, holding our pid and who we are). A lock whose process
 * no longer runs (a killed run) is taken over; one held by a live process is queued
 * behind: `onWait` is told once whom we wait for, and after the bounded wait the write is
 * refused with a sentence. Signing holds it across its whole read-decide-append, so people
 * signing the same file in place at once take turns, each seeing the signatures before it.
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const target = await writeTarget(file);
  const lock = lockName(target);
  const waitMs = options.timeoutMs ?? lockWaitMs();
  const deadline = Date.now() + waitMs;
  let delay = 20;
  let told = false;
  for (;;) {
    try {
      const handle = await fs.open(lock, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n${options.holder ?? ''}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new WorkbookWriteError(file, writeFailure(err));
      const { pid: holder, who } = readLock(await fs.readFile(lock, 'utf8').catch(() => ''));
      // An empty lock older than a few seconds: its writer died between creating and filling it.
      const abandoned =
        !holder && Date.now() - ((await fs.stat(lock).catch(() => null))?.mtimeMs ?? Date.now()) > 5_000;
      if ((holder && !processAlive(holder)) || abandoned) {
        // A killed run's lock: move it aside atomically (only one taker wins the rename), then retry.
        const aside = `${lock}.${process.pid}.stale`;
        if (
          await fs.rename(lock, aside).then(
            () => true,
            () => false,
          )
        )
          await fs.rm(aside, { force: true });
        continue;
      }
      const whom = holder ? `${who ? `${who}, ` : ''}process ${holder}` : 'another Outturn process';
      if (!told && options.onWait) {
        told = true;
        options.onWait(
          `'${path.basename(file)}' is being written by ${whom}: waiting for it to finish (up to ${seconds(waitMs)}).`,
        );
      }
      if (Date.now() > deadline) {
        throw new WorkbookWriteError(
          file,
          `${whom} held it for more than ${seconds(waitMs)}, so we stopped waiting: nothing was written; try again in a moment, set OUTTURN_LOCK_WAIT to wait longer (seconds), or remove ${path.basename(lock)} if no Outturn is running`,
        );
      }
      // A lock file just created may be empty for an instant: wait and look again.
      await new Promise((r) => setTimeout(r, delay + Math.floor(Math.random() * delay)));
      delay = Math.min(delay * 2, 250);
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}
