/**
 * Co-authoring: several clients with the same workbook open (Excel on the web or desktop,
 * AutoSave on, file on OneDrive or SharePoint), each a strict simulator with its own replica.
 *
 * What it models, and where Microsoft says so:
 * - Each client works on its own copy; a change reaches the others only after it synchronises,
 *   and values an add-in copied into JavaScript do not follow ("Coauthoring in Excel add-ins",
 *   https://learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins).
 *   Here a client's writes leave it after each sync and reach the server, then every other
 *   client, after delays the test chooses; nothing arrives until the test advances the clock.
 * - Hidden worksheets are synchronised like any other content, so state kept in them can be
 *   overwritten by a co-author (same page: add-ins that store state in hidden worksheets risk
 *   lost synchronisation). There are no transactions across clients.
 * - Two writes to the same cell: the one the server received last wins on every client.
 *   The page gives no merge rule for a cell written by two; last-writer-wins is the outcome
 *   it describes for a value changed by a co-author (every client ends up seeing 'Example').
 * - A co-author's change fires onChanged on the other clients with `source: Remote`
 *   (Excel.WorksheetChangedEventArgs.source, Excel.EventSource "Remote: the event comes from
 *   a remote user's session", https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs
 *   and https://learn.microsoft.com/javascript/api/excel/excel.eventsource).
 *
 * Simplifications: a sheet is known by its name (two clients adding a sheet of the same name
 * get one sheet, their cells merged cell by cell); only cell contents, sheet existence and
 * visibility, and defined names travel (not formats of conditional rules or validation).
 */
import { createSimulator, type Simulator, type SimulatorOptions } from './index';
import { newSheet, putCell, type SimCell, type SimName, type SimVisibility, type WorkbookInput } from './state';

/** One changed thing: a cell, a sheet (exists, visibility), or a defined name; null value: removed. */
type Key = string;
type Change = { key: Key; value: string | null };

/** Where a message goes: the server, or client i. */
export type Hop = { from: number | 'server'; to: number | 'server' };

export interface CoauthorOptions extends SimulatorOptions {
  /** How many clients (at least 2). */
  clients: number;
  /** Virtual milliseconds a message takes on a hop (default 10 each way). */
  delay?: (hop: Hop) => number;
  /**
   * Wait for onChanged handlers (dispatched on a real timer) after each advance (default true).
   * A driver that runs many clients without handlers turns it off: a real timer per step is slow.
   */
  awaitHandlers?: boolean;
}

export interface Coauthoring {
  clients: Simulator[];
  /** Virtual time now (ms). */
  now(): number;
  /** Messages not yet delivered. */
  inFlight(): number;
  /** Virtual time the next message is due (null when none is in flight): a driver advances to it. */
  nextAt(): number | null;
  /** Move the clock on by `ms`, delivering every message due by then, in time order. */
  advance(ms: number): Promise<void>;
  /** Deliver everything (until no message is in flight). */
  settle(): Promise<void>;
  /** Client i's Excel.run, for an adapter that takes one (OfficeTrailStore's `run`). */
  run(i: number): <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
}

interface Replica {
  sim: Simulator;
  /** What this client last sent or received, per key (JSON): a sync's changes are the differences. */
  baseline: Map<Key, string>;
  /** Server seq of the value each key holds here. */
  version: Map<Key, number>;
  /** Local writes per key not yet stamped by the server. */
  pending: Map<Key, number>;
  /** The latest remote value held back because a local write to the key was still pending. */
  heldBack: Map<Key, { seq: number; value: string | null }>;
}

type Message =
  | { kind: 'up'; at: number; order: number; from: number; changes: Change[] }
  | { kind: 'down'; at: number; order: number; to: number; from: number; seq: number; changes: Change[] };

/** Co-authoring needs the file on OneDrive or SharePoint: every client opens it from there. */
const SHARED_URL = 'https://contoso.sharepoint.com/sites/performance/Return.xlsx';

function cellKey(sheet: string, r: number, c: number): Key {
  return `c\u0000${sheet.toLowerCase()}\u0000${r}\u0000${c}`;
}

/** A cell's JSON, made once per cell object: the simulator replaces a cell it changes, never edits one in place. */
const cellTexts = new WeakMap<SimCell, string>();
function cellJson(cell: SimCell): string {
  let text = cellTexts.get(cell);
  if (text === undefined) {
    text = JSON.stringify(cell);
    cellTexts.set(cell, text);
  }
  return text;
}

/** A cell from its JSON, one object per text: every replica receiving a change shares it (cells are never edited in place). */
const cellsByText = new Map<string, SimCell>();
function cellFrom(text: string): SimCell {
  let cell = cellsByText.get(text);
  if (!cell) {
    if (cellsByText.size >= 50_000) cellsByText.clear();
    cell = JSON.parse(text) as SimCell;
    cellsByText.set(text, cell);
    cellTexts.set(cell, text);
  }
  return cell;
}

/** Every key of a replica's workbook with its value as JSON. */
function stateOf(sim: Simulator): Map<Key, string> {
  const out = new Map<Key, string>();
  for (const s of sim.workbook.sheets) {
    out.set(`s\u0000${s.name.toLowerCase()}`, JSON.stringify({ name: s.name, visibility: s.visibility }));
    s.rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (cell) out.set(cellKey(s.name, r, c), cellJson(cell));
      }),
    );
  }
  for (const n of sim.workbook.names) out.set(`n\u0000${n.name.toLowerCase()}`, JSON.stringify(n));
  return out;
}

function diff(before: Map<Key, string>, after: Map<Key, string>): Change[] {
  const changes: Change[] = [];
  for (const [k, v] of after) if (before.get(k) !== v) changes.push({ key: k, value: v });
  for (const k of before.keys()) if (!after.has(k)) changes.push({ key: k, value: null });
  // Sheets first, so a receiver has the sheet before its cells.
  return changes.sort((a, b) => Number(a.key[0] !== 's') - Number(b.key[0] !== 's'));
}

/** Put one change into a replica's workbook; returns the cell changed, for onChanged. */
function applyChange(sim: Simulator, change: Change): { sheet: string; r: number; c: number } | null {
  const wb = sim.workbook;
  const [kind, id, r, c] = change.key.split('\u0000');
  const findSheet = (lower: string) => wb.sheets.find((s) => s.name.toLowerCase() === lower);
  if (kind === 's') {
    const existing = findSheet(id);
    if (change.value === null) {
      if (existing) wb.sheets.splice(wb.sheets.indexOf(existing), 1);
      return null;
    }
    const meta = JSON.parse(change.value) as { name: string; visibility: SimVisibility };
    const sheet = existing ?? newSheet(meta.name);
    if (!existing) wb.sheets.push(sheet);
    sheet.visibility = meta.visibility;
    return null;
  }
  if (kind === 'n') {
    const i = wb.names.findIndex((n) => n.name.toLowerCase() === id);
    if (change.value === null) {
      if (i >= 0) wb.names.splice(i, 1);
    } else if (i >= 0) wb.names[i] = JSON.parse(change.value) as SimName;
    else wb.names.push(JSON.parse(change.value) as SimName);
    return null;
  }
  let sheet = findSheet(id);
  if (!sheet) {
    // The sheet itself was removed here later than this cell was written elsewhere: the cell brings it back.
    sheet = newSheet(id);
    wb.sheets.push(sheet);
  }
  putCell(sheet, Number(r), Number(c), change.value === null ? undefined : cellFrom(change.value));
  return { sheet: sheet.name, r: Number(r), c: Number(c) };
}

export function createCoauthoring(input: WorkbookInput, options: CoauthorOptions): Coauthoring {
  if (options.clients < 2) throw new Error('Co-authoring needs at least two clients.');
  const delay = options.delay ?? (() => 10);
  let now = 0;
  let order = 0;
  let serverSeq = 0;
  const queue: Message[] = [];
  const replicas: Replica[] = [];

  // Each link is ordered, as a network connection is: a message never overtakes one sent before it on the same link.
  const linkFree = new Map<string, number>();
  const send = (m: Message) => {
    const link = m.kind === 'up' ? `up${m.from}` : `down${m.to}`;
    m.at = Math.max(m.at, linkFree.get(link) ?? 0);
    linkFree.set(link, m.at);
    queue.push(m);
  };

  for (let i = 0; i < options.clients; i++) {
    const replica: Replica = {
      sim: null as unknown as Simulator,
      baseline: new Map(),
      version: new Map(),
      pending: new Map(),
      heldBack: new Map(),
    };
    replica.sim = createSimulator(input, {
      documentUrl: SHARED_URL,
      ...options,
      onSync: () => {
        const after = stateOf(replica.sim);
        const changes = diff(replica.baseline, after);
        replica.baseline = after;
        if (!changes.length) return;
        for (const ch of changes) replica.pending.set(ch.key, (replica.pending.get(ch.key) ?? 0) + 1);
        send({ kind: 'up', at: now + delay({ from: i, to: 'server' }), order: order++, from: i, changes });
      },
    });
    // createSimulator gives each replica its own copy of the workbook (sheets are matched by name, not id).
    replica.baseline = stateOf(replica.sim);
    replicas.push(replica);
  }

  function deliver(m: Message): void {
    if (m.kind === 'up') {
      // The server stamps changes in the order they reach it: that order decides last-writer-wins.
      const seq = ++serverSeq;
      for (let j = 0; j < replicas.length; j++) {
        send({
          kind: 'down',
          at: m.at + delay({ from: 'server', to: j }),
          order: order++,
          to: j,
          from: m.from,
          seq,
          changes: m.changes,
        });
      }
      return;
    }
    const r = replicas[m.to];
    const touched: { sheet: string; r: number; c: number }[] = [];
    const put = (change: Change) => {
      const cell = applyChange(r.sim, change);
      if (change.value === null) r.baseline.delete(change.key);
      else r.baseline.set(change.key, change.value);
      if (cell) touched.push(cell);
    };
    for (const ch of m.changes) {
      if (m.from === m.to) {
        // The server's acknowledgement of this client's own write: it now has its seq.
        const left = (r.pending.get(ch.key) ?? 1) - 1;
        if (left > 0) r.pending.set(ch.key, left);
        else r.pending.delete(ch.key);
        r.version.set(ch.key, Math.max(r.version.get(ch.key) ?? 0, m.seq));
        const held = r.heldBack.get(ch.key);
        if (left === 0 && held) {
          r.heldBack.delete(ch.key);
          if (held.seq > m.seq) {
            put({ key: ch.key, value: held.value });
            r.version.set(ch.key, held.seq);
          }
        }
        continue;
      }
      if ((r.version.get(ch.key) ?? 0) > m.seq) continue; // a later write already arrived
      if (r.pending.has(ch.key)) {
        // A local write to this key is on its way: whichever the server stamped last wins, known at the ack.
        const held = r.heldBack.get(ch.key);
        if (!held || held.seq < m.seq) r.heldBack.set(ch.key, { seq: m.seq, value: ch.value });
        continue;
      }
      put(ch);
      r.version.set(ch.key, m.seq);
    }
    for (const t of touched) {
      if (r.sim.workbook.sheets.some((s) => s.name === t.sheet)) {
        r.sim.remoteChanged(t.sheet, { top: t.r, left: t.c, bottom: t.r, right: t.c });
      }
    }
  }

  async function deliverDue(until: number): Promise<void> {
    for (;;) {
      queue.sort((a, b) => a.at - b.at || a.order - b.order);
      const m = queue[0];
      if (!m || m.at > until) break;
      queue.shift();
      now = Math.max(now, m.at);
      deliver(m);
      // Let add-in code waiting on a sync run between messages (microtasks: a timer per message is slow).
      for (let k = 0; k < 8; k++) await Promise.resolve();
    }
    now = Math.max(now, until);
    // onChanged handlers are dispatched on a timer: let them run before the caller goes on.
    if (options.awaitHandlers !== false) await new Promise((res) => setTimeout(res, 0));
  }

  return {
    clients: replicas.map((r) => r.sim),
    now: () => now,
    inFlight: () => queue.length,
    nextAt: () => (queue.length ? Math.min(...queue.map((m) => m.at)) : null),
    advance: (ms) => deliverDue(now + ms),
    async settle() {
      while (queue.length) await deliverDue(Math.max(...queue.map((m) => m.at)));
    },
    run: (i) => (batch) => replicas[i].sim.Excel.run(batch as never),
  };
}
