import type { FruDeviceSpec, ProfileSpec } from '../../profile/types';
import { FruImage, decodeFru } from '../../codec/records/fru';
import type { DeviceStore } from './store';
import { Shape, StateSection } from './section';

/** One FRU inventory device: its spec and its bytes (the profile's image, or what was written since). */
export interface FruDevice {
  readonly spec: FruDeviceSpec;
  readonly data: Buffer;
}

/**
 * The BMC's FRU inventory devices (v2.0 §34): byte-addressed images of a fixed size. Writes
 * change the image and are saved (atomically, fsync'ed) before Write FRU Data is answered, so
 * they survive kill -9; an image saved for a device the profile no longer has is dropped.
 */
export class FruStore {
  private readonly devices = new Map<number, FruDevice>();
  private readonly section: StateSection<Record<string, string>>;
  private saved: Record<string, string>;

  constructor(store: DeviceStore, profile: ProfileSpec) {
    this.section = new StateSection(store, 'fru');
    const specs = new Map((profile.fru ?? []).map((f) => [f.id, f]));
    this.saved = this.section.load((raw, s) => check(raw, s, specs)) ?? {};
    for (const spec of specs.values()) this.devices.set(spec.id, { spec, data: Buffer.from(this.saved[spec.id] ?? spec.image, 'hex') });
  }

  get(id: number): FruDevice | undefined {
    return this.devices.get(id);
  }
  all(): FruDevice[] {
    return [...this.devices.values()];
  }

  /** Up to `count` bytes from `offset` (fewer at the end of the area); undefined past the end. */
  read(id: number, offset: number, count: number): Buffer | undefined {
    const d = this.devices.get(id);
    if (!d || offset >= d.data.length) return undefined;
    return Buffer.from(d.data.subarray(offset, Math.min(d.data.length, offset + count)));
  }

  /** Write bytes at `offset`; returns how many fitted (the rest of the area is the limit). */
  write(id: number, offset: number, bytes: Buffer): number {
    const d = this.devices.get(id)!;
    const n = Math.max(0, Math.min(bytes.length, d.data.length - offset));
    bytes.copy(d.data, offset, 0, n);
    this.saved[id] = d.data.toString('hex');
    this.section.save(this.saved);
    return n;
  }

  /** The image decoded (tolerantly); undefined when its common header is bad. */
  decoded(id: number): FruImage | undefined {
    const d = this.devices.get(id);
    if (!d) return undefined;
    try {
      return decodeFru(d.data);
    } catch {
      return undefined;
    }
  }
}

function check(raw: unknown, s: Shape, specs: Map<number, FruDeviceSpec>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, hex] of Object.entries(s.object(raw, ''))) {
    const spec = specs.get(Number(id));
    if (!spec) continue;
    const b = s.hex(hex, `/${id}`, spec.size);
    if (b.length !== spec.size) s.fail(`/${id}`, `must be the whole ${spec.size}-byte image`);
    out[id] = b.toString('hex');
  }
  return out;
}
