/**
 * The pane's side of the audit trail: one OfficeTrailStore (all Office calls go through
 * src/excel/trail-office.ts and src/excel/identity.ts), who is signing, and the
 * check snapshot as the sign-off rules need it.
 */
import { OfficeTrailStore, openWorkbookTrailOptions } from '../../excel/trail-office';
import type { Settle } from '../../app/recorded';
import { accountIdentity, officeAccount, nameFromUpn, rememberedName, type OfficeAccount } from '../../excel/identity';
import type { TrailStore } from '../../signoff/trail';
import type { Identity } from '../../signoff/roles';
import { nameFitsAccount } from '../../engine/names';
import { figuresFromCheck } from '../../signoff/summary';
import type { CheckedFigures } from '../../signoff/rules';
import type { CheckSnapshot } from './contract';

let store: TrailStore | null = null;
let settle: Settle | undefined;

/**
 * The trail store the pane uses (tests may put their own in). A workbook on OneDrive or
 * SharePoint, which co-authors can have open, gets spread-out rows built on settled records.
 */
export function trailStore(): TrailStore {
  if (!store) store = new OfficeTrailStore(openWorkbookTrailOptions());
  return store;
}

/** Put in a store, and how to wait for a write to settle (tests drive a virtual clock); null: the default. */
export function setTrailStore(s: TrailStore | null, settleWith?: Settle): void {
  store = s;
  settle = settleWith;
}

/**
 * How the pane waits before re-reading what it wrote: as long as the store says a co-author's
 * write can take to arrive; null when the workbook is not shared (nothing can overwrite it).
 */
export function writeSettle(): Settle {
  if (settle !== undefined) return settle;
  const s = trailStore();
  const ms = s instanceof OfficeTrailStore ? s.confirmAfterMs : 0;
  return ms > 0 ? () => new Promise<void>((resolve) => setTimeout(resolve, ms)) : null;
}

let account: Promise<OfficeAccount | null> | null = null;

/** The signed-in Office account, asked once per pane session. */
export function signedInAccount(): Promise<OfficeAccount | null> {
  if (!account) account = officeAccount();
  return account;
}

/** Ask Office again who is signed in (a new pane session: the workbench's account switcher). */
export function forgetSignedInAccount(): void {
  account = null;
}

/**
 * The name to pre-fill: what this person typed last time here, else one made from their
 * account. A remembered name that does not fit the account signed in now was someone
 * else's on this device, so the account's name is used instead.
 */
export function defaultName(acc: OfficeAccount | null): string {
  // A name verified by Entra ID is the person's own: nothing typed earlier overrides it.
  if (acc?.source === 'entra-id' && acc.name) return acc.name;
  const remembered = rememberedName();
  if (!acc) return remembered;
  return remembered && nameFitsAccount(remembered, acc.upn) ? remembered : nameFromUpn(acc.upn);
}

/** Who is acting: the Entra ID account, else the Office account, else the typed name, each marked as what it is. */
export function identityFor(name: string, acc: OfficeAccount | null): Identity {
  return accountIdentity(name, acc);
}

/** Who runs a check or changes settings: the remembered name or the account, or null when neither is known. */
export async function currentActor(): Promise<Identity | null> {
  const acc = await signedInAccount();
  const name = defaultName(acc);
  return name ? identityFor(name, acc) : null;
}

export function snapshotFigures(s: CheckSnapshot): CheckedFigures {
  return figuresFromCheck(s.result, s.sheets, s.config, 'add-in', s.findings);
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Tell the open tabs the trail changed (a check was recorded, someone signed). */
export function trailChanged(): void {
  for (const l of listeners) l();
}

export function onTrailChanged(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
