/**
 * Working papers: where each indicator's evidence is kept, what a signature recorded of
 * it, and whether the files an auditor is handed are still the ones signed. The one place
 * that decides; the command line reads the files and renders.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { OutturnConfig } from '../engine/model/config';
import type { SignRecord, TrailRecord } from '../signoff/trail';
import { AppError } from './codes';

/** A working paper as a signature records it. */
export type WorkingPaper = NonNullable<SignRecord['payload']['evidence']>[number];

/** A working paper as the signer names it: the indicator, the file's name and its bytes. */
export interface EvidenceFile {
  ref: string;
  file: string;
  bytes: Uint8Array;
}

/** What a signature records of each file: its name (not where it was on the signer's disk) and its SHA-256. */
export function workingPapers(files: readonly EvidenceFile[]): WorkingPaper[] {
  return files.map((f) => ({ ref: f.ref, file: f.file, sha256: bytesToHex(sha256(f.bytes)) }));
}

/**
 * Refuse working papers named for an indicator the return does not hold: a mistyped ref
 * would otherwise be recorded beside nothing.
 */
export function checkEvidenceRefs(evidence: readonly WorkingPaper[], refs: readonly string[]): void {
  const known = new Set(refs.map((r) => r.trim().toUpperCase()));
  const unknown = evidence.filter((e) => !known.has(e.ref.trim().toUpperCase())).map((e) => e.ref);
  if (unknown.length)
    throw new AppError(
      'unknown-evidence-ref',
      `The return holds no indicator ${unknown.map((r) => `'${r}'`).join(', ')}, so the working papers named for ${unknown.length === 1 ? 'it' : 'them'} cannot be recorded: give each as REF=PATH with the indicator's ref as the grid shows it.`,
    );
}

export type PaperStatus = 'unchanged' | 'changed' | 'missing';

/** One recorded working paper compared with the file found now. */
export interface PaperCheck {
  ref: string;
  file: string;
  status: PaperStatus;
  recorded: string;
  /** The SHA-256 of the file found now; null when it is missing. */
  now: string | null;
  /** The signatures that recorded it (seq and who). */
  signedIn: { seq: number; name: string }[];
}

export interface EvidenceAudit {
  papers: PaperCheck[];
  /** The papers that changed or are missing: each makes the audit fail. */
  findings: PaperCheck[];
  /** One sentence per paper checked, for people. */
  lines: string[];
}

/**
 * Re-hash each working paper the trail's signatures recorded. `read` gives the bytes of the
 * file of that name where the auditor keeps the papers, or null when there is none.
 */
export function auditWorkingPapers(
  records: readonly TrailRecord[],
  read: (file: string) => Uint8Array | null,
): EvidenceAudit {
  const byPaper = new Map<string, PaperCheck>();
  const hashes = new Map<string, string | null>();
  for (const r of records) {
    if (r.type !== 'sign') continue;
    for (const e of r.payload.evidence ?? []) {
      const id = `${e.ref}\u0000${e.file}\u0000${e.sha256}`;
      let paper = byPaper.get(id);
      if (!paper) {
        if (!hashes.has(e.file)) {
          const bytes = read(e.file);
          hashes.set(e.file, bytes ? bytesToHex(sha256(bytes)) : null);
        }
        const now = hashes.get(e.file) ?? null;
        const status: PaperStatus = now === null ? 'missing' : now === e.sha256 ? 'unchanged' : 'changed';
        byPaper.set(id, (paper = { ref: e.ref, file: e.file, status, recorded: e.sha256, now, signedIn: [] }));
      }
      paper.signedIn.push({ seq: r.seq, name: r.actor?.name ?? 'unknown' });
    }
  }
  const papers = [...byPaper.values()];
  return { papers, findings: papers.filter((p) => p.status !== 'unchanged'), lines: papers.map(paperLine) };
}

function paperLine(p: PaperCheck): string {
  const by = `signed in record ${p.signedIn.map((s) => `${s.seq} (${s.name})`).join(', ')}`;
  switch (p.status) {
    case 'unchanged':
      return `${p.ref}: '${p.file}' unchanged since ${by}.`;
    case 'changed':
      return `${p.ref}: '${p.file}' CHANGED since ${by}: SHA-256 was ${p.recorded}, is now ${p.now}.`;
    case 'missing':
      return `${p.ref}: '${p.file}' MISSING: no such file where the working papers are kept (${by}).`;
  }
}

/**
 * An indicator's working papers for the pack: the configured link, what the grid's
 * "Source" / "Evidence" / "Working papers" column says, and each file a signature recorded.
 */
export interface IndicatorPapers {
  link: string | null;
  /** The text of the grid's source column on the indicator's row, when it has one. */
  source: string | null;
  recorded: { file: string; sha256: string; seq: number; name: string }[];
}

export function indicatorPapers(
  ref: string,
  config: OutturnConfig | undefined,
  signatures: readonly SignRecord[],
  source: string | null = null,
): IndicatorPapers {
  const key = ref.trim().toUpperCase();
  const link = Object.entries(config?.evidence ?? {}).find(([r]) => r.trim().toUpperCase() === key)?.[1] ?? null;
  const recorded = signatures.flatMap((s) =>
    (s.payload.evidence ?? [])
      .filter((e) => e.ref.trim().toUpperCase() === key)
      .map((e) => ({ file: e.file, sha256: e.sha256, seq: s.seq, name: s.actor?.name ?? 'unknown' })),
  );
  return { link, source: source?.trim() || null, recorded };
}
