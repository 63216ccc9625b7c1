/**
 * What a command needs from the outside world. `main` builds the real one from the
 * process; tests pass their own to capture output and fix the clock.
 */
export interface CliIO {
  /** Normal output (the report). Written as given: callers add their own newlines. */
  stdout: (text: string) => void;
  /** Messages for the person at the terminal: errors, progress. */
  stderr: (text: string) => void;
  /** stderr is a terminal, so a progress indicator may be drawn on it. */
  isTTY: boolean;
  /** The clock; "today" for timeliness rules comes from here unless --as-of says otherwise. */
  now: () => Date;
}

let pipeGuarded = false;

export function processIO(): CliIO {
  if (!pipeGuarded) {
    // `outturn check … | head` closes the pipe early: stop quietly rather than crash with EPIPE.
    pipeGuarded = true;
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    now: () => new Date(),
  };
}

/** Exit statuses of every command (DESIGN.md, command line contract). */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;
