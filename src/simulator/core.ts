import { ErrorCodes, SimOfficeError, notLoaded } from './errors';
import type { SimWorkbook } from './state';
import type { Area } from '../engine/model/areas';

/**
 * The proxy machinery shared by every simulated Office.js object: queued actions,
 * load/sync, PropertyNotLoaded, null objects, payload accounting. It mirrors how
 * Office.js behaves: nothing is read or written until `context.sync()`, and a property
 * can only be read after it was loaded and a sync completed.
 */

export interface SimStats {
  syncs: number;
  /** Approximate JSON size of every request (queued actions) and response (loaded values). */
  requestBytes: number;
  responseBytes: number;
  /** Largest single request and response seen: what the 5 MB limit applies to. */
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Calls of application.suspendScreenUpdatingUntilNextSync(). */
  screenUpdatingSuspended: number;
}

export function emptyStats(): SimStats {
  return {
    syncs: 0,
    requestBytes: 0,
    responseBytes: 0,
    maxRequestBytes: 0,
    maxResponseBytes: 0,
    screenUpdatingSuspended: 0,
  };
}

export interface SimLimits {
  /** Excel on the web refuses a request or a response above 5 MB. */
  maxPayloadBytes: number;
  /** And a read of more than 5 million cells. */
  maxCells: number;
}

export interface ChangeRecord {
  sheetId: string;
  sheetName: string;
  area: Area;
  /** 'Local' edits by a person; 'ThisLocalAddin' writes made through the API. */
  triggerSource: 'Unknown' | 'ThisLocalAddin';
  /** 'Remote' when a co-author's change reached this client (src/simulator/coauthor.ts); default 'Local'. */
  source?: 'Local' | 'Remote';
}

export interface EventRegistration {
  kind: 'worksheetChanged' | 'worksheetsChanged' | 'selectionChanged';
  /** Sheet id for worksheet-level events. */
  sheetId?: string;
  handler: (args: unknown) => unknown;
}

/** What every context of one simulator shares. */
export interface SimEnv {
  wb: SimWorkbook;
  stats: SimStats;
  limits: SimLimits;
  /** Highest ExcelApi 1.x minor version this "host" supports (9 for ExcelApi 1.9). */
  apiMinor: number;
  /** When true every sync fails as Excel does while a cell is being edited. */
  cellEditMode: boolean;
  registrations: EventRegistration[];
  dispatch(changes: ChangeRecord[]): void;
  /** Called after every sync, once its actions ran (the co-authoring simulator sends them on from here). */
  afterSync?: () => void;
}

type LoadPaths = string[] | null; // null: every scalar property

interface Action {
  bytes: number;
  describe: string;
  run(): LoadResponse | void;
}

interface LoadResponse {
  payload: unknown;
  commit(): void;
}

export interface ScalarSpec<T> {
  get(t: T, o: SimObject<T>): unknown;
  set?(t: T, v: unknown, o: SimObject<T>): void;
  /** ExcelApi minor version the property needs. */
  since?: number;
  /** Not loaded by a bare load() (expensive or navigation-like, e.g. values on huge ranges are still loaded). */
  noDefault?: boolean;
}

export interface Spec<T> {
  name: string;
  scalars: Record<string, ScalarSpec<T>>;
  navs?: Record<string, (o: SimObject<T>) => SimObject<unknown>>;
}

function normalisePaths(opt: unknown): LoadPaths {
  if (opt === undefined || opt === null) return null;
  if (typeof opt === 'string') {
    const parts = opt
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return parts.length ? parts : null;
  }
  if (Array.isArray(opt)) return opt.flatMap((p) => normalisePaths(p) ?? []);
  if (typeof opt === 'object' && 'select' in (opt as object))
    return normalisePaths((opt as { select?: unknown }).select);
  return null;
}

export class SimContext {
  readonly _env: SimEnv;
  _queue: Action[] = [];
  _closed = false;
  _boundThisSync: SimObject<unknown>[] = [];
  _changes: ChangeRecord[] = [];
  /** Set by the workbook module (avoids a circular import). */
  workbook!: unknown;
  application!: unknown;
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  readonly runtime = { load: () => undefined, enableEvents: true };

  constructor(env: SimEnv) {
    this._env = env;
  }

  _enqueue(describe: string, args: unknown, run: () => LoadResponse | void): void {
    if (this._closed) {
      throw new SimOfficeError(
        ErrorCodes.invalidObjectPath,
        `The object path '${describe}' isn't working for what you're trying to do. The request context it belongs to has finished (Excel.run returned).`,
      );
    }
    const bytes = JSON.stringify({ d: describe, a: args ?? null }).length;
    this._queue.push({ bytes, describe, run });
  }

  /** Queue a call that needs ExcelApi 1.<minor>; on an older host it fails at sync like Office (ApiNotFound). */
  _need(minor: number, what: string): void {
    if (this._env.apiMinor < minor) {
      this._enqueue(what, null, () => {
        throw new SimOfficeError(
          ErrorCodes.apiNotFound,
          `The API you are trying to use could not be found. ${what} needs ExcelApi 1.${minor}.`,
          what,
        );
      });
    }
  }

  async sync(): Promise<void> {
    const env = this._env;
    const actions = this._queue;
    this._queue = [];
    this._boundThisSync = [];
    this._changes = [];
    env.stats.syncs += 1;
    // Let the caller's code run on before the "round trip" returns, as a real sync does.
    await Promise.resolve();
    if (env.cellEditMode && actions.length) {
      throw new SimOfficeError(
        ErrorCodes.invalidOperationInCellEditMode,
        'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
      );
    }
    const requestBytes = actions.reduce((n, a) => n + a.bytes, 2);
    env.stats.requestBytes += requestBytes;
    env.stats.maxRequestBytes = Math.max(env.stats.maxRequestBytes, requestBytes);
    if (requestBytes > env.limits.maxPayloadBytes) {
      throw new SimOfficeError(
        ErrorCodes.requestPayloadSizeLimitExceeded,
        'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
      );
    }
    const responses: LoadResponse[] = [];
    try {
      for (const a of actions) {
        const r = a.run();
        if (r) responses.push(r);
      }
    } finally {
      // Whatever ran is applied (Office batches are not transactions): its change events fire.
      if (this._changes.length) env.dispatch(this._changes);
      for (const o of this._boundThisSync) o._syncedBound = true;
      env.afterSync?.();
    }
    const responseBytes = JSON.stringify(responses.map((r) => r.payload)).length;
    env.stats.responseBytes += responseBytes;
    env.stats.maxResponseBytes = Math.max(env.stats.maxResponseBytes, responseBytes);
    if (responseBytes > env.limits.maxPayloadBytes) {
      throw new SimOfficeError(
        ErrorCodes.responsePayloadSizeLimitExceeded,
        'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
      );
    }
    for (const r of responses) r.commit();
  }
}

/** A value only readable after the sync that computes it (getCount(), etc.). */
export class SimClientResult<V> {
  private _v: V | undefined;
  private _done = false;
  constructor(ctx: SimContext, describe: string, compute: () => V) {
    ctx._enqueue(describe, null, () => {
      const v = compute();
      return {
        payload: v,
        commit: () => {
          this._v = v;
          this._done = true;
        },
      };
    });
  }
  get value(): V {
    if (!this._done) throw notLoaded('value', 'ClientResult');
    return this._v as V;
  }
}

export class SimObject<T> {
  readonly _ctx: SimContext;
  readonly _spec: Spec<T>;
  readonly _path: string;
  private _binder: () => T | null;
  private _bound = false;
  _t: T | null = null;
  _syncedBound = false;
  /**
   * Re-resolved at every action instead of once: for proxies Office.js addresses by
   * position (a conditional format's id is its priority), so that an earlier delete in
   * the same batch shifts what they point at, as in Excel.
   */
  _volatile = false;
  _loaded = new Map<string, unknown>();
  private _navs = new Map<string, SimObject<unknown>>();

  constructor(ctx: SimContext, spec: Spec<T>, path: string, binder: () => T | null) {
    this._ctx = ctx;
    this._spec = spec;
    this._path = path;
    this._binder = binder;
  }

  get context(): SimContext {
    return this._ctx;
  }

  /** Resolve the proxy against the workbook (at sync time). Null for a null object. */
  _resolve(): T | null {
    if (this._volatile) {
      this._t = this._binder();
      this._ctx._boundThisSync.push(this as SimObject<unknown>);
      return this._t;
    }
    if (!this._bound) {
      this._t = this._binder();
      this._bound = true;
      this._ctx._boundThisSync.push(this as SimObject<unknown>);
    }
    return this._t;
  }

  /** Bind directly (collection items, created objects). */
  _bindTo(t: T): this {
    this._t = t;
    this._bound = true;
    this._syncedBound = true;
    return this;
  }

  _target(): T {
    const t = this._resolve();
    if (t === null)
      throw new SimOfficeError(
        ErrorCodes.itemNotFound,
        `The requested resource doesn't exist (${this._path} is a null object).`,
        this._path,
      );
    return t;
  }

  /** Queue a method call whose returned proxy is resolved when the call reaches Excel. */
  _child<C extends { _resolve(): unknown }>(make: (ctx: SimContext) => C, describe: string, args?: unknown): C {
    const child = make(this._ctx);
    this._ctx._enqueue(describe, args, () => {
      child._resolve();
    });
    return child;
  }

  /** Queue a side effect on the target. */
  _do(describe: string, args: unknown, fn: (t: T) => void): void {
    this._ctx._enqueue(`${this._path}.${describe}`, args, () => fn(this._target()));
  }

  _nav<C extends SimObject<unknown>>(name: string): C {
    let c = this._navs.get(name);
    if (!c) {
      const make = this._spec.navs?.[name];
      if (!make) throw new Error(`${this._spec.name} has no '${name}'`);
      c = make(this as SimObject<T>);
      // A child of a positional proxy follows its parent's position too.
      if (this._volatile) c._volatile = true;
      this._navs.set(name, c);
    }
    return c as C;
  }

  _read(name: string): unknown {
    if (!this._loaded.has(name)) throw notLoaded(name, this._spec.name);
    return this._loaded.get(name);
  }

  _write(name: string, v: unknown): void {
    const s = this._spec.scalars[name];
    if (!s || !s.set)
      throw new SimOfficeError(
        ErrorCodes.invalidArgument,
        `The property '${name}' of ${this._spec.name} is read-only.`,
      );
    this._ctx._enqueue(`${this._path}.${name}=`, v, () => {
      const t = this._target();
      if (s.since && this._ctx._env.apiMinor < s.since) {
        throw new SimOfficeError(ErrorCodes.apiNotFound, `${this._spec.name}.${name} needs ExcelApi 1.${s.since}.`);
      }
      s.set!(t, v, this);
    });
  }

  get isNullObject(): boolean {
    if (!this._syncedBound) throw notLoaded('isNullObject', this._spec.name);
    return this._t === null;
  }

  load(option?: unknown): this {
    const paths = normalisePaths(option);
    this._ctx._enqueue(`${this._path}.load`, paths, () => applyLoad(this as SimObject<unknown>, paths));
    return this;
  }

  set(props: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(props)) {
      if (this._spec.navs?.[k] && v && typeof v === 'object')
        this._nav<SimObject<unknown>>(k).set(v as Record<string, unknown>);
      else this._write(k, v);
    }
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }

  track(): this {
    return this;
  }
  untrack(): this {
    return this;
  }
}

/** Group load paths by their first segment: 'custom/rule/formula' -> custom: ['rule/formula']. */
function groupPaths(paths: string[]): Map<string, string[] | null> {
  const g = new Map<string, string[] | null>();
  for (const p of paths) {
    const [head, ...rest] = p.split('/');
    const sub = rest.join('/');
    if (!sub) g.set(head, null);
    else {
      const cur = g.get(head);
      if (cur === null) continue; // already loading everything
      g.set(head, [...(cur ?? []), sub]);
    }
  }
  return g;
}

export function applyLoad(obj: SimObject<unknown>, paths: LoadPaths): LoadResponse {
  const t = obj._resolve();
  if (t === null) return { payload: null, commit: () => undefined };
  if (obj instanceof SimCollection) return obj._loadItems(paths);
  const spec = obj._spec;
  const env = obj._ctx._env;
  const values: [string, unknown][] = [];
  const children: LoadResponse[] = [];
  const payload: Record<string, unknown> = {};
  const groups = paths
    ? groupPaths(paths)
    : new Map(
        Object.entries(spec.scalars)
          .filter(([, s]) => !s.noDefault)
          .map(([k]) => [k, null] as [string, null]),
      );
  for (const [name, sub] of groups) {
    const s = spec.scalars[name];
    if (s) {
      if (s.since && env.apiMinor < s.since)
        throw new SimOfficeError(ErrorCodes.apiNotFound, `${spec.name}.${name} needs ExcelApi 1.${s.since}.`);
      const v = s.get(t, obj);
      values.push([name, v]);
      payload[name] = v;
    } else if (spec.navs?.[name]) {
      const child = obj._nav<SimObject<unknown>>(name);
      const r = applyLoad(child, sub);
      children.push(r);
      payload[name] = r.payload;
    } else {
      throw new SimOfficeError(
        ErrorCodes.invalidArgument,
        `The property '${name}' does not exist on ${spec.name}.`,
        `${obj._path}.load`,
      );
    }
  }
  return {
    payload,
    commit: () => {
      for (const [k, v] of values) obj._loaded.set(k, v);
      for (const c of children) c.commit();
    },
  };
}

/** A collection proxy: `items` is readable only after load + sync. */
export class SimCollection<T, I> extends SimObject<T> {
  private _items: SimObject<I>[] | null = null;
  constructor(
    ctx: SimContext,
    spec: Spec<T>,
    path: string,
    binder: () => T | null,
    private readonly _list: (t: T) => I[],
    readonly _makeItem: (ctx: SimContext, item: I, path: string, index: number) => SimObject<I>,
  ) {
    super(ctx, spec, path, binder);
  }

  get items(): SimObject<I>[] {
    if (!this._items) throw notLoaded('items', this._spec.name);
    return this._items;
  }

  _loadItems(paths: LoadPaths): LoadResponse {
    const t = this._target();
    let itemPaths: LoadPaths = null;
    if (paths) {
      const p = paths
        .map((x) => (x === 'items' ? '' : x.startsWith('items/') ? x.slice(6) : x))
        .filter((x) => x !== '$all');
      itemPaths = p.some((x) => x === '') ? null : p;
      if (itemPaths && !itemPaths.length) itemPaths = null;
    }
    const items = this._list(t).map((it, i) => this._makeItem(this._ctx, it, `${this._path}[${i}]`, i)._bindTo(it));
    const rs = items.map((it) => applyLoad(it as SimObject<unknown>, itemPaths));
    return {
      payload: { items: rs.map((r) => r.payload) },
      commit: () => {
        for (const r of rs) r.commit();
        this._items = items;
      },
    };
  }

  getCount(): SimClientResult<number> {
    return new SimClientResult(this._ctx, `${this._path}.getCount`, () => this._list(this._target()).length);
  }
}

/** Define getters/setters for a spec's scalars and navs on a proxy class. */
export function defineAccessors<T>(cls: { prototype: object }, spec: Spec<T>): void {
  for (const name of Object.keys(spec.scalars)) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get(this: SimObject<T>) {
        return this._read(name);
      },
      set(this: SimObject<T>, v: unknown) {
        this._write(name, v);
      },
    });
  }
  for (const name of Object.keys(spec.navs ?? {})) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get(this: SimObject<T>) {
        return this._nav(name);
      },
    });
  }
}
