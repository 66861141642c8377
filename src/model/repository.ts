import { Clock, systemClock } from '../lib/clock';
import { CimError, CimStatus, CompletionCodeError } from '../lib/errors';
import type {
  CimClassInfo,
  CimInstance,
  CimReference,
  CimValue,
  EnumerateOptions,
  InvokeContext,
  ModelRepository,
} from './types';
import type { Semantics } from './classes/define';
import { normalizeNamespace, Schema } from './classes/schema';
import { DeviceCache, DeviceView, Part } from './cache';
import type { DeviceSource } from './sources/types';
import { makeProviders, Provider, PropSet, referenceTo } from './providers';
import type { BuildContext } from './providers/types';
import { parseDatetime } from './mapping/datetime';
import { parseWql, matches, neededProperties, project, parseObjectPath } from './wql';
import type { AssociatorsQuery, ReferencesQuery } from './wql';
import { MethodCall, invokeMethod } from './methods';
import { putInstance } from './put';

/**
 * The root\hardware model over a fleet of DeviceSources (ModelRepository, types.ts).
 *
 * Instances are built per device from a cached view of its data (cache.ts) and streamed: an
 * enumeration of a fleet loads a few devices ahead (`prefetch`) and never holds more than
 * those devices' instances. Queries load only the parts of a device's data their properties
 * need, so `SELECT Name FROM CIM_Sensor` reads SDRs (once) and no sensor.
 */
export interface RepositoryOptions {
  sources?: Iterable<DeviceSource>;
  /** Windows-compatible root\hardware (default) or DMTF CIM 2.41 semantics (docs/cim-model.md). */
  semantics?: Semantics;
  /** How old a reading (and every other live datum) may be, per device; default 5000 ms. */
  maxAgeMs?: number | ((device: string) => number);
  /** How long SDRs, FRU data and Get Device ID answers are kept; default 10 minutes. */
  staticMaxAgeMs?: number;
  clock?: Clock;
  /** Highest privilege Microsoft_IPMI.RequestResponse may use when the caller does not say; default operator. */
  rawPrivilege?: InvokeContext['privilege'];
  /** Devices loaded ahead of the consumer while enumerating a fleet; default 4. */
  prefetch?: number;
  /** Sensor reads in flight at once per device; default 4. */
  readConcurrency?: number;
}

interface DeviceEntry {
  source: DeviceSource;
  cache: DeviceCache;
  maxAgeMs: number;
  /** The last RequestStateChange value (ComputerSystem.RequestedState). */
  requestedState?: number;
}

const DEFAULT_MAX_AGE_MS = 5000;
const DEFAULT_STATIC_MAX_AGE_MS = 10 * 60_000;
const NAMESPACES = new Set(['root/hardware', 'root/wmi']);

export class Repository implements ModelRepository {
  readonly schema: Schema;
  private readonly providers: Provider[];
  private readonly devices = new Map<string, DeviceEntry>();
  /** providersFor() answers by class (the schema and the providers are fixed). */
  private readonly providerLists = new Map<string, Provider[]>();
  /** The provider of each concrete class (the first, should two claim one). */
  private readonly providerByClass = new Map<string, Provider>();
  /** Per class: its key names, and each by its lower-case spelling (canonicalKeys). */
  private readonly keyIndex = new Map<string, { names: string[]; byLower: Map<string, string> }>();
  private readonly clock: Clock;

  constructor(private readonly opts: RepositoryOptions = {}) {
    this.schema = new Schema(opts.semantics ?? 'windows');
    this.providers = makeProviders(this.schema);
    for (const p of this.providers) if (!this.providerByClass.has(p.className)) this.providerByClass.set(p.className, p);
    this.clock = opts.clock ?? systemClock;
    for (const s of opts.sources ?? []) this.addDevice(s);
  }

  /** Add a device to the fleet (its name must be unique). */
  addDevice(source: DeviceSource): void {
    if (this.devices.has(source.name)) throw new Error(`device ${source.name} is already in the model`);
    const m = this.opts.maxAgeMs;
    const maxAgeMs = typeof m === 'function' ? m(source.name) : (m ?? DEFAULT_MAX_AGE_MS);
    const cache = new DeviceCache(source, {
      clock: this.clock,
      maxAgeMs,
      staticMaxAgeMs: this.opts.staticMaxAgeMs ?? DEFAULT_STATIC_MAX_AGE_MS,
      readConcurrency: this.opts.readConcurrency ?? 4,
    });
    this.devices.set(source.name, { source, cache, maxAgeMs });
  }
  removeDevice(name: string): boolean {
    return this.devices.delete(name);
  }
  deviceNames(): string[] {
    return [...this.devices.keys()];
  }

  classes(namespace?: string): CimClassInfo[] {
    return this.schema.classes(namespace);
  }
  classInfo(className: string): CimClassInfo | undefined {
    return this.schema.info(className);
  }

  private resolveClass(className: string, namespace?: string): string {
    const info = this.schema.info(className);
    if (namespace !== undefined && !NAMESPACES.has(normalizeNamespace(namespace)))
      throw new CimError(CimStatus.INVALID_NAMESPACE, `no namespace ${namespace} (root/hardware and root/wmi exist)`);
    if (!info || (namespace !== undefined && info.namespace !== normalizeNamespace(namespace)))
      throw new CimError(CimStatus.INVALID_CLASS, `no class ${className}${namespace ? ` in ${namespace}` : ''}`);
    return info.name;
  }

  private providersFor(cls: string, deep = true): Provider[] {
    const k = `${deep ? 'deep' : 'shallow'}:${cls}`;
    let got = this.providerLists.get(k);
    if (!got) {
      got = this.providers.filter((p) => (deep ? this.schema.isa(p.className, cls) : p.className === cls));
      this.providerLists.set(k, got);
    }
    return got;
  }
  private providerOf(concrete: string): Provider | undefined {
    return this.providerByClass.get(concrete);
  }

  private entry(device: string): DeviceEntry | undefined {
    const e = this.devices.get(device);
    if (e) return e;
    const lower = device.toLowerCase();
    for (const [n, d] of this.devices) if (n.toLowerCase() === lower) return d;
    return undefined;
  }

  /** Build context for one device view: memoized instances of any class from the same view. */
  private context(entry: DeviceEntry | undefined, view: DeviceView | undefined): BuildContext {
    return new ViewContext(this.schema, entry?.maxAgeMs ?? DEFAULT_MAX_AGE_MS, entry?.requestedState, this.providerByClass, view);
  }

  /** Load views of the devices in order, `prefetch` at a time, and hand each to `each`. */
  private async *perDevice(parts: Part[], device?: string): AsyncGenerator<{ entry: DeviceEntry; view: DeviceView }> {
    let entries: DeviceEntry[];
    if (device !== undefined) {
      const e = this.entry(device);
      entries = e ? [e] : [];
    } else entries = [...this.devices.values()];
    const ahead = Math.max(1, this.opts.prefetch ?? 4);
    const pending: Array<Promise<{ entry: DeviceEntry; view: DeviceView }>> = [];
    let next = 0;
    const fill = () => {
      while (pending.length < ahead && next < entries.length) {
        const entry = entries[next++];
        pending.push(entry.cache.load(parts).then((view) => ({ entry, view })));
      }
    };
    fill();
    while (pending.length) {
      const got = await pending.shift()!;
      fill();
      yield got;
    }
  }

  /** Instances of the given providers, globals first, then device by device. */
  private async *stream(providers: Provider[], props: PropSet, device?: string): AsyncGenerator<CimInstance> {
    if (device === undefined)
      for (const p of providers.filter((x) => x.scope === 'global')) yield* p.build(undefined, this.context(undefined, undefined));
    const perDevice = providers.filter((x) => x.scope === 'device');
    if (!perDevice.length) return;
    const parts = unionParts(perDevice.map((p) => p.parts(props)));
    for await (const { entry, view } of this.perDevice(parts, device)) {
      const ctx = this.context(entry, view);
      for (const p of perDevice) yield* p.build(view, ctx);
    }
  }

  async *enumerate(className: string, opts: EnumerateOptions = {}): AsyncIterable<CimInstance> {
    const cls = this.resolveClass(className);
    yield* this.stream(this.providersFor(cls, opts.deep ?? true), '*', opts.device);
  }

  async get(className: string, keys: Record<string, string>): Promise<CimInstance> {
    const found = await this.find(this.resolveClass(className), keys);
    if (!found) throw new CimError(CimStatus.NOT_FOUND, `no ${className} instance with ${describeKeys(keys)}`);
    return found.instance;
  }

  /** The instance with these keys among the class and its subclasses, and its device. */
  private async find(
    cls: string,
    given: Record<string, CimValue>,
    props: PropSet = '*',
  ): Promise<{ instance: CimInstance; entry?: DeviceEntry } | undefined> {
    const candidates = this.providersFor(cls);
    if (!candidates.length) return undefined;
    let checked = false;
    for (const p of candidates) {
      const keys = this.canonicalKeys(p.className, given);
      if (!keys) continue;
      checked = true;
      if (keys.CreationClassName !== undefined && typeof keys.CreationClassName === 'string' && !this.schema.sameClass(keys.CreationClassName, p.className))
        continue;
      let entry: DeviceEntry | undefined;
      let view: DeviceView | undefined;
      if (p.scope === 'device') {
        const device = p.device ? p.device(keys) : this.deviceOfReferences(p.className, keys);
        entry = device === undefined ? undefined : this.entry(device);
        if (!entry) continue;
        view = await entry.cache.load(p.parts(props));
      }
      const ctx = this.context(entry, view);
      const hit = (p.lookup ? p.lookup(view, ctx, keys) : p.build(view, ctx)).find((i) => this.keysMatch(i, keys));
      if (hit) return { instance: hit, entry };
    }
    if (!checked) {
      const wanted = this.schema.keys(candidates[0].className);
      throw new CimError(CimStatus.INVALID_PARAMETER, `${cls} is identified by ${wanted.join(', ')}; got ${Object.keys(given).join(', ') || 'no keys'}`);
    }
    return undefined;
  }

  /** The given keys under the class's spelling, or undefined when they are not exactly its key set. */
  private canonicalKeys(cls: string, given: Record<string, CimValue>): Record<string, CimValue> | undefined {
    let index = this.keyIndex.get(cls);
    if (!index) {
      const names = this.schema.keys(cls);
      const byLower = new Map<string, string>();
      for (const n of names) if (!byLower.has(n.toLowerCase())) byLower.set(n.toLowerCase(), n);
      this.keyIndex.set(cls, (index = { names, byLower }));
    }
    const names = index.names;
    const out: Record<string, CimValue> = {};
    const entries = Object.entries(given);
    // `Class="value"` (an object path's unnamed single key).
    if (entries.length === 1 && entries[0][0] === '' && names.length === 1) return { [names[0]]: entries[0][1] };
    for (const [k, v] of entries) {
      const n = index.byLower.get(k.toLowerCase());
      if (!n) return undefined;
      out[n] = v;
    }
    for (const n of names) if (!(n in out)) return undefined;
    return out;
  }

  private keysMatch(inst: CimInstance, keys: Record<string, CimValue>): boolean {
    for (const k in keys) if (!keyValueEquals(this.schema, inst.properties[k], keys[k])) return false;
    return true;
  }

  /** For an association's keys (references), the device of the first referenced instance that has one. */
  private deviceOfReferences(assocClass: string, keys: Record<string, CimValue>): string | undefined {
    for (const k of this.schema.keys(assocClass)) {
      const ref = toReference(this.schema, keys[k]);
      if (!ref) continue;
      for (const p of this.providersFor(ref.className)) {
        const d = p.device?.(ref.keys);
        if (d !== undefined) return d;
      }
    }
    return undefined;
  }

  async *query(wql: string, opts: { namespace?: string } = {}): AsyncIterable<CimInstance> {
    const q = parseWql(wql, this.schema);
    if (q.kind === 'select') {
      this.resolveClass(q.className, opts.namespace);
      const props = neededProperties(q);
      for await (const inst of this.stream(this.providersFor(q.className), props))
        if (matches(q.where, inst, this.schema)) yield project(inst, q.properties);
      return;
    }
    yield* this.traverse(q);
  }

  /** ASSOCIATORS OF / REFERENCES OF (WMI semantics: Role is the object's role, ResultRole the other end's). */
  private async *traverse(q: AssociatorsQuery | ReferencesQuery): AsyncGenerator<CimInstance> {
    // Only the object's keys are needed to find its associations.
    const found = await this.find(q.object.className, q.object.keys, new Set());
    if (!found) throw new CimError(CimStatus.NOT_FOUND, `no ${q.object.className} instance with ${describeKeys(q.object.keys)}`);
    const target = referenceTo(this.schema, found.instance);
    const targetKey = refKey(this.schema, target);
    const assocFilter = q.kind === 'associators' ? q.assocClass : q.resultClass;
    const assocs = this.providers.filter((p) => this.schema.info(p.className)?.association && (!assocFilter || this.schema.isa(p.className, assocFilter)));
    const results =
      q.kind === 'associators'
        ? this.providers.filter((p) => !this.schema.info(p.className)?.association && (!q.resultClass || this.schema.isa(p.className, q.resultClass)))
        : [];
    const parts = unionParts([...assocs.map((p) => p.parts('*')), ...results.map((p) => p.parts(q.keysOnly ? new Set() : '*'))]);
    const targetProvider = this.providerOf(found.instance.className);
    // A global target (RegisteredProfile, AdminDomain) is associated with every device's instances.
    const device = targetProvider?.scope === 'device' ? found.entry?.source.name : undefined;
    if (targetProvider?.scope === 'device' && device === undefined) return;
    const seen = new Set<string>();
    const same = (a: string, b?: string) => b === undefined || a.toLowerCase() === b.toLowerCase();
    for await (const { entry, view } of this.perDevice(parts, device)) {
      const ctx = this.context(entry, view);
      for (const ap of assocs) {
        const roles = this.schema.info(ap.className)!.properties.filter((x) => x.type === 'reference').map((x) => x.name);
        for (const a of ap.build(view, ctx)) {
          for (const role of roles) {
            const ref = a.properties[role] as CimReference;
            if (!same(role, q.role) || refKey(this.schema, ref) !== targetKey) continue;
            if (q.kind === 'references') {
              yield q.keysOnly ? keysOnly(this.schema, a) : a;
              break;
            }
            for (const other of roles) {
              if (other === role || !same(other, q.resultRole)) continue;
              const oref = a.properties[other] as CimReference;
              if (q.resultClass && !this.schema.isa(oref.className, q.resultClass)) continue;
              const key = refKey(this.schema, oref);
              if (seen.has(key)) continue;
              const inst = ctx.of(oref.className).find((i) => refKey(this.schema, referenceTo(this.schema, i)) === key);
              if (!inst) continue;
              seen.add(key);
              yield q.keysOnly ? keysOnly(this.schema, inst) : inst;
            }
          }
        }
      }
    }
  }

  async put(className: string, keys: Record<string, string>, properties: Record<string, CimValue>): Promise<CimInstance> {
    const found = await this.find(this.resolveClass(className), keys);
    if (!found) throw new CimError(CimStatus.NOT_FOUND, `no ${className} instance with ${describeKeys(keys)}`);
    await putInstance(this.schema, found.instance, found.entry, properties);
    return this.get(found.instance.className, stringKeys(this.schema, found.instance));
  }

  async invoke(
    className: string,
    keys: Record<string, string> | undefined,
    method: string,
    args: Record<string, CimValue>,
    ctx: InvokeContext = {},
  ): Promise<{ returnValue: number; out: Record<string, CimValue> }> {
    const cls = this.resolveClass(className);
    const m = this.schema.info(cls)!.methods.find((x) => x.name.toLowerCase() === method.toLowerCase());
    if (!m) throw new CimError(CimStatus.METHOD_NOT_FOUND, `${cls} has no method ${method}`);
    if (!keys) throw new CimError(CimStatus.INVALID_PARAMETER, `${cls}.${m.name} is an instance method: give the instance's keys`);
    const found = await this.find(cls, keys);
    if (!found) throw new CimError(CimStatus.NOT_FOUND, `no ${className} instance with ${describeKeys(keys)}`);
    const call: MethodCall = {
      schema: this.schema,
      instance: found.instance,
      entry: found.entry,
      method: m,
      args,
      privilege: ctx.privilege ?? this.opts.rawPrivilege ?? 'operator',
    };
    return invokeMethod(call);
  }
}

export type { DeviceEntry };

/** BuildContext of one device view; instances of other classes are built once, on first use. */
class ViewContext implements BuildContext {
  private memo?: Map<string, CimInstance[]>;
  constructor(
    readonly schema: Schema,
    readonly maxAgeMs: number,
    readonly requestedState: number | undefined,
    private readonly providers: ReadonlyMap<string, Provider>,
    private readonly view: DeviceView | undefined,
  ) {}
  of(cls: string): CimInstance[] {
    this.memo ??= new Map();
    let got = this.memo.get(cls);
    if (!got) {
      const p = this.providers.get(cls);
      got = !p ? [] : p.scope === 'global' ? p.build(undefined, this) : this.view ? p.build(this.view, this) : [];
      this.memo.set(cls, got);
    }
    return got;
  }
}

function unionParts(lists: Part[][]): Part[] {
  return [...new Set(lists.flat())];
}

function describeKeys(keys: Record<string, CimValue>): string {
  return Object.entries(keys)
    .map(([k, v]) => `${k || '(key)'}=${JSON.stringify(v)}`)
    .join(', ');
}

/** A reference value: a CimReference, or an object path string. */
function toReference(schema: Schema, v: CimValue | undefined): CimReference | undefined {
  if (v && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) && v.kind === 'reference') return v;
  if (typeof v !== 'string') return undefined;
  try {
    const p = parseObjectPath(v.replace(/^\{|\}$/g, ''));
    const cls = schema.resolve(p.className);
    return cls ? { kind: 'reference', className: cls, namespace: p.namespace ?? 'root/hardware', keys: p.keys as Record<string, string | number> } : undefined;
  } catch {
    return undefined;
  }
}

/** Does an instance's key value equal a given one (strings ignore case; datetimes by instant; numbers by value; references by path)? */
function keyValueEquals(schema: Schema, have: CimValue | undefined, want: CimValue): boolean {
  if (have instanceof Date) {
    const d = want instanceof Date ? want : typeof want === 'string' ? parseDatetime(want) : undefined;
    return d !== undefined && d.getTime() === have.getTime();
  }
  if (typeof have === 'number') return Number(want) === have;
  if (typeof have === 'string') return typeof want === 'string' || typeof want === 'number' ? String(want).toLowerCase() === have.toLowerCase() : false;
  if (have && typeof have === 'object' && !Array.isArray(have) && have.kind === 'reference') {
    const r = toReference(schema, want);
    return r !== undefined && refKey(schema, r) === refKey(schema, have);
  }
  return false;
}

/** A canonical string for a reference: resolved class, then sorted lower-cased keys and values. */
export function refKey(schema: Schema, r: CimReference): string {
  const cls = (schema.resolve(r.className) ?? r.className).toLowerCase();
  const keys = Object.entries(r.keys)
    .map(([k, v]) => {
      const d = typeof v === 'string' ? parseDatetime(v) : undefined;
      const val = d && /^\d{14}\.\d{6}[+-]\d{3}$/.test(String(v)) ? String(d.getTime()) : String(v).toLowerCase();
      return `${k.toLowerCase()}=${val}`;
    })
    .sort()
    .join(',');
  return `${cls}|${keys}`;
}

function keysOnly(schema: Schema, inst: CimInstance): CimInstance {
  const properties: Record<string, CimValue> = {};
  for (const k of schema.keys(inst.className)) properties[k] = inst.properties[k];
  return { className: inst.className, namespace: inst.namespace, properties };
}

/** An instance's keys as strings (for get()). */
export function stringKeys(schema: Schema, inst: CimInstance): Record<string, string> {
  return Object.fromEntries(Object.entries(referenceTo(schema, inst).keys).map(([k, v]) => [k, String(v)]));
}

