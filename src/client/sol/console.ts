import { Clock, Timer, systemClock } from '../../lib/clock';
import { CompletionCodeError, DecodeError, SessionError } from '../../lib/errors';
import { Logger, silentLogger } from '../../lib/logger';
import { decode, encode } from '../../codec/fields';
import { PayloadType } from '../../codec/session/packet';
import { NO_OPERATION, SOL_MAX_CHARACTERS, SolBmcPacket, SolBmcPacketValue, SolConsolePacket, nextSolSeq } from '../../codec/session/sol';
import { ActivatePayload, SharedSerialAlerts } from '../../codec/commands/app/activate-payload';
import { DeactivatePayload, DeactivatePayloadCC } from '../../codec/commands/app/deactivate-payload';
import { GetPayloadActivationStatus } from '../../codec/commands/app/get-payload-activation-status';
import { GetPayloadInstanceInfo } from '../../codec/commands/app/get-payload-instance-info';
import { GetSolConfigurationParameters } from '../../codec/commands/transport/get-sol-configuration-parameters';
import { SolParam } from '../../codec/commands/transport/sol-parameters';
import { decodeParameter } from '../../codec/commands/app/config-parameters';
import type { IpmiClient } from '../client';
import { LanLink } from '../lan/link';
import type { PayloadProtection } from '../lan/wire';

/** ipmitool's and FreeIPMI's "this channel" (v2.0 §6.3). */
const PRESENT_CHANNEL = 0x0e;

export interface SolConsoleOptions {
  /** Payload instance (default 1). */
  instance?: number;
  /** Ask for encryption and authentication of the payload (default true, as ipmitool does). */
  encrypt?: boolean;
  authenticate?: boolean;
  /** Deactivate an instance active in another session first (needs Administrator); default false. */
  steal?: boolean;
  /** Retransmit an unacknowledged packet after this long (default 500 ms)... */
  retryMs?: number;
  /** ...at most this many times before the console gives up (default 10). */
  retries?: number;
  /** After this long without SOL traffic, check (Get Payload Instance Info) the instance is still ours; default 15000, 0 = never. */
  checkMs?: number;
  clock?: Clock;
  log?: Logger;
}

export interface SolConsoleStats {
  packetsOut: number;
  retransmits: number;
  charactersOut: number;
  packetsIn: number;
  duplicatesIn: number;
  charactersIn: number;
  nacks: number;
}

interface InFlight {
  seq: number;
  data: Buffer;
  payload: Buffer;
  tries: number;
  timer?: Timer;
}

/**
 * The remote console's side of Serial-over-LAN (v2.0 §15) over an RMCP+ session of the client:
 * activates the payload, sends typed characters one packet at a time (each retransmitted
 * unchanged, same sequence number, until ACKed), ACKs the BMC's packets and passes their
 * characters on once (a retransmission's repeated characters are dropped, as FreeIPMI does),
 * and ends when the BMC says "SOL deactivating", the instance moves to another session, or
 * a packet goes unacknowledged through every retry.
 */
export class SolConsole {
  readonly stats: SolConsoleStats = { packetsOut: 0, retransmits: 0, charactersOut: 0, packetsIn: 0, duplicatesIn: 0, charactersIn: 0, nacks: 0 };
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private breakPending = false;
  private inFlight?: InFlight;
  private outSeq = 0;
  private lastInSeq = 0;
  private lastInLength = 0;
  private dataFns: Array<(d: Buffer) => void> = [];
  private endFns: Array<(why: string) => void> = [];
  private flushWaiters: Array<() => void> = [];
  private endReason?: string;
  private checkTimer?: Timer;
  private lastTraffic: number;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly client: IpmiClient,
    private readonly link: LanLink,
    readonly instance: number,
    readonly sessionId: number,
    /** Characters per packet the BMC takes (its inbound payload size less the header). */
    readonly maxCharacters: number,
    private readonly protect: PayloadProtection,
    private readonly o: SolConsoleOptions,
  ) {
    this.clock = o.clock ?? systemClock;
    this.log = (o.log ?? silentLogger).child({ sol: instance });
    this.lastTraffic = this.clock.monotonic();
    this.unsubscribe = link.onPayload(PayloadType.Sol, protect, (p) => this.packet(p));
    this.armCheck();
  }

  /** Activate SOL on the BMC `client` talks to (an RMCP+ LAN session). */
  static async open(client: IpmiClient, o: SolConsoleOptions = {}): Promise<SolConsole> {
    const link = client.link;
    if (!(link instanceof LanLink) || link.opts.interface === 'lan') throw new SessionError(`SOL needs an IPMI v2.0 RMCP+ (lanplus) session; ${client.target} is not reached that way`);
    const instance = o.instance ?? 1;
    let want: PayloadProtection = { encrypt: o.encrypt ?? true, authenticate: o.authenticate ?? true };
    if (!want.encrypt || !want.authenticate) {
      // A BMC that forces them (SOL parameter 2) protects the payload anyway: ask for what it will use.
      const p = await client.call(GetSolConfigurationParameters, { channel: { revisionOnly: false, number: PRESENT_CHANNEL }, parameter: SolParam.authentication.id, setSelector: 0, blockSelector: 0 });
      const forced = decodeParameter(SolParam.authentication, p.data);
      want = { encrypt: want.encrypt || forced.forceEncryption, authenticate: want.authenticate || forced.forceAuthentication };
    }
    if (o.steal) {
      const st = await client.call(GetPayloadActivationStatus, { payload: { type: PayloadType.Sol } });
      if (st.active & (1 << (instance - 1))) await client.call(DeactivatePayload, { payload: { type: PayloadType.Sol }, instance: { number: instance }, auxiliary: Buffer.alloc(4) });
    }
    const rsp = await client.call(ActivatePayload, {
      payload: { type: PayloadType.Sol },
      instance: { number: instance },
      sol: { encryption: want.encrypt, authentication: want.authenticate, testMode: false, serialAlerts: SharedSerialAlerts.deferred, startupHandshake: false },
      reserved: Buffer.alloc(3),
    });
    const session = link.session!;
    const deactivate = () => client.call(DeactivatePayload, { payload: { type: PayloadType.Sol }, instance: { number: instance }, auxiliary: Buffer.alloc(4) }).catch(() => undefined);
    // ipmitool 1.8.19 and FreeIPMI 1.6 also take the port byte-swapped (some BMCs send it so); a
    // different port would need a second socket, which neither they nor we open.
    const port = link.remotePort;
    if (rsp.udpPort !== port && (((rsp.udpPort & 0xff) << 8) | (rsp.udpPort >> 8)) !== port) {
      await deactivate();
      throw new SessionError(`${client.target}: the BMC asks for SOL on UDP port ${rsp.udpPort}, not the session's ${port}; not supported`);
    }
    const maxCharacters = Math.min(SOL_MAX_CHARACTERS, rsp.inboundPayloadSize - 4);
    if (maxCharacters < 1) {
      await deactivate();
      throw new SessionError(`${client.target}: Activate Payload gave an inbound payload size of ${rsp.inboundPayloadSize}`);
    }
    const suite = link.suite;
    const protect = { encrypt: want.encrypt && !!suite && suite.confidentiality !== 0, authenticate: want.authenticate && !!suite && suite.integrity !== 0 };
    return new SolConsole(client, link, instance, session.id, maxCharacters, protect, o);
  }

  get ended(): string | undefined {
    return this.endReason;
  }

  onData(fn: (d: Buffer) => void): void {
    this.dataFns.push(fn);
  }
  /** Called once, with why the console ended ("closed" after close()). */
  onEnd(fn: (why: string) => void): void {
    if (this.endReason !== undefined) fn(this.endReason);
    else this.endFns.push(fn);
  }

  /** Characters for the system; they go out in order, none lost or doubled while the BMC answers. */
  write(data: Buffer | string): void {
    if (this.endReason !== undefined) return;
    const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (b.length === 0) return;
    this.queue.push(b);
    this.queued += b.length;
    this.pump();
  }

  /** A break on the system's serial line (sent after the characters written before it). */
  sendBreak(): void {
    if (this.endReason !== undefined) return;
    this.breakPending = true;
    this.pump();
  }

  /** Resolves once everything written so far has been acknowledged (or the console ended). */
  flush(): Promise<void> {
    if (!this.inFlight && this.queued === 0 && !this.breakPending) return Promise.resolve();
    return new Promise((r) => this.flushWaiters.push(r));
  }

  /** Deactivate the payload (v2.0 §24.2) and stop. */
  async close(): Promise<void> {
    if (this.endReason !== undefined) return;
    this.end('closed');
    try {
      await this.client.call(DeactivatePayload, { payload: { type: PayloadType.Sol }, instance: { number: this.instance }, auxiliary: Buffer.alloc(4) });
    } catch (e) {
      if (!(e instanceof CompletionCodeError && e.completionCode === DeactivatePayloadCC.alreadyDeactivated)) throw e;
    }
  }

  // ------------------------------------------------------------------ out

  private pump(): void {
    if (this.inFlight || this.endReason !== undefined) return;
    if (this.queued === 0 && !this.breakPending) {
      for (const w of this.flushWaiters.splice(0)) w();
      return;
    }
    const data = this.take(Math.min(this.maxCharacters, this.queued));
    const brk = this.breakPending;
    this.breakPending = false;
    this.outSeq = nextSolSeq(this.outSeq);
    const payload = encode(SolConsolePacket, { seq: this.outSeq, ackSeq: 0, accepted: 0, operation: { ...NO_OPERATION, generateBreak: brk }, data });
    this.inFlight = { seq: this.outSeq, data, payload, tries: 0 };
    this.stats.packetsOut++;
    this.stats.charactersOut += data.length;
    this.send(payload);
    this.armRetry();
  }

  private take(n: number): Buffer {
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0) {
      const first = this.queue[0];
      const part = first.length <= need ? this.queue.shift()! : first.subarray(0, need);
      if (part !== first) this.queue[0] = first.subarray(need);
      parts.push(part);
      need -= part.length;
    }
    this.queued -= n;
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  private armRetry(): void {
    const f = this.inFlight!;
    f.timer = this.clock.setTimeout(() => {
      f.timer = undefined;
      if (this.inFlight !== f || this.endReason !== undefined) return;
      if (f.tries >= (this.o.retries ?? 10)) return this.end(`no acknowledgement from ${this.client.target} for a SOL packet after ${f.tries} retransmissions`);
      f.tries++;
      this.stats.retransmits++;
      this.send(f.payload);
      this.armRetry();
    }, this.o.retryMs ?? 500);
    f.timer.unref?.();
  }

  private send(payload: Buffer): void {
    try {
      this.link.sendPayload(PayloadType.Sol, payload, this.protect);
    } catch (e) {
      this.end((e as Error).message);
    }
  }

  // ------------------------------------------------------------------ in

  private packet(raw: Buffer): void {
    if (this.endReason !== undefined) return;
    let p: SolBmcPacketValue;
    try {
      p = decode(SolBmcPacket, raw, 'SOL payload');
    } catch (e) {
      if (e instanceof DecodeError) return this.log.debug({ err: e.message }, 'undecodable SOL packet dropped');
      throw e;
    }
    this.lastTraffic = this.clock.monotonic();
    if (p.ackSeq !== 0) this.acked(p);
    if (p.seq !== 0) {
      this.stats.packetsIn++;
      let fresh = p.data;
      if (p.seq === this.lastInSeq) {
        // A retransmission; characters beyond the first copy's are new (v2.0 §15.9 lets the BMC add some).
        this.stats.duplicatesIn++;
        fresh = p.data.subarray(Math.min(this.lastInLength, p.data.length));
      }
      this.lastInSeq = p.seq;
      this.lastInLength = p.data.length;
      this.send(encode(SolConsolePacket, { seq: 0, ackSeq: p.seq, accepted: p.data.length, operation: NO_OPERATION, data: Buffer.alloc(0) }));
      if (fresh.length) {
        this.stats.charactersIn += fresh.length;
        for (const fn of this.dataFns) fn(fresh);
      }
    }
    if (p.status.deactivating) this.end(`SOL deactivated by ${this.client.target}`);
  }

  private acked(p: SolBmcPacketValue): void {
    const f = this.inFlight;
    if (!f || p.ackSeq !== f.seq) return;
    if (f.timer) this.clock.clear(f.timer);
    this.inFlight = undefined;
    let accepted = Math.min(p.accepted, f.data.length);
    // Characters the system cannot take now are gone, as on a serial line nobody listens to.
    if (p.status.transferUnavailable) accepted = f.data.length;
    if (p.status.nack) this.stats.nacks++;
    if (accepted < f.data.length) {
      this.queue.unshift(f.data.subarray(accepted));
      this.queued += f.data.length - accepted;
      if (p.status.nack) {
        const t = this.clock.setTimeout(() => this.pump(), this.o.retryMs ?? 500);
        t.unref?.();
        return;
      }
    }
    this.pump();
  }

  // ------------------------------------------------------------------ liveness

  private armCheck(): void {
    const every = this.o.checkMs ?? 15_000;
    if (every <= 0 || this.endReason !== undefined) return;
    this.checkTimer = this.clock.setTimeout(() => {
      this.checkTimer = undefined;
      if (this.endReason !== undefined) return;
      if (this.clock.monotonic() - this.lastTraffic < every) return this.armCheck();
      this.client.call(GetPayloadInstanceInfo, { payloadType: PayloadType.Sol, instance: this.instance }).then(
        (info) => {
          const now = this.link.session?.id;
          if (info.sessionId !== this.sessionId || now !== this.sessionId) this.end(`SOL instance ${this.instance} is no longer active in this session`);
          else this.armCheck();
        },
        (e) => this.end(`SOL check failed: ${(e as Error).message}`),
      );
    }, every);
    this.checkTimer.unref?.();
  }

  private end(why: string): void {
    if (this.endReason !== undefined) return;
    this.endReason = why;
    if (this.inFlight?.timer) this.clock.clear(this.inFlight.timer);
    if (this.checkTimer) this.clock.clear(this.checkTimer);
    this.unsubscribe();
    for (const w of this.flushWaiters.splice(0)) w();
    this.log.info({ why, ...this.stats }, 'SOL console ended');
    for (const fn of this.endFns.splice(0)) fn(why);
  }
}
