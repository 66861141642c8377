import { randomUInt32 } from '../lib/random';
import { Privilege } from '../codec/message/netfn';
import type { SessionKeys } from '../codec/session/packet';
import type { CipherSuite } from '../codec/session/algorithms';
import type { SessionView } from './dispatch';
import type { User } from './state/users';
import type { Clock, Timer } from '../lib/clock';

/**
 * The session table of one virtual BMC (v2.0 §6.12): active sessions of both protocol
 * versions, RMCP+ sessions between Open Session and RAKP 3, and v1.5 challenges between
 * Get Session Challenge and Activate Session. Idle sessions are closed after the timeout.
 */
export interface Session extends SessionView {
  /** The BMC-side (managed system) session ID: what the console puts in its packets. */
  readonly id: number;
  /** v2.0: the console's session ID, which the BMC puts in its packets. v1.5: equal to id. */
  readonly consoleId: number;
  /** v1.5 authentication type, v2.0 cipher suite and keys. */
  readonly authType?: number;
  readonly suite?: CipherSuite;
  readonly keys?: SessionKeys;
  /** The user's 16-byte key for v1.5 AuthCodes. */
  readonly password16?: Buffer;
  outboundSeq: number;
  lastActivity: number;
  /** Highest inbound sequence number accepted, and a bitmap of the 32 below it. */
  inHigh: number;
  inSeen: number;
  /** Set by Close Session of this very session: it closes once the reply is sent. */
  closing: boolean;
}

/** What opening a session takes; the table fills in the rest. */
export type SessionInit = Omit<Session, 'handle' | 'lastActivity' | 'inHigh' | 'inSeen' | 'closing'> & { inHigh?: number };

export interface PendingRakp {
  bmcSessionId: number;
  consoleSessionId: number;
  suite: CipherSuite;
  requestedPrivilege: number;
  created: number;
  peer: { address: string; port: number };
  /** Filled at RAKP 1. */
  rakp1?: { consoleRandom: Buffer; bmcRandom: Buffer; role: number; userName: string; user: User; userKey: Buffer };
}

export interface PendingChallenge {
  tempId: number;
  user: User;
  authType: number;
  challenge: Buffer;
  created: number;
}

/** How long an unfinished RAKP exchange or v1.5 challenge is kept. */
export const PENDING_TTL_MS = 10_000;
/** Inbound sequence window (v2.0 §6.12.13: RMCP+ accepts 32, v1.5 8 behind; we use 16 either side). */
const WINDOW = 16;

export class SessionTable {
  readonly active = new Map<number, Session>();
  readonly pending = new Map<number, PendingRakp>();
  readonly challenges = new Map<number, PendingChallenge>();
  private nextHandle = 1;
  private sweeper?: Timer;

  constructor(
    private readonly clock: Clock,
    readonly maxSessions: number,
    private readonly idleTimeoutMs: number,
    private readonly onClose: (s: Session, why: string) => void = () => undefined,
  ) {}

  /** A fresh non-zero ID not used by any session, pending exchange or challenge. */
  newId(): number {
    for (;;) {
      const id = randomUInt32();
      if (id !== 0 && !this.active.has(id) && !this.pending.has(id) && !this.challenges.has(id)) return id;
    }
  }

  hasRoom(): boolean {
    this.expire();
    return this.active.size < this.maxSessions;
  }

  /**
   * Pending exchanges are bounded so a flood of Open Session requests cannot grow memory; the
   * oldest is dropped to make room, so a flood delays a real login instead of locking it out.
   */
  addPending(p: PendingRakp): boolean {
    this.expire();
    if (this.pending.size >= this.maxSessions * 4) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(p.bmcSessionId, p);
    return true;
  }
  addChallenge(c: PendingChallenge): boolean {
    this.expire();
    if (this.challenges.size >= this.maxSessions * 4) this.challenges.delete(this.challenges.keys().next().value!);
    this.challenges.set(c.tempId, c);
    return true;
  }

  open(s: SessionInit): Session {
    // Every field named, in one order, whatever the protocol version: all sessions then share
    // one object shape, so the request path reads them without polymorphic lookups (and a
    // spread of the argument cost more than the rest of RAKP 3).
    const session: Session = {
      id: s.id,
      consoleId: s.consoleId,
      handle: this.allocHandle(),
      userId: s.userId,
      userName: s.userName,
      maxPrivilege: s.maxPrivilege,
      privilege: s.privilege,
      ipmiVersion: s.ipmiVersion,
      peer: s.peer,
      channel: s.channel,
      authType: s.authType,
      suite: s.suite,
      keys: s.keys,
      password16: s.password16,
      outboundSeq: s.outboundSeq,
      lastActivity: this.clock.monotonic(),
      inHigh: s.inHigh ?? 0,
      inSeen: 0,
      closing: false,
    };
    this.active.set(session.id, session);
    this.startSweeper();
    return session;
  }

  private allocHandle(): number {
    const used = new Set([...this.active.values()].map((s) => s.handle));
    for (let i = 0; i < 255; i++) {
      const h = this.nextHandle;
      this.nextHandle = (this.nextHandle % 254) + 1;
      if (!used.has(h)) return h;
    }
    throw new Error('no session handle free');
  }

  get(id: number): Session | undefined {
    const s = this.active.get(id);
    if (s && this.clock.monotonic() - s.lastActivity > this.idleTimeoutMs) {
      this.close(s, 'idle timeout');
      return undefined;
    }
    return s;
  }
  byHandle(handle: number): Session | undefined {
    return [...this.active.values()].find((s) => s.handle === handle);
  }
  /** The Nth active session (1-based), in handle order, as Get Session Info indexes them. */
  nth(n: number): Session | undefined {
    return [...this.active.values()].sort((a, b) => a.handle - b.handle)[n - 1];
  }

  close(s: Session, why: string): void {
    if (this.active.delete(s.id)) this.onClose(s, why);
  }
  closeAll(why: string): void {
    for (const s of [...this.active.values()]) this.close(s, why);
    this.pending.clear();
    this.challenges.clear();
  }

  /**
   * Accept an inbound session sequence number once, within the window (v2.0 §6.12.13).
   * Replays and numbers far outside the window are rejected.
   */
  acceptSeq(s: Session, seq: number): boolean {
    if (seq === 0) return false;
    const diff = (seq - s.inHigh) | 0;
    if (s.inHigh === 0 || (diff > 0 && diff <= WINDOW)) {
      const shift = s.inHigh === 0 ? 32 : diff;
      s.inSeen = shift >= 32 ? 0 : (s.inSeen << shift) >>> 0;
      s.inSeen = (s.inSeen | 1) >>> 0;
      s.inHigh = seq >>> 0;
      return true;
    }
    if (diff <= 0 && diff > -WINDOW) {
      const bit = (1 << -diff) >>> 0;
      if (s.inSeen & bit) return false;
      s.inSeen = (s.inSeen | bit) >>> 0;
      return true;
    }
    return false;
  }

  touch(s: Session): void {
    s.lastActivity = this.clock.monotonic();
  }

  /** Drop idle sessions and stale pending exchanges. */
  expire(): void {
    const now = this.clock.monotonic();
    for (const s of [...this.active.values()]) if (now - s.lastActivity > this.idleTimeoutMs) this.close(s, 'idle timeout');
    for (const [id, p] of this.pending) if (now - p.created > PENDING_TTL_MS) this.pending.delete(id);
    for (const [id, c] of this.challenges) if (now - c.created > PENDING_TTL_MS) this.challenges.delete(id);
  }

  /**
   * The idle-timeout sweep runs while sessions are open and stops itself at its first tick
   * without any: one-shot tools open and close a session each, and a timer made and cleared per
   * login cost more than the tick that finds nothing to do.
   */
  private startSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = this.clock.setInterval(() => {
      this.expire();
      if (this.active.size === 0) this.stopSweeper();
    }, Math.min(5000, Math.max(100, this.idleTimeoutMs / 4)));
    this.sweeper.unref?.();
  }
  private stopSweeper(): void {
    if (this.sweeper) this.clock.clear(this.sweeper);
    this.sweeper = undefined;
  }
  stop(): void {
    this.stopSweeper();
  }
}

/** The session's starting operating privilege: User, or its maximum when that is lower (v2.0 §22.18). */
export function initialPrivilege(max: number): number {
  return Math.min(max, Privilege.user);
}
