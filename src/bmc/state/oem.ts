import type { ProfileSpec } from '../../profile/types';
import { SupermicroLanMode } from '../../codec/commands/oem/supermicro-lan-mode';
import type { DeviceStore } from './store';
import { StateSection } from './section';

type LanModeName = keyof typeof SupermicroLanMode;
const MODE_NAMES = Object.keys(SupermicroLanMode) as LanModeName[];

/**
 * Vendor OEM state a profile turns on. Today: Supermicro's LAN interface mode (dedicated, shared,
 * failover), seeded from `lan.supermicroLanMode` and saved as written (`oem.json`).
 */
export class OemState {
  private readonly section: StateSection<{ supermicroLanMode?: LanModeName }>;
  private mode?: LanModeName;

  constructor(store: DeviceStore, profile: ProfileSpec) {
    this.section = new StateSection(store, 'oem');
    this.mode = profile.lan.supermicroLanMode;
    if (this.mode === undefined) return;
    const saved = this.section.load((raw, s) => {
      const o = s.object(raw, '');
      return o.supermicroLanMode === undefined ? {} : { supermicroLanMode: s.oneOf(o.supermicroLanMode, '/supermicroLanMode', MODE_NAMES) };
    });
    if (saved?.supermicroLanMode) this.mode = saved.supermicroLanMode;
  }

  /** The mode code (SupermicroLanMode), or undefined when the profile is not a Supermicro one. */
  supermicroLanMode(): number | undefined {
    return this.mode === undefined ? undefined : SupermicroLanMode[this.mode];
  }
  /** Persisted before it returns (the caller acknowledges after this). */
  setSupermicroLanMode(code: number): void {
    const name = MODE_NAMES.find((n) => SupermicroLanMode[n] === code);
    if (!name) throw new RangeError(`LAN mode ${code}`);
    this.section.save({ supermicroLanMode: name });
    this.mode = name;
  }
}
