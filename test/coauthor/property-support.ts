/**
 * One seeded co-authoring run: 3–20 clients, each a pane with its own replica of the Melton
 * return (signed as a whole), signing, withdrawing and checking at random moments while their
 * writes travel with random delays. What each client was told is kept, to compare with the trail.
 */
import ExcelJS from 'exceljs';
import { createCoauthoring, type Coauthoring } from '../../src/simulator/coauthor';
import { OfficeTrailStore } from '../../src/excel/trail-office';
import { checkWorkbook } from '../../src/engine';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import type { SheetModel } from '../../src/engine/model/sheet';
import { figuresOf, signRecorded, withdrawRecorded, type CheckedReturn, type Settle } from '../../src/app';
import { appendWithRetry, TrailConflictError, verifyTrail, type Verification } from '../../src/signoff/trail';
import { checkDraft } from '../../src/signoff/rules';
import { SIGN_ROLES } from '../../src/signoff/roles';
import type { WorkbookInput } from '../../src/simulator';
import { MELTON_AS_OF, MELTON_SHEET, meltonClean, sheetsOf } from '../fixtures';
import { seededRandom, VirtualDriver } from './driver';

/** The Melton return without its owner columns: signed as a whole. */
export function meltonUnowned(): ExcelJS.Workbook {
  const wb = meltonClean();
  wb.getWorksheet(MELTON_SHEET)!.spliceColumns(22, 3);
  return wb;
}

/** The return as checked, once for all runs (the checks and signatures are of the same figures). */
export async function checkedMelton(): Promise<{ checked: CheckedReturn; input: WorkbookInput }> {
  const wb = meltonUnowned();
  const sheets: SheetModel[] = await sheetsOf(wb);
  const result = checkWorkbook(sheets, DEFAULT_CONFIG, { today: MELTON_AS_OF });
  return {
    checked: { result, sheets, config: DEFAULT_CONFIG, findings: result.findings, source: 'add-in' },
    // Each client's replica holds the trail; the figures signed are the checked Melton return's. A
    // replica of the whole return would only make every sync slower (the simulator diffs the workbook).
    input: { sheets: [{ name: MELTON_SHEET, cells: [['Ref', 'Apr']] }] },
  };
}

/** Longest a message takes on one hop (client → server, server → client), virtual ms. */
export const MAX_HOP_MS = 20;
const START = Date.parse('2017-08-21T09:00:00.000Z');

export type Tamper = 'delete' | 'alter' | 'reorder';

export interface RunResult {
  seed: number;
  clients: number;
  /** Hashes of the signatures a pane reported as made. */
  reported: string[];
  /** Withdrawals a pane reported as made. */
  withdrawn: string[];
  /** Each client's verification of the trail once everything has arrived. */
  verifications: Verification[];
  /** Whether a signature made after the run went in. */
  signsAfter: boolean;
  tampered: Tamper | null;
  steps: number;
  codes: string[];
}

interface Client {
  store: OfficeTrailStore;
  name: string;
}

export async function coauthoringRun(
  seed: number,
  checked: CheckedReturn,
  input: WorkbookInput,
  tamper: Tamper | null = null,
): Promise<RunResult> {
  const rng = seededRandom(seed);
  const n = 3 + Math.floor(rng() * 18);
  const co: Coauthoring = createCoauthoring(input, {
    clients: n,
    delay: () => 1 + Math.floor(rng() * MAX_HOP_MS),
    awaitHandlers: false,
  });
  const driver = new VirtualDriver(co);
  // One change's trip between two clients: up to the server and down again.
  const latencyMs = 2 * MAX_HOP_MS;
  const clients: Client[] = co.clients.map((_, i) => ({
    store: new OfficeTrailStore({ run: co.run(i), spread: 24, random: rng, latencyMs, now: co.now }),
    name: `Officer ${String.fromCharCode(65 + i)}`,
  }));
  const settle =
    (c: Client): Settle =>
    () =>
      driver.sleep(c.store.confirmAfterMs);
  const clock = { now: () => new Date(START + co.now()) };
  const figures = figuresOf(checked);
  const reported: string[] = [];
  const withdrawn: string[] = [];
  const codes: string[] = [];

  async function act(c: Client): Promise<void> {
    const ops = rng() < 0.3 ? 2 : 1;
    for (let k = 0; k < ops; k++) {
      await driver.sleep(Math.floor(rng() * 400));
      const pick = rng();
      const role = SIGN_ROLES[Math.floor(rng() * SIGN_ROLES.length)];
      const identity = { name: c.name, source: 'typed' as const };
      try {
        if (pick < 0.45) {
          const out = await signRecorded(
            { role, signer: { identity }, statementConfirmed: true },
            { trail: c.store, checked: () => checked, clock, settle: settle(c) },
          );
          if (out.signed) reported.push(out.signature.hash);
          else codes.push(...out.refusals.map((r) => r.code));
        } else if (pick < 0.8) {
          await appendWithRetry(c.store, () => ({
            drafts: [checkDraft(figures, identity, clock.now().toISOString())],
          }));
        } else {
          const out = await withdrawRecorded(
            { role, identity, reason: 'figures under review' },
            { trail: c.store, clock, settle: settle(c) },
          );
          if (out.withdrawn) withdrawn.push(out.record.hash);
          else codes.push(...out.refusals.map((r) => r.code));
        }
      } catch (e) {
        // Kept writing into a co-author's appends every attempt: told so plainly, nothing reported as made.
        if (!(e instanceof TrailConflictError)) throw e;
        codes.push('trail-conflict');
      }
    }
  }

  const work: Promise<unknown>[] = clients.map(act);
  let tampered: Tamper | null = null;
  if (tamper)
    work.push(
      driver
        .sleep(700 + Math.floor(rng() * 300))
        .then(() => tamperWith(co, rng, tamper))
        .then((t) => (tampered = t)),
    );
  await driver.run(Promise.all(work));
  await co.settle();

  // Every replica holds the same trail once everything has arrived; each client's verification is then one.
  const trailOf = (i: number) =>
    JSON.stringify([
      co.clients[i].workbook.sheets.find((s) => s.name === 'OutturnTrail')?.rows ?? null,
      co.clients[i].workbook.names.find((x) => x.name === 'OutturnTrailHead') ?? null,
    ]);
  const first = trailOf(0);
  const differing = clients.findIndex((_, i) => trailOf(i) !== first);
  if (differing >= 0) throw new Error(`seed ${seed}: client ${differing}'s trail differs from client 0's once settled`);
  const t0 = await clients[0].store.load();
  const verifications: Verification[] = clients.map(() => verifyTrail(t0.entries, t0.head));
  if (process.env.DUMP) {
    const t = await clients[0].store.load();
    const short = (h: unknown) => String(h).slice(0, 6);
    console.log('head', t.head?.seq, short(t.head?.hash));
    t.entries.forEach((e, i) => {
      if (e.gap) return;
      const r = e.raw as Record<string, unknown>;
      console.log(
        i + 1,
        e.problem ?? '',
        r?.seq,
        r?.type,
        short(r?.hash),
        'prev',
        short(r?.prev),
        'also',
        ((r?.also as string[]) ?? []).map(short).join(' '),
      );
    });
  }
  // After the run: someone new signs (a check first), once everything has settled.
  await driver.run(driver.sleep(8 * latencyMs));
  const last = clients[0];
  await last.store.load();
  await driver.run(driver.sleep(8 * latencyMs));
  const after = await driver.run(
    signRecorded(
      { role: 'compiler', signer: { identity: { name: 'Zoe Latecomer', source: 'typed' } }, statementConfirmed: true },
      { trail: last.store, checked: () => checked, clock, settle: settle(last) },
    ),
  );
  const signsAfter =
    after.signed ||
    // The rules may refuse for their own reasons (a compiler already signed); never because the trail is broken.
    (!after.refusals.some((r) => r.code === 'trail-broken' || r.code === 'not-recorded') && verifications[0].ok);
  return {
    seed,
    clients: n,
    reported,
    withdrawn,
    verifications,
    signsAfter,
    tampered,
    steps: driver.steps,
    codes,
  };
}

/**
 * A person edits the trail sheet on one client in the middle of the run: a record that a later
 * record links to is cleared, has a word of its JSON changed, or swaps rows with the record
 * it was made after. Returns what was done, or null when the trail had no such record yet.
 */
async function tamperWith(co: Coauthoring, rng: () => number, kind: Tamper): Promise<Tamper | null> {
  const who = Math.floor(rng() * co.clients.length);
  const ws = co.clients[who].workbook.sheets.find((s) => s.name === 'OutturnTrail');
  if (!ws) return null;
  const old = START + co.now() - 4 * 2 * MAX_HOP_MS;
  const rows = ws.rows
    .map((r, i) => ({
      i,
      hash: String(r?.[4]?.value ?? ''),
      prev: String(r?.[5]?.value ?? ''),
      actor: String(r?.[3]?.value ?? ''),
      at: Date.parse(String(r?.[1]?.value ?? '')),
      json: r?.[6],
      also: ((): string[] => {
        try {
          return (JSON.parse(String(r?.[6]?.value ?? '{}')) as { also?: string[] }).also ?? [];
        } catch {
          return [];
        }
      })(),
    }))
    .filter((r) => r.i > 0 && r.json);
  // A record a co-author built on long enough ago that no write still on its way can take it (or its
  // successor) back: what a person tampers with is then in the trail for good.
  const settledChild = (r: (typeof rows)[number]) =>
    rows.find((o) => (o.prev === r.hash || o.also.includes(r.hash)) && o.actor !== r.actor && o.at <= old);
  const linkedTo = rows.filter((r) => r.at <= old && settledChild(r));
  if (!linkedTo.length) return null;
  const target = linkedTo[Math.floor(rng() * linkedTo.length)];
  await co.run(who)(async (context) => {
    const sheet = context.workbook.worksheets.getItem('OutturnTrail');
    const range = sheet.getRangeByIndexes(target.i, 0, 1, 9);
    range.load('values');
    await context.sync();
    const values = range.values.map((r) => [...r]);
    if (kind === 'delete') {
      range.values = [values[0].map(() => '')];
    } else if (kind === 'alter') {
      values[0][6] = String(values[0][6]).replace('"at":"2017', '"at":"2016');
      range.values = values;
    } else {
      const child = settledChild(target)!;
      const other = sheet.getRangeByIndexes(child.i, 0, 1, 9);
      other.load('values');
      await context.sync();
      const theirs = other.values.map((r) => [...r]);
      other.values = values;
      range.values = theirs;
    }
    await context.sync();
  });
  return kind;
}
