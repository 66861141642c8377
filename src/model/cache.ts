import type { Clock } from '../lib/clock';
import { CompletionCodeError } from '../lib/errors';
import type { SdrRecord } from '../codec/records/sdr';
import type { SelRecord } from '../codec/records/sel';
import type { FruImage } from '../codec/records/fru';
import type {
  ChassisStatus,
  DeviceIdentity,
  DeviceSource,
  SelInfo,
  SensorReading,
  ThresholdValues,
  UserInfo,
} from './sources/types';
import { SensorDef, sensorDefs, fruDeviceIds } from './mapping/sdr';

/**
 * The repository's per-device cache around a DeviceSource (DESIGN: "readings fresh within a
 * per-device max age; concurrent queries share one device read; queries needing no live data
 * do no IPMI traffic").
 *
 * Data is fetched in parts. Static parts (identity, SDRs, FRU) are kept for `staticMaxAgeMs`;
 * live parts (readings, thresholds, power, SEL, users) for `maxAgeMs`. A part being fetched is
 * shared by every caller that needs it. A failed fetch is remembered for the same age, so an
 * unreachable device is not retried by every query of a fleet-wide enumeration. A live part
 * that failed is absent from the view: old readings are never presented as current.
 */
export type Part = 'identity' | 'sdr' | 'fru' | 'readings' | 'thresholds' | 'power' | 'selInfo' | 'sel' | 'users';
const STATIC: ReadonlySet<Part> = new Set(['identity', 'sdr', 'fru']);
const DEPENDS: Partial<Record<Part, Part[]>> = { fru: ['sdr'], readings: ['sdr'], thresholds: ['sdr'], sel: ['sdr'] };

/** Where each part lands in a DeviceView. */
const VIEW_FIELD: Record<Part, keyof DeviceView> = {
  identity: 'identity',
  sdr: 'sdrs',
  fru: 'fru',
  readings: 'readings',
  thresholds: 'thresholds',
  power: 'power',
  selInfo: 'selInfo',
  sel: 'sel',
  users: 'users',
};

/** A sensor's reading result: the reading, or the completion code the BMC answered for that sensor. */
export type ReadingResult = SensorReading | CompletionCodeError;
export type ThresholdResult = ThresholdValues | CompletionCodeError;

/** What one load of a device produced; absent fields were not requested or could not be read. */
export interface DeviceView {
  readonly name: string;
  readonly source: DeviceSource;
  identity?: DeviceIdentity;
  sdrs?: SdrRecord[];
  /** Sensors described by the SDRs, in SDR order (derived once per SDR fetch). */
  sensors?: SensorDef[];
  /** The same sensors by DeviceID (`<number>.<lun>.<owner>`), in SDR order, for lookups by key. */
  sensorsById?: ReadonlyMap<string, readonly SensorDef[]>;
  fru?: Map<number, FruImage>;
  /** Keyed by SensorDef.deviceId. */
  readings?: Map<string, ReadingResult>;
  thresholds?: Map<string, ThresholdResult>;
  power?: ChassisStatus;
  selInfo?: SelInfo;
  sel?: SelRecord[];
  users?: UserInfo[];
  /** Parts that failed with a completion code, and its text. */
  failed: Map<Part, CompletionCodeError>;
  /** The device did not answer its most recent request (timeout, transport or session failure). */
  lost?: string;
}

/** What load() fetches for one list of parts: all of them with their dependencies, in order. */
interface LoadPlan {
  readonly all: readonly Part[];
  /** Parts without dependencies (fetched first) and the others. */
  readonly first: readonly Part[];
  readonly then: readonly Part[];
}

interface Slot {
  value?: unknown;
  error?: unknown;
  at: number;
  inflight?: Promise<void>;
}

export interface CacheOptions {
  clock: Clock;
  maxAgeMs: number;
  staticMaxAgeMs: number;
  /** Sensor reads in flight at once per device. */
  readConcurrency: number;
}

/** True for errors that mean "the device did not answer", as opposed to "it answered no". */
export function isCommunicationError(e: unknown): boolean {
  return !(e instanceof CompletionCodeError);
}

export class DeviceCache {
  private readonly slots = new Map<Part, Slot>();
  private readonly plans = new Map<string, LoadPlan>();
  private derivedSensors?: { from: SdrRecord[]; defs: SensorDef[]; byId: Map<string, SensorDef[]> };
  /** The most recent communication failure, cleared by the next success. */
  private lostReason?: string;

  constructor(
    readonly source: DeviceSource,
    private readonly opts: CacheOptions,
  ) {}

  /** Forget parts so the next load fetches them (after a write). */
  invalidate(...parts: Part[]): void {
    for (const p of parts) {
      const s = this.slots.get(p);
      if (s && !s.inflight) this.slots.delete(p);
      else if (s) s.at = -Infinity;
    }
  }

  /** Load the parts (and what they depend on) and return a view of what is available. */
  async load(parts: Iterable<Part>): Promise<DeviceView> {
    const plan = this.plan(parts);
    // Everything fresh (the common case between two reads of the device): no fetch to wait for.
    const now = this.opts.clock.monotonic();
    if (plan.all.every((p) => this.settled(p, now))) return this.view(plan.all);
    // Dependencies first (FRU ids and sensors come from the SDRs), the rest together.
    await Promise.all(plan.first.map((p) => this.ensure(p)));
    await Promise.all(plan.then.map((p) => this.ensure(p)));
    return this.view(plan.all);
  }

  /** The parts with what they depend on, in load order; kept per distinct list of parts. */
  private plan(parts: Iterable<Part>): LoadPlan {
    const list = [...parts];
    const key = list.join(',');
    let plan = this.plans.get(key);
    if (!plan) {
      const want = new Set<Part>();
      const add = (p: Part) => {
        for (const d of DEPENDS[p] ?? []) add(d);
        want.add(p);
      };
      for (const p of list) add(p);
      const all = [...want];
      plan = { all, first: all.filter((p) => !DEPENDS[p]), then: all.filter((p) => DEPENDS[p]) };
      this.plans.set(key, plan);
    }
    return plan;
  }

  /** A part that is present, fresh and not being fetched. */
  private settled(p: Part, now: number): boolean {
    const s = this.slots.get(p);
    return s !== undefined && !s.inflight && this.fresh(p, s, now);
  }

  private fresh(p: Part, s: Slot, now = this.opts.clock.monotonic()): boolean {
    const age = STATIC.has(p) && s.error === undefined ? this.opts.staticMaxAgeMs : this.opts.maxAgeMs;
    return now - s.at < age;
  }

  private async ensure(p: Part): Promise<void> {
    const s = this.slots.get(p);
    if (s?.inflight) return s.inflight;
    if (s && this.fresh(p, s)) return;
    const slot: Slot = { at: -Infinity, value: s?.value };
    slot.inflight = this.fetch(p).then(
      (value) => {
        slot.value = value;
        slot.error = undefined;
        this.lostReason = undefined;
      },
      (error: unknown) => {
        slot.error = error;
        // A live part that failed has no value: stale readings are never shown as current.
        // Static data (SDRs, FRU, identity) stays valid while the device is away.
        if (!STATIC.has(p)) slot.value = undefined;
        if (isCommunicationError(error)) this.lostReason = describeError(error);
      },
    );
    this.slots.set(p, slot);
    try {
      await slot.inflight;
    } finally {
      slot.at = this.opts.clock.monotonic();
      slot.inflight = undefined;
    }
  }

  private derived(): { defs: SensorDef[]; byId: Map<string, SensorDef[]> } | undefined {
    const sdrs = this.slots.get('sdr')?.value as SdrRecord[] | undefined;
    if (!sdrs) return undefined;
    if (this.derivedSensors?.from !== sdrs) {
      const defs = sensorDefs(sdrs);
      // Usually one sensor per address; a repository may repeat one (both are kept, in order).
      const byId = new Map<string, SensorDef[]>();
      for (const d of defs) {
        const same = byId.get(d.deviceId);
        if (same) same.push(d);
        else byId.set(d.deviceId, [d]);
      }
      this.derivedSensors = { from: sdrs, defs, byId };
    }
    return this.derivedSensors;
  }
  private sensors(): SensorDef[] {
    return this.derived()?.defs ?? [];
  }

  private async fetch(p: Part): Promise<unknown> {
    const src = this.source;
    switch (p) {
      case 'identity':
        return src.identity();
      case 'sdr':
        return src.sdrs();
      case 'power':
        return src.chassisStatus();
      case 'selInfo':
        return src.selInfo();
      case 'sel':
        return src.selEntries();
      case 'users':
        return src.users();
      case 'fru': {
        const out = new Map<number, FruImage>();
        const sdrs = (this.slots.get('sdr')?.value as SdrRecord[] | undefined) ?? [];
        for (const id of fruDeviceIds(sdrs)) {
          try {
            const d = await src.readFru(id);
            if (d) out.set(id, d);
          } catch (e) {
            if (isCommunicationError(e)) throw e;
            // A FRU device the BMC will not read (CBh not present, ...) is simply absent.
          }
        }
        return out;
      }
      case 'readings':
        return this.perSensor((d) => d.readable, (d) => src.readSensor(d.address));
      case 'thresholds':
        return this.perSensor((d) => d.numeric?.thresholdsReadable === true, (d) => src.readThresholds(d.address));
    }
  }

  /** One request per sensor, a few at a time; a completion code is kept per sensor, a communication error fails the part. */
  private async perSensor<T>(which: (d: SensorDef) => boolean, read: (d: SensorDef) => Promise<T>): Promise<Map<string, T | CompletionCodeError>> {
    const defs = this.sensors().filter(which);
    const out = new Map<string, T | CompletionCodeError>();
    let next = 0;
    const worker = async () => {
      while (next < defs.length) {
        const d = defs[next++];
        try {
          out.set(d.deviceId, await read(d));
        } catch (e) {
          if (e instanceof CompletionCodeError) out.set(d.deviceId, e);
          else throw e;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.opts.readConcurrency, defs.length)) }, worker));
    // Keep SDR order regardless of completion order.
    return new Map(defs.filter((d) => out.has(d.deviceId)).map((d) => [d.deviceId, out.get(d.deviceId)!]));
  }

  private view(parts: readonly Part[]): DeviceView {
    const v: DeviceView = { name: this.source.name, source: this.source, failed: new Map() };
    const fields = v as unknown as Record<string, unknown>;
    for (const p of parts) {
      const s = this.slots.get(p);
      if (!s) {
        fields[VIEW_FIELD[p]] = undefined;
        continue;
      }
      if (s.error instanceof CompletionCodeError) v.failed.set(p, s.error);
      fields[VIEW_FIELD[p]] = s.value;
    }
    const d = v.sdrs ? this.derived() : undefined;
    if (d) {
      v.sensors = d.defs;
      v.sensorsById = d.byId;
    }
    if (this.lostReason) v.lost = this.lostReason;
    return v;
  }
}

export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
