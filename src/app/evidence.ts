/**
 * Working papers: where each indicator's evidence is kept, what a signature recorded of
 * it, and whether the files an auditor is handed are still the ones signed. The one place
 * that decides; the command line reads the files and renders.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { OutturnConfig } from '../engine/model/config';
import type { Grid } from '../engine/model/grid';
import type { SheetModel } from '../engine/model/sheet';
import { ownershipFromGrids } from '../signoff/owners';
import type { SignRecord, TrailRecord } from '../signoff/trail';
import { AppError } from './codes';
import { normaliseHeader } from '../engine/text';

/** A working paper as a signature records it: a file hashed (the command line) or a link (the pane). */
export type WorkingPaper = NonNullable<SignRecord['payload']['evidence']>[number];
/** A file the command line read and hashed. */
export type HashedPaper = Extract<WorkingPaper, { sha256: string }>;
/** Where the working papers are kept, as the pane records it: it cannot read local files, so nothing is hashed. */
export type LinkedPaper = Extract<WorkingPaper, { link: string }>;

export function isLinkedPaper(p: WorkingPaper): p is LinkedPaper {
  return 'link' in p;
}

/** A working paper as the signer names it: the indicator, the file's name and its bytes. */
export interface EvidenceFile {
  ref: string;
  file: string;
  bytes: Uint8Array;
}

/** What a signature records of each file: its name (not where it was on the signer's disk) and its SHA-256. */
export function workingPapers(files: readonly EvidenceFile[]): HashedPaper[] {
  return files.map((f) => ({ ref: f.ref, file: f.file, sha256: bytesToHex(sha256(f.bytes)) }));
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

/** A link a signature recorded: nothing to re-hash, so the audit names it and moves on. */
export interface LinkRecorded {
  ref: string;
  link: string;
  signedIn: { seq: number; name: string }[];
}

export interface EvidenceAudit {
  papers: PaperCheck[];
  /** The links recorded from the pane: not hashed, so neither changed nor missing. */
  links: LinkRecorded[];
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
  const links = new Map<string, LinkRecorded>();
  for (const r of records) {
    if (r.type !== 'sign') continue;
    for (const e of r.payload.evidence ?? []) {
      if (isLinkedPaper(e)) {
        const id = `${e.ref}\u0000${e.link}`;
        let link = links.get(id);
        if (!link) links.set(id, (link = { ref: e.ref, link: e.link, signedIn: [] }));
        link.signedIn.push({ seq: r.seq, name: r.actor?.name ?? 'unknown' });
        continue;
      }
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
  const linked = [...links.values()];
  return {
    papers,
    links: linked,
    findings: papers.filter((p) => p.status !== 'unchanged'),
    lines: [...papers.map(paperLine), ...linked.map(linkLine)],
  };
}

function signedInWords(signedIn: readonly { seq: number; name: string }[]): string {
  return `signed in record ${signedIn.map((s) => `${s.seq} (${s.name})`).join(', ')}`;
}

function linkLine(l: LinkRecorded): string {
  return `${l.ref}: ${l.link} (link, not hashed: ${signedInWords(l.signedIn)}).`;
}

function paperLine(p: PaperCheck): string {
  const by = signedInWords(p.signedIn);
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
  /** The configured link; else the latest one a signature recorded from the pane. */
  link: string | null;
  /** The text of the grid's source column on the indicator's row, when it has one. */
  source: string | null;
  recorded: { file: string; sha256: string; seq: number; name: string }[];
  /** Each link a signature recorded from the pane (not hashed), oldest first. */
  links: { link: string; seq: number; name: string }[];
}

export function indicatorPapers(
  ref: string,
  config: OutturnConfig | undefined,
  signatures: readonly SignRecord[],
  source: string | null = null,
): IndicatorPapers {
  const key = ref.trim().toUpperCase();
  const configured = Object.entries(config?.evidence ?? {}).find(([r]) => r.trim().toUpperCase() === key)?.[1] ?? null;
  const mine = signatures.flatMap((s) =>
    (s.payload.evidence ?? [])
      .filter((e) => e.ref.trim().toUpperCase() === key)
      .map((e) => ({ e, seq: s.seq, name: s.actor?.name ?? 'unknown' })),
  );
  const recorded = mine.flatMap(({ e, seq, name }) =>
    isLinkedPaper(e) ? [] : [{ file: e.file, sha256: e.sha256, seq, name }],
  );
  const links = mine.flatMap(({ e, seq, name }) => (isLinkedPaper(e) ? [{ link: e.link, seq, name }] : []));
  const link = configured ?? links.at(-1)?.link ?? null;
  return { link, source: source?.trim() || null, recorded, links };
}

// ------------------------------------------------------------------ links recorded from the pane

/** Longer than any SharePoint or OneDrive sharing link; a pasted document is not a link. */
export const MAX_PAPER_LINK = 2000;

/** What the pane's sign form gives: per indicator ref, the text typed in its "Working papers (link)" field. */
export type PaperLinkEntry = { ref: string; link: string };

export type PaperLinks = { ok: true; papers: LinkedPaper[] } | { ok: false; problem: string };

/**
 * The links a signer typed, as the signature records them. An empty field is skipped. Only a
 * web address (http or https: SharePoint, OneDrive, a document system) is taken: the pane
 * cannot read a file on the signer's disk, and an auditor cannot follow a path to it.
 */
export function paperLinks(entries: readonly PaperLinkEntry[]): PaperLinks {
  const papers: LinkedPaper[] = [];
  for (const { ref, link } of entries) {
    const text = link.trim();
    if (!text) continue;
    if (text.length > MAX_PAPER_LINK)
      return { ok: false, problem: `The working papers link for ${ref} is too long to be a link.` };
    let url: URL | null = null;
    try {
      url = new URL(text);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname)
      return {
        ok: false,
        problem: `The working papers link for ${ref} must be a web address starting https:// (a SharePoint or OneDrive link): the pane cannot read a file on this computer.`,
      };
    papers.push({ ref, link: url.href });
  }
  return { ok: true, papers };
}

/** A working paper a signature recorded, in one sentence (the command line's receipt of a signature). */
export function paperSentence(e: WorkingPaper): string {
  return isLinkedPaper(e)
    ? `Working papers for ${e.ref}: ${e.link} (link, not hashed).`
    : `Working papers for ${e.ref}: '${e.file}', SHA-256 ${e.sha256}.`;
}

/**
 * The indicators a signature from the pane records its working papers link for: per owner, the
 * ones the signature would cover (the preview's plan, by key); signed as a whole, every
 * indicator of the return. Each ref once.
 */
export function refsSigned(
  checked: {
    result: { grids: readonly Grid[] };
    sheets: readonly SheetModel[];
    config?: Pick<OutturnConfig, 'owners'>;
  },
  eligible: readonly string[] | null,
): string[] {
  const { indicators } = ownershipFromGrids(checked.result.grids, checked.sheets, checked.config);
  const keys = eligible ? new Set(eligible) : null;
  const refs = indicators.filter((i) => !keys || keys.has(i.key)).map((i) => i.ref.trim());
  return [...new Set(refs.filter(Boolean))];
}

/** A link a signature recorded beside an indicator, for the pane to show. */
export interface RecordedLink {
  ref: string;
  link: string;
  seq: number;
  name: string;
  at: string;
}

/** Every link the trail's signatures recorded, once per indicator and link (the latest signature that gave it), by ref. */
export function recordedLinks(records: readonly TrailRecord[]): RecordedLink[] {
  const latest = new Map<string, RecordedLink>();
  for (const r of records) {
    if (r.type !== 'sign') continue;
    for (const e of r.payload.evidence ?? [])
      if (isLinkedPaper(e))
        latest.set(`${e.ref.trim().toUpperCase()}\u0000${e.link}`, {
          ref: e.ref,
          link: e.link,
          seq: r.seq,
          name: r.actor?.name ?? 'unknown',
          at: r.at,
        });
  }
  return [...latest.values()].sort((a, b) => a.ref.localeCompare(b.ref, 'en-GB', { numeric: true }) || a.seq - b.seq);
}

/** An indicator working papers can be named for: by its ref, its description, or its sheet and row. */
export interface EvidenceTarget {
  sheet: string;
  /** 0-based sheet row. */
  row: number;
  /** The ref the signature records ('row 7' where the grid has no ref column). */
  ref: string;
  description: string;
}

/** The sheet and row as a user names them: 'KPIs'!5, with the sheet quoted as Excel quotes it. */
function placeOf(t: EvidenceTarget): string {
  return `'${t.sheet.replace(/'/g, "''")}'!${t.row + 1}`;
}

function named(t: EvidenceTarget): string {
  return t.description ? `'${t.description}' (${placeOf(t)})` : placeOf(t);
}

const SHEET_ROW = /^(?:'((?:[^']|'')+)'|([^'!]+))!\s*(\d+)$/;

/** Words that say nothing of which indicator is meant. */
const LINKING = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'to', 'for', 'per', 'by', 'with', 'within', 'at']);

/** Words of a description as compared: lower case, letters and digits only, linking words left out. */
function words(text: string): Set<string> {
  return new Set(
    normaliseHeader(text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w && !LINKING.has(w)),
  );
}

/** The indicators nearest a key that matched none: most words in common with its description or ref first. */
function nearest(key: string, targets: readonly EvidenceTarget[]): EvidenceTarget[] {
  const want = words(key);
  return targets
    .map((t) => {
      const have = words(`${t.ref} ${t.description}`);
      let common = 0;
      for (const w of want) if (have.has(w)) common++;
      return { t, score: common / Math.max(want.size, 1) };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((x) => x.t);
}

/**
 * The indicator each working paper is named for, by its ref, else (for a grid without refs)
 * by its description (case and spacing aside, as returns are compared) or its sheet and row
 * ('KPIs'!5); each paper comes back under the ref the signature records. A key that names
 * no indicator, or several, is refused in one sentence naming the nearest.
 */
export function resolveEvidenceKeys(
  evidence: readonly WorkingPaper[],
  targets: readonly EvidenceTarget[],
): WorkingPaper[] {
  return evidence.map((e) => {
    const key = e.ref.trim();
    const paper = isLinkedPaper(e) ? e.link : e.file;
    const at = SHEET_ROW.exec(key);
    if (at) {
      const sheet = (at[1] ?? at[2]).replace(/''/g, "'").trim().toLowerCase();
      const row = Number(at[3]) - 1;
      const found = targets.find((t) => t.sheet.toLowerCase() === sheet && t.row === row);
      if (found) return { ...e, ref: found.ref };
      const onSheet = targets.filter((t) => t.sheet.toLowerCase() === sheet);
      const near = [...onSheet].sort((a, b) => Math.abs(a.row - row) - Math.abs(b.row - row)).slice(0, 3);
      throw new AppError(
        'unknown-evidence-ref',
        onSheet.length
          ? `No indicator is on row ${row + 1} of '${onSheet[0].sheet}', so the working papers '${paper}' cannot be recorded: the nearest are ${near.map(named).join(', ')}.`
          : `The return has no indicator on a sheet called '${at[1] ?? at[2]}', so the working papers '${paper}' cannot be recorded: the sheets with indicators are ${[...new Set(targets.map((t) => `'${t.sheet}'`))].join(', ')}.`,
      );
    }
    const upper = key.toUpperCase();
    const byRef = targets.find((t) => t.ref.trim().toUpperCase() === upper);
    if (byRef) return { ...e, ref: byRef.ref };
    const wanted = normaliseHeader(key);
    const byDescription = targets.filter((t) => t.description && normaliseHeader(t.description) === wanted);
    if (byDescription.length && byDescription.every((t) => t.ref === byDescription[0].ref))
      return { ...e, ref: byDescription[0].ref };
    if (byDescription.length)
      throw new AppError(
        'unknown-evidence-ref',
        `'${key}' describes ${byDescription.length} indicators, ${byDescription.map(placeOf).join(' and ')}, so the working papers '${paper}' cannot be recorded against one: name it by its sheet and row instead, e.g. ${placeOf(byDescription[0])}=${paper}.`,
      );
    const near = nearest(key, targets);
    throw new AppError(
      'unknown-evidence-ref',
      `The return holds no indicator '${key}', so the working papers '${paper}' cannot be recorded: give the indicator's ref, its description as the grid shows it, or its sheet and row (e.g. ${placeOf(targets[0] ?? { sheet: 'Sheet1', row: 4, ref: '', description: '' })}=${paper})${
        near.length
          ? `; the nearest are ${near.map((t) => (t.ref.startsWith('row ') ? named(t) : `${t.ref} ${named(t)}`)).join(', ')}`
          : ''
      }.`,
    );
  });
}
