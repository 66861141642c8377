import type { Clock } from '../../lib/clock';
import type { DcmiSpec } from '../../profile/types';
import type { SystemModel } from '../simulate/power';
import type { DeviceStore } from './store';
import { Shape, StateSection } from './section';

/** How many past instants a power statistic is computed from (plus the present one). */
const STAT_SAMPLES = 60;
/** DCMI v1.5 §6.4.2: an asset tag is at most 63 bytes; §6.4.6: an MC ID string at most 64 including its NUL. */
export const ASSET_TAG_MAX = 63;
export const MC_ID_MAX = 63;

export interface PowerLimit {
  watts: number;
  correctionTimeMs: number;
  samplingPeriodSec: number;
  exceptionAction: number;
  active: boolean;
}

interface Saved {
  limit: PowerLimit;
  assetTag?: string;
  mcId?: string;
}

export interface PowerStatistics {
  current: number;
  minimum: number;
  maximum: number;
  average: number;
  periodMs: number;
}

/**
 * DCMI state (DCMI v1.5 §6.4, §6.6): the power limit, asset tag and management controller ID
 * string (persisted), and power readings computed from the system model: the statistics over a
 * period are recomputed from the model at evenly spaced past instants, so nothing is sampled on a
 * timer. An active limit caps the model's watts (SystemModel.cap).
 */
export class Dcmi {
  private readonly section: StateSection<Saved>;
  private saved: Saved;

  constructor(
    store: DeviceStore,
    private readonly clock: Clock,
    readonly spec: DcmiSpec,
    private readonly system: SystemModel,
    private readonly defaultAssetTag: () => string,
  ) {
    this.section = new StateSection(store, 'dcmi');
    this.saved = this.section.load(check) ?? { limit: { ...spec.powerLimit } };
    system.cap = () => (this.saved.limit.active ? this.saved.limit.watts : undefined);
  }

  get limit(): Readonly<PowerLimit> {
    return this.saved.limit;
  }
  setLimit(l: Omit<PowerLimit, 'active'>): void {
    this.saved.limit = { ...l, active: this.saved.limit.active };
    this.save();
  }
  activate(on: boolean): void {
    this.saved.limit = { ...this.saved.limit, active: on };
    this.save();
  }

  /** Present watts, and minimum/maximum/average over the `periodSec` before now. */
  statistics(periodSec: number): PowerStatistics {
    const now = this.clock.now();
    const periodMs = periodSec * 1000;
    const samples: number[] = [];
    for (let i = STAT_SAMPLES; i >= 0; i--) samples.push(this.system.wattsAt(now - (periodMs * i) / STAT_SAMPLES));
    const w = (v: number) => Math.round(v);
    return {
      current: w(samples[samples.length - 1]),
      minimum: w(Math.min(...samples)),
      maximum: w(Math.max(...samples)),
      average: w(samples.reduce((a, b) => a + b, 0) / samples.length),
      periodMs,
    };
  }

  assetTag(): Buffer {
    return Buffer.from(this.saved.assetTag ?? this.spec.assetTag ?? this.defaultAssetTag(), 'latin1');
  }
  /** Write `data` at `offset` of the asset tag: the tag ends after the data (DCMI v1.5 §6.4.3). Returns the new length. */
  setAssetTag(offset: number, data: Buffer): number {
    const tag = splice(this.assetTag(), offset, data);
    this.saved.assetTag = tag.toString('latin1');
    this.save();
    return tag.length;
  }

  mcId(): Buffer {
    return Buffer.from(this.saved.mcId ?? this.spec.mcIdString, 'latin1');
  }
  /** Write a chunk of the MC ID string; a NUL ends it (DCMI v1.5 §6.4.6.2). Returns the new length (without the NUL). */
  setMcId(offset: number, data: Buffer): number {
    let id = splice(this.mcId(), offset, data);
    const nul = id.indexOf(0);
    if (nul >= 0) id = id.subarray(0, nul);
    this.saved.mcId = id.toString('latin1');
    this.save();
    return id.length;
  }

  private save(): void {
    this.section.save(this.saved);
  }
}

/** `base` up to `offset` (padded with spaces if shorter), then `data`. */
function splice(base: Buffer, offset: number, data: Buffer): Buffer {
  const head = base.length >= offset ? base.subarray(0, offset) : Buffer.concat([base, Buffer.alloc(offset - base.length, 0x20)]);
  return Buffer.concat([head, data]);
}

function check(raw: unknown, s: Shape): Saved {
  const o = s.object(raw, '');
  const l = s.object(o.limit, '/limit');
  const text = (v: unknown, at: string, max: number) => {
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || Buffer.byteLength(v, 'latin1') > max) s.fail(at, `must be a string of at most ${max} bytes`);
    return v;
  };
  return {
    limit: {
      watts: s.int(l.watts, '/limit/watts', 0, 0xffff),
      correctionTimeMs: s.int(l.correctionTimeMs, '/limit/correctionTimeMs', 0, 0xffffffff),
      samplingPeriodSec: s.int(l.samplingPeriodSec, '/limit/samplingPeriodSec', 0, 0xffff),
      exceptionAction: s.int(l.exceptionAction, '/limit/exceptionAction', 0, 0xff),
      active: s.bool(l.active, '/limit/active'),
    },
    assetTag: text(o.assetTag, '/assetTag', ASSET_TAG_MAX),
    mcId: text(o.mcId, '/mcId', MC_ID_MAX),
  };
}
