import type { ProfileSpec } from '../../profile/types';
import { SetInProgressState } from '../../codec/commands/app/config-parameters';
import {
  SYSINFO_MAX_SETS,
  SystemInfoParam,
  sysInfoStringBlocks,
  sysInfoStringFromBlocks,
} from '../../codec/commands/app/system-info-parameters';
import type { DeviceStore } from './store';
import { StateSection } from './section';

const STRING_PARAMS = [
  SystemInfoParam.systemFirmwareVersion,
  SystemInfoParam.systemName,
  SystemInfoParam.primaryOsName,
  SystemInfoParam.osName,
];
/** Parameter 4 is volatile (v2.0 §22.14a): the running OS reports it, a restarted BMC forgets it. */
const VOLATILE = new Set([SystemInfoParam.osName.id]);

/**
 * System Info parameters (v2.0 §22.14a): the string parameters as their 16-byte blocks, seeded
 * from the profile's identity (systemFirmwareVersion, systemName) and saved as written.
 */
export class SystemInfo {
  private readonly section: StateSection<Record<string, string[]>>;
  private readonly blocks = new Map<number, Buffer[]>();
  setInProgress: number = SetInProgressState.complete;

  constructor(store: DeviceStore, profile: ProfileSpec) {
    this.section = new StateSection(store, 'system-info');
    const seed: Record<number, string | undefined> = {
      [SystemInfoParam.systemFirmwareVersion.id]: profile.identity.systemFirmwareVersion,
      [SystemInfoParam.systemName.id]: profile.identity.systemName,
    };
    for (const p of STRING_PARAMS) this.blocks.set(p.id, sysInfoStringBlocks(seed[p.id] ?? ''));
    const saved = this.section.load((raw, s) => {
      const o = s.object(raw, '');
      for (const [name, v] of Object.entries(o)) {
        const p = STRING_PARAMS.find((x) => x.name === name && !VOLATILE.has(x.id));
        if (!p) s.fail(`/${name}`, 'not a stored system info parameter');
        if (!Array.isArray(v) || v.length > SYSINFO_MAX_SETS) s.fail(`/${name}`, `must be a list of at most ${SYSINFO_MAX_SETS} blocks`);
        (v as unknown[]).forEach((b, i) => {
          if (s.hex(b, `/${name}/${i}`, 16).length !== 16) s.fail(`/${name}/${i}`, 'must be 16 bytes');
        });
      }
      return o as Record<string, string[]>;
    });
    if (saved)
      for (const [name, list] of Object.entries(saved))
        this.blocks.set(STRING_PARAMS.find((x) => x.name === name)!.id, list.map((h) => Buffer.from(h, 'hex')));
  }

  isString(id: number): boolean {
    return this.blocks.has(id);
  }
  /** Block `set` of a string parameter (NULs past what was written); undefined past the last set. */
  block(id: number, set: number): Buffer | undefined {
    if (set >= SYSINFO_MAX_SETS) return undefined;
    return this.blocks.get(id)?.[set] ?? Buffer.alloc(16);
  }
  setBlock(id: number, set: number, block: Buffer): void {
    const list = this.blocks.get(id)!;
    while (list.length < set) list.push(Buffer.alloc(16));
    list[set] = Buffer.from(block);
    this.save();
  }
  /** The decoded string of a parameter (for logs, the model and tests). */
  text(id: number): string {
    return sysInfoStringFromBlocks(this.blocks.get(id) ?? []).text;
  }

  private save(): void {
    const out: Record<string, string[]> = {};
    for (const p of STRING_PARAMS) if (!VOLATILE.has(p.id)) out[p.name] = this.blocks.get(p.id)!.map((b) => b.toString('hex'));
    this.section.save(out);
  }
}
