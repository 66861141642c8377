import { ChannelAccessMode } from '../../codec/commands/app/channel-access-fields';
import { Privilege } from '../../codec/message/netfn';
import type { DeviceStore } from './store';
import { Shape, StateSection } from './section';

/** One channel's access settings (v2.0 §22.22, §22.23). */
export interface ChannelAccess {
  accessMode: number;
  alertingDisabled: boolean;
  perMessageAuthDisabled: boolean;
  userLevelAuthDisabled: boolean;
  /** Highest privilege any session on the channel may have. */
  privilegeLimit: number;
}

/** The BMC Global Enables byte bits (v2.0 §22.1). */
export interface GlobalEnables {
  oem2: boolean;
  oem1: boolean;
  oem0: boolean;
  systemEventLogging: boolean;
  eventMessageBuffer: boolean;
  eventMessageBufferFullInterrupt: boolean;
  receiveMessageQueueInterrupt: boolean;
}

interface Saved {
  globalEnables: GlobalEnables;
  /** Non-volatile channel access by channel number. */
  channels: Record<string, ChannelAccess>;
}

const DEFAULT_ACCESS: ChannelAccess = {
  accessMode: ChannelAccessMode.alwaysAvailable,
  alertingDisabled: false,
  perMessageAuthDisabled: false,
  userLevelAuthDisabled: false,
  privilegeLimit: Privilege.administrator,
};
/** SEL logging on, everything else off (what ipmi_sim 2.0.33 reports too). */
const DEFAULT_ENABLES: GlobalEnables = {
  oem2: false,
  oem1: false,
  oem0: false,
  systemEventLogging: true,
  eventMessageBuffer: false,
  eventMessageBufferFullInterrupt: false,
  receiveMessageQueueInterrupt: false,
};

/**
 * BMC-wide settings: the global enables and each channel's access. Channel access has a
 * non-volatile copy (saved) and a volatile one (the one in force), which a BMC start copies from
 * the non-volatile one (v2.0 §22.22).
 */
export class BmcSettings {
  private readonly section: StateSection<Saved>;
  private data: Saved;
  private readonly volatile = new Map<number, ChannelAccess>();

  constructor(
    store: DeviceStore,
    readonly channelNumbers: readonly number[],
  ) {
    this.section = new StateSection(store, 'settings');
    const channels: Record<string, ChannelAccess> = {};
    for (const ch of channelNumbers) channels[ch] = { ...DEFAULT_ACCESS };
    this.data = this.section.load((raw, s) => check(raw, s, channelNumbers)) ?? { globalEnables: { ...DEFAULT_ENABLES }, channels };
    for (const ch of channelNumbers) this.volatile.set(ch, { ...(this.data.channels[ch] ?? DEFAULT_ACCESS) });
  }

  get globalEnables(): Readonly<GlobalEnables> {
    return this.data.globalEnables;
  }
  setGlobalEnables(e: GlobalEnables): void {
    this.data.globalEnables = { ...e };
    this.save();
  }

  hasChannel(ch: number): boolean {
    return this.volatile.has(ch);
  }
  /** The settings in force (volatile) or the saved ones (non-volatile). */
  channelAccess(ch: number, copy: 'volatile' | 'nonVolatile' = 'volatile'): Readonly<ChannelAccess> {
    return copy === 'volatile' ? this.volatile.get(ch)! : (this.data.channels[ch] ?? DEFAULT_ACCESS);
  }
  setChannelAccess(ch: number, copy: 'volatile' | 'nonVolatile', change: Partial<ChannelAccess>): void {
    if (copy === 'volatile') {
      this.volatile.set(ch, { ...this.volatile.get(ch)!, ...change });
      return;
    }
    this.data.channels[ch] = { ...this.channelAccess(ch, 'nonVolatile'), ...change };
    this.save();
  }

  private save(): void {
    this.section.save(this.data);
  }
}

function check(raw: unknown, s: Shape, channelNumbers: readonly number[]): Saved {
  const o = s.object(raw, '');
  const ge = s.object(o.globalEnables, '/globalEnables');
  const globalEnables = {} as GlobalEnables;
  for (const k of Object.keys(DEFAULT_ENABLES) as (keyof GlobalEnables)[]) globalEnables[k] = s.bool(ge[k], `/globalEnables/${k}`);
  const chs = s.object(o.channels, '/channels');
  const channels: Record<string, ChannelAccess> = {};
  for (const [ch, v] of Object.entries(chs)) {
    const at = `/channels/${ch}`;
    if (!channelNumbers.includes(Number(ch))) s.fail(at, `no such channel (channels: ${channelNumbers.join(', ')})`);
    const a = s.object(v, at);
    channels[ch] = {
      accessMode: s.int(a.accessMode, `${at}/accessMode`, 0, 3),
      alertingDisabled: s.bool(a.alertingDisabled, `${at}/alertingDisabled`),
      perMessageAuthDisabled: s.bool(a.perMessageAuthDisabled, `${at}/perMessageAuthDisabled`),
      userLevelAuthDisabled: s.bool(a.userLevelAuthDisabled, `${at}/userLevelAuthDisabled`),
      privilegeLimit: s.int(a.privilegeLimit, `${at}/privilegeLimit`, 1, 5),
    };
  }
  return { globalEnables, channels };
}
