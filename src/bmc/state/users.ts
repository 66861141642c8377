import { Privilege } from '../../codec/message/netfn';
import type { DeviceStore } from './store';

/**
 * IPMI users of one virtual BMC (v2.0 §6.9, §22.26-22.30). User 1 is the null user (no name).
 * Passwords are kept as the 16/20-byte key the RAKP and v1.5 authcode computations need:
 * a BMC must hold the key itself, so this store cannot hash it (the bridge's own WS-Man
 * accounts are hashed, see frontends/wsman). The state file is written with mode 0600.
 */
export interface ChannelAccess {
  /** Privilege limit on this channel: 1 callback .. 4 administrator, 15 = no access. */
  privilegeLimit: number;
  ipmiMessaging: boolean;
  linkAuth: boolean;
  callbackOnly: boolean;
}
/** Which payloads a user may activate on a channel (v2.0 §24.6-24.7). */
export interface PayloadAccess {
  /** Serial over LAN (standard payload type 1). */
  sol: boolean;
  /** OEM payload types 20h-27h, bit n = type 20h + n. */
  oem: number;
}

/**
 * Without a Set User Payload Access, every user may activate SOL (what the BMC allowed before the
 * command existed here; SOL's own privilege level, parameter 2, still applies).
 */
export const DEFAULT_PAYLOAD_ACCESS: Readonly<PayloadAccess> = Object.freeze({ sol: true, oem: 0 });

export interface User {
  id: number;
  name: string;
  /** Up to 20 bytes; kept as hex in the state file. */
  password: Buffer;
  /** True when the last Set User Password stored a 20-byte password. */
  password20: boolean;
  enabled: boolean;
  /** Per channel number. */
  access: Record<number, ChannelAccess>;
  /** Per channel number; a channel without an entry has DEFAULT_PAYLOAD_ACCESS. */
  payloads: Record<number, PayloadAccess>;
}

export const NO_ACCESS = 0x0f;

export interface UserSeed {
  id?: number;
  name: string;
  password: string;
  privilege: keyof typeof Privilege;
  enabled?: boolean;
}

interface StoredUser {
  id: number;
  name: string;
  password: string;
  password20: boolean;
  enabled: boolean;
  access: Record<number, ChannelAccess>;
  /** Absent in state written before Set User Payload Access existed. */
  payloads?: Record<number, PayloadAccess>;
}

export class UserStore {
  private readonly users: User[] = [];
  constructor(
    readonly maxUsers: number,
    readonly channels: number[],
    private readonly store?: DeviceStore,
    seeds: UserSeed[] = [],
  ) {
    const stored = store?.load<StoredUser[]>('users');
    for (let id = 1; id <= maxUsers; id++) this.users.push(this.blank(id));
    if (stored) {
      for (const s of stored) {
        if (s.id < 1 || s.id > maxUsers) continue;
        this.users[s.id - 1] = { ...s, password: Buffer.from(s.password, 'hex'), payloads: s.payloads ?? {} };
      }
    } else {
      let next = 2;
      for (const seed of seeds) {
        const id = seed.id ?? next;
        next = Math.max(next, id + 1);
        const u = this.users[id - 1];
        if (!u) continue;
        u.name = seed.name;
        u.password = Buffer.from(seed.password, 'utf8');
        u.password20 = u.password.length > 16;
        u.enabled = seed.enabled ?? true;
        for (const ch of channels)
          u.access[ch] = { privilegeLimit: Privilege[seed.privilege], ipmiMessaging: true, linkAuth: true, callbackOnly: false };
      }
    }
  }

  private blank(id: number): User {
    const access: Record<number, ChannelAccess> = {};
    for (const ch of this.channels) access[ch] = { privilegeLimit: NO_ACCESS, ipmiMessaging: false, linkAuth: false, callbackOnly: false };
    return { id, name: '', password: Buffer.alloc(0), password20: false, enabled: false, access, payloads: {} };
  }

  get(id: number): User | undefined {
    return this.users[id - 1];
  }
  all(): readonly User[] {
    return this.users;
  }
  /** First enabled user with this name ('' = the null user, id 1). */
  findByName(name: string): User | undefined {
    if (name === '') return this.users[0];
    return this.users.find((u) => u.name === name);
  }
  /** The password as the 16- or 20-byte key (zero-padded), for v1.5 authcodes and RAKP. */
  key(u: User, len: 16 | 20 = u.password20 ? 20 : 16): Buffer {
    const k = Buffer.alloc(len);
    u.password.copy(k, 0, 0, Math.min(len, u.password.length));
    return k;
  }
  access(u: User, channel: number): ChannelAccess {
    return u.access[channel] ?? { privilegeLimit: NO_ACCESS, ipmiMessaging: false, linkAuth: false, callbackOnly: false };
  }
  payloadAccess(u: User, channel: number): Readonly<PayloadAccess> {
    return u.payloads[channel] ?? DEFAULT_PAYLOAD_ACCESS;
  }
  /** Apply a change and persist it before returning (the caller acknowledges after this). */
  update(id: number, change: (u: User) => void): void {
    const u = this.users[id - 1];
    if (!u) throw new RangeError(`user ${id} out of range 1..${this.maxUsers}`);
    change(u);
    this.persist();
  }
  persist(): void {
    this.store?.save<StoredUser[]>(
      'users',
      this.users.map((u) => ({ ...u, password: u.password.toString('hex') })),
    );
  }
  counts(channel: number): { enabled: number; fixedNames: number } {
    return { enabled: this.users.filter((u) => u.enabled && this.access(u, channel).privilegeLimit !== NO_ACCESS).length, fixedNames: 1 };
  }
}
