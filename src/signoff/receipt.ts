/**
 * The sign-off receipt: a small record, made when the last role signs, meant to travel
 * outside the workbook (with the submission e-mail, in the committee papers). The trail
 * inside the workbook can be recomputed by anyone holding the file (there is no key), so
 * on its own it cannot show that it was rewritten wholesale. A receipt kept elsewhere can:
 * `outturn audit FILE --receipt RECEIPT` proves the workbook is the one receipted (the same
 * records at the same places in the chain, the same figures) or names what differs.
 */
import type { Replay } from './replay';
import { z } from 'zod';
import { ROLE_TITLES, SIGN_ROLES, SignRole } from './roles';
import type { SignRecord, TrailRecord, Verification } from './trail';
import type { RoleState } from './state';

export const RECEIPT_VERSION = 'outturn-signoff-receipt/1';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const ReceiptSignature = z
  .object({
    role: SignRole,
    name: z.string(),
    /** 'typed' or 'office-account', as the trail recorded it. */
    identity: z.string(),
    upn: z.string().optional(),
    at: z.string(),
    /** The sign record's place in the chain and its hash. */
    seq: z.number().int().positive(),
    hash: Hex64,
    fingerprint: Hex64,
  })
  .strict();

export const Receipt = z
  .object({
    receipt: z.literal(RECEIPT_VERSION),
    /** The return's file name when it was receipted (a renamed copy is still the same return). */
    returnName: z.string(),
    issuedAt: z.string(),
    /** The chain head when the receipt was made: the last record's seq and hash. */
    chainHead: z.object({ seq: z.number().int().positive(), hash: Hex64 }).strict(),
    /** The fingerprint of the figures the last role signed. */
    fingerprint: Hex64,
    /** The sheets those figures are on. */
    sheets: z.array(z.string()),
    signatures: z.array(ReceiptSignature).min(1),
  })
  .strict();
export type Receipt = z.infer<typeof Receipt>;

/**
 * The receipt of a fully signed return, or null when some role has no current signature
 * (a receipt is only made once the last role has signed). `records` are the verified
 * trail's records, the new ones included.
 */
export function buildReceipt(input: {
  returnName: string;
  records: readonly TrailRecord[];
  states: readonly RoleState[];
  issuedAt: string;
}): Receipt | null {
  if (input.states.some((s) => s.status !== 'signed' || !s.signature)) return null;
  const signatures = SIGN_ROLES.map((role) =>
    receiptSignature(input.states.find((s) => s.role === role)!.signature as SignRecord),
  );
  const final = input.states[input.states.length - 1].signature as SignRecord;
  return receiptOf(input, { fingerprint: final.payload.fingerprint, sheets: final.payload.sheets }, signatures);
}

/** The receipt's frame: the chain head is the last record of `records`. */
function receiptOf(
  input: { returnName: string; records: readonly TrailRecord[]; issuedAt: string },
  figures: { fingerprint: string; sheets: readonly string[] },
  signatures: Receipt['signatures'],
): Receipt {
  const last = input.records[input.records.length - 1];
  return {
    receipt: RECEIPT_VERSION,
    returnName: input.returnName,
    issuedAt: input.issuedAt,
    chainHead: { seq: last.seq, hash: last.hash },
    fingerprint: figures.fingerprint,
    sheets: [...figures.sheets],
    signatures,
  };
}

/**
 * The receipt of a return signed per owner, once every indicator holds three current
 * signatures: `signatures` are the current sign records covering the return (one each,
 * in chain order); `figures` the whole grids' fingerprint and their sheets, which is what
 * `outturn audit --receipt` recomputes (a scoped signature's own fingerprint covers only
 * its indicators, so none of them alone stands for the return).
 */
export function buildOwnerReceipt(input: {
  returnName: string;
  records: readonly TrailRecord[];
  signatures: readonly SignRecord[];
  figures: { fingerprint: string; sheets: readonly string[] };
  issuedAt: string;
}): Receipt | null {
  if (!input.signatures.length || !input.records.length) return null;
  const bySeq = new Map(input.signatures.map((s) => [s.seq, s]));
  return receiptOf(input, input.figures, [...bySeq.values()].sort((a, b) => a.seq - b.seq).map(receiptSignature));
}

function receiptSignature(sig: SignRecord): Receipt['signatures'][number] {
  return {
    role: sig.payload.role,
    name: sig.actor?.name ?? '',
    identity: sig.actor?.source ?? 'unknown',
    ...(sig.actor?.upn ? { upn: sig.actor.upn } : {}),
    at: sig.at,
    seq: sig.seq,
    hash: sig.hash,
    fingerprint: sig.payload.fingerprint,
  };
}

/** The receipt as a person reads it (printed by `outturn sign`, pasted into an e-mail). */
export function formatReceipt(r: Receipt): string {
  const lines = [
    `Outturn sign-off receipt for '${r.returnName}'`,
    `Issued ${r.issuedAt}`,
    `Chain head: record ${r.chainHead.seq}, ${r.chainHead.hash}`,
    `Figures' fingerprint: ${r.fingerprint} (sheets: ${r.sheets.map((s) => `'${s}'`).join(', ')})`,
    'Signed:',
    ...r.signatures.map(
      (s) =>
        `  ${ROLE_TITLES[s.role]}: ${s.name}${s.identity === 'typed' ? ' (typed name)' : s.upn ? ` (${s.upn})` : ''} at ${s.at} (record ${s.seq}, ${s.hash.slice(0, 16)}…)`,
    ),
    'Keep this receipt apart from the workbook. `outturn audit WORKBOOK --receipt RECEIPT.json` shows whether a workbook is the one receipted.',
  ];
  return `${lines.join('\n')}\n`;
}

/** Read a receipt file's text: the receipt, or a sentence saying why it cannot be used. */
export function parseReceipt(text: string): { ok: true; receipt: Receipt } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not JSON (a receipt is the .receipt.json file `outturn sign` wrote)' };
  }
  const parsed = Receipt.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `it is not an Outturn sign-off receipt (${issue.path.join('.') || 'receipt'}: ${issue.message})`,
    };
  }
  return { ok: true, receipt: parsed.data };
}

export interface ReceiptComparison {
  /** True when the workbook is the one receipted: same chain up to the receipt's head, same signatures, same figures. */
  same: boolean;
  /** What differs, one sentence each (empty when the same). */
  differences: string[];
  /** What has happened since that does not make it a different workbook (records appended after the receipt). */
  notes: string[];
}

/**
 * Compare a workbook's verified trail and current figures with a receipt. `currentFingerprint`
 * is the fingerprint of the figures now on the receipt's sheets (null when they cannot be
 * found); `legacyFingerprint` the same as fingerprint version 1, for receipts of older signatures.
 */
export function compareWithReceipt(
  receipt: Receipt,
  verification: Verification,
  current: { fingerprint: string | null; legacyFingerprint?: string | null },
  replay?: Pick<Replay, 'findings'>,
): ReceiptComparison {
  const differences: string[] = [];
  const notes: string[] = [];
  // A record the rules would have refused (replay.ts) is never "just added": a recomputed chain can hold a forgery.
  for (const f of replay?.findings ?? []) differences.push(`${f.message.replace(/\.$/, '')}: it counts for nothing.`);
  const bySeq = new Map(verification.records.map((r) => [r.seq, r]));
  if (!verification.ok) differences.push(`The workbook's trail is broken: ${verification.reason}`);
  const head = bySeq.get(receipt.chainHead.seq);
  if (!head) {
    differences.push(
      `The trail has no record ${receipt.chainHead.seq}, the chain head receipted: records were removed or the trail replaced.`,
    );
  } else if (head.hash !== receipt.chainHead.hash) {
    differences.push(
      `Record ${receipt.chainHead.seq} is not the one receipted (hash ${head.hash.slice(0, 16)}…, receipted ${receipt.chainHead.hash.slice(0, 16)}…): the trail up to it was rewritten.`,
    );
  }
  for (const s of receipt.signatures) {
    const r = bySeq.get(s.seq);
    const title = ROLE_TITLES[s.role];
    if (!r || r.type !== 'sign')
      differences.push(
        `The ${title.toLowerCase()} signature receipted (record ${s.seq}, ${s.name}) is not in the trail.`,
      );
    else if (r.hash !== s.hash)
      differences.push(
        `The ${title.toLowerCase()} signature at record ${s.seq} is not the one receipted (receipted: ${s.name} at ${s.at}; now: ${r.actor?.name ?? 'unknown'} at ${r.at}).`,
      );
  }
  if (current.fingerprint === null)
    differences.push(
      `The receipted figures cannot be found: no grid on ${receipt.sheets.map((s) => `'${s}'`).join(', ')}.`,
    );
  else if (current.fingerprint !== receipt.fingerprint && current.legacyFingerprint !== receipt.fingerprint) {
    differences.push(
      `The figures differ from those receipted (fingerprint now ${current.fingerprint.slice(0, 16)}…, receipted ${receipt.fingerprint.slice(0, 16)}…).`,
    );
  }
  const n = verification.records.length;
  if (differences.length === 0 && n > receipt.chainHead.seq) {
    notes.push(
      `${n - receipt.chainHead.seq} record${n - receipt.chainHead.seq === 1 ? ' was' : 's were'} added to the trail after the receipt (records ${receipt.chainHead.seq + 1}–${n}).`,
    );
  }
  return { same: differences.length === 0, differences, notes };
}
