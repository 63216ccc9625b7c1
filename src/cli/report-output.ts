/**
 * Where a report goes while it is being written: pieces are gathered into chunks of a few
 * hundred KB and handed to the command's stdout as each fills, so a report on a 1M-row
 * return is never held as one string (a string of a few hundred MB is slow to build and,
 * past V8's ~512 MB string limit, cannot be built at all).
 */
export type Write = (text: string) => void;

/** Characters gathered before a chunk is handed on. */
export const CHUNK_CHARS = 256 * 1024;

export class ReportOutput {
  private pending: string[] = [];
  private size = 0;

  constructor(
    private readonly sink: Write,
    private readonly chunkChars = CHUNK_CHARS,
  ) {}

  /** Add text to the report; a chunk is handed on once enough has gathered. */
  readonly write: Write = (text) => {
    if (text === '') return;
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= this.chunkChars) this.flush();
  };

  /** Hand on whatever has gathered (call once the report is complete). */
  flush(): void {
    if (this.size === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.size = 0;
    this.sink(chunk);
  }
}

/** A report written whole into one string: what the report functions' string forms (and tests) use. */
export function collect(writeReport: (write: Write) => void): string {
  const parts: string[] = [];
  writeReport((t) => {
    parts.push(t);
  });
  return parts.join('');
}
