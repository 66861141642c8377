import type { FruDeviceSpec, ProfileSpec } from '../../profile/types';
import { FruImage, decodeFru } from '../../codec/records/fru';
import type { DeviceStore } from './store';
import { Journal } from './journal';
import { Shape } from './section';

/** One FRU inventory device: its spec and its bytes (the profile's image, or what was written since). */
export interface FruDevice {
  readonly spec: FruDeviceSpec;
  readonly data: Buffer;
}

/** A journal line: bytes written at an offset of a device. */
interface FruWrite {
  id: number;
  offset: number;
  hex: string;
}
/** The snapshot: whole images of the devices written to, by ID. */
type FruImages = Record<string, string>;

/** Journal lines before the written images are folded into a snapshot. */
const COMPACT_AFTER = 256;

/**
 * The BMC's FRU inventory devices (v2.0 §34): byte-addressed images of a fixed size. Each Write
 * FRU Data is an fdatasync'ed journal line (journal.ts) before it is answered, so it survives
 * kill -9 without rewriting a multi-kilobyte image per 16-byte chunk (`ipmitool fru write` sends
 * many). Images saved for a device the profile no longer has, or of another size, are dropped.
 */
export class FruStore {
  private readonly devices = new Map<number, FruDevice>();
  private readonly journal: Journal<FruImages, FruWrite>;
  private readonly written = new Set<number>();

  constructor(store: DeviceStore, profile: ProfileSpec) {
    this.journal = new Journal(store.dir, 'fru');
    const specs = new Map((profile.fru ?? []).map((f) => [f.id, f]));
    for (const spec of specs.values()) this.devices.set(spec.id, { spec, data: Buffer.from(spec.image, 'hex') });
    const saved = this.journal.load((raw, at) => parseWrite(raw, new Shape(at)));
    if (!saved) return;
    const file = this.journal.snapshotFile!.file;
    const s = new Shape(file);
    for (const [id, hex] of Object.entries(s.object(saved.state ?? {}, '/state'))) {
      const d = this.devices.get(Number(id));
      if (!d) continue;
      const image = s.hex(hex, `/state/${id}`, d.spec.size);
      if (image.length === d.spec.size) this.apply({ id: d.spec.id, offset: 0, hex: image.toString('hex') });
    }
    for (const w of saved.ops) if (this.devices.has(w.id)) this.apply(w);
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

  /** Write bytes at `offset`, durably; returns how many fitted (the end of the area is the limit). */
  write(id: number, offset: number, bytes: Buffer): number {
    const d = this.devices.get(id)!;
    const n = Math.max(0, Math.min(bytes.length, d.data.length - offset));
    const w = { id, offset, hex: bytes.subarray(0, n).toString('hex') };
    this.journal.append(w);
    this.apply(w);
    if (this.journal.length > COMPACT_AFTER) {
      const images: FruImages = {};
      for (const i of this.written) images[i] = this.devices.get(i)!.data.toString('hex');
      this.journal.snapshot(images);
    }
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

  close(): void {
    this.journal.close();
  }

  private apply(w: FruWrite): void {
    const d = this.devices.get(w.id)!;
    Buffer.from(w.hex, 'hex').copy(d.data, w.offset);
    this.written.add(w.id);
  }
}

function parseWrite(raw: unknown, s: Shape): FruWrite {
  const o = s.object(raw, '');
  return { id: s.int(o.id, '/id', 0, 254), offset: s.int(o.offset, '/offset', 0, 0xffff), hex: s.hex(o.hex, '/hex', 0xff).toString('hex') };
}
