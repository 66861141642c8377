import type { Clock, Timer } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { DecodeError } from '../../lib/errors';
import { decode, encode } from '../../codec/fields';
import { NO_STATUS, SolBmcPacket, SolConsolePacket, SolConsolePacketValue, SolStatus, nextSolSeq } from '../../codec/session/sol';
import type { DeviceConsole } from '../console/console';
import type { SolSettings } from './config';

/**
 * Unsent output above this many bytes pauses the system's output (flow control towards the
 * back end: a socket stops being read, a command's stdout is paused); below LOW_WATER it resumes.
 */
const HIGH_WATER = 64 * 1024;
const LOW_WATER = 16 * 1024;
/** A retry interval of 0 means "back to back" (Table 26-5); a few ms still let the ACK arrive. */
const MIN_RETRY_MS = 10;
/** A NACKed packet is offered again after this long, so a console that cannot take data is not flooded. */
const NACK_BACKOFF_MS = 100;

export interface SolInstanceOptions {
  settings: SolSettings;
  clock: Clock;
  log: Logger;
  console: DeviceConsole;
  /** Characters per packet the BMC sends (outbound payload size less the 4-byte header). */
  maxCharacters: number;
  /** Activate Payload's startup handshake: CTS and DCD/DSR stay deasserted until the console's first packet. */
  startDeasserted: boolean;
  /** Sends one SOL payload (v2.0 Table 15-2 bytes) to the console in the session. */
  send(payload: Buffer): void;
}

/** Counters for tests, logs and the benchmark. */
export interface SolCounters {
  packetsIn: number;
  duplicatesIn: number;
  charactersIn: number;
  packetsOut: number;
  retransmits: number;
  charactersOut: number;
  /** Packets given up after the retry count (their characters are lost to this console). */
  dropped: number;
  nacksIn: number;
  breaks: number;
}

interface InFlight {
  seq: number;
  data: Buffer;
  payload: Buffer;
  tries: number;
  timer?: Timer;
}

/**
 * One active SOL payload instance, the BMC's side of v2.0 §15: characters from the console are
 * ACKed at once and handed to the system (a retransmission, recognised by its unchanged packet
 * sequence number, is ACKed again and not delivered twice); characters from the system are
 * gathered until the send threshold or the accumulate interval, then sent one packet at a time,
 * each retransmitted unchanged every retry interval until ACKed or the retry count runs out.
 * A partial ACK or a NACK puts the characters not accepted back in front of the queue.
 */
export class SolInstance {
  readonly counters: SolCounters = { packetsIn: 0, duplicatesIn: 0, charactersIn: 0, packetsOut: 0, retransmits: 0, charactersOut: 0, dropped: 0, nacksIn: 0, breaks: 0 };
  private settings: SolSettings;
  private readonly queue: Buffer[] = [];
  private queued = 0;
  /** When the oldest queued character arrived (monotonic ms). */
  private queuedSince = 0;
  private accumulateTimer?: Timer;
  private inFlight?: InFlight;
  private outSeq = 0;
  private lastInSeq = 0;
  private lastInAccepted = 0;
  private overrun = false;
  private holding = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly o: SolInstanceOptions) {
    this.settings = o.settings;
    this.unsubscribe = o.console.subscribe({
      output: (d) => this.output(d),
      availability: () => undefined,
    });
    if (o.startDeasserted) {
      o.console.cts(this, false);
      o.console.carrier(false);
    }
  }

  /** New SOL parameters (a Set SOL Configuration Parameters while active). */
  update(settings: SolSettings): void {
    this.settings = settings;
  }

  /** The last sequence number the console used, which a deactivation notice NACKs (pyghmi reads it so). */
  get lastConsoleSeq(): number {
    return this.lastInSeq;
  }

  // ------------------------------------------------------------------ console -> system

  receive(raw: Buffer): void {
    if (this.closed) return;
    let p: SolConsolePacketValue;
    try {
      p = decode(SolConsolePacket, raw, 'SOL payload');
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.o.log.debug({ err: e.message }, 'undecodable SOL packet dropped');
      return;
    }
    if (p.ackSeq !== 0) this.acked(p);
    // CTS and DCD/DSR are levels: every packet carries them.
    this.o.console.cts(this, !p.operation.ctsPause);
    this.o.console.carrier(!p.operation.dropDcdDsr);
    if (p.seq === 0) return;
    this.counters.packetsIn++;
    if (p.seq === this.lastInSeq) {
      this.counters.duplicatesIn++;
      this.ack(p.seq, this.lastInAccepted);
      return;
    }
    const available = this.o.console.available;
    if (p.operation.flushOutbound) this.flushOutbound();
    if (p.operation.generateBreak) {
      this.counters.breaks++;
      this.o.console.sendBreak();
    }
    if (p.operation.ringWor) this.o.log.debug('SOL ring indicate (wake on ring) requested');
    // Characters for a system that cannot take them (powered off, line down) are ACKed and lost,
    // as on a serial line with nothing listening; the ACK says so (character transfer unavailable).
    if (available) this.o.console.write(p.data);
    this.counters.charactersIn += p.data.length;
    this.lastInSeq = p.seq;
    this.lastInAccepted = p.data.length;
    this.ack(p.seq, p.data.length, !available);
  }

  private ack(seq: number, accepted: number, unavailable = !this.o.console.available): void {
    this.o.send(encode(SolBmcPacket, { seq: 0, ackSeq: seq, accepted, status: { ...NO_STATUS, transferUnavailable: unavailable }, data: Buffer.alloc(0) }));
  }

  // ------------------------------------------------------------------ system -> console

  private output(data: Buffer): void {
    if (this.closed || data.length === 0) return;
    if (this.queued === 0) this.queuedSince = this.o.clock.monotonic();
    this.queue.push(data);
    this.queued += data.length;
    if (this.queued > HIGH_WATER && !this.holding) {
      this.holding = true;
      this.o.console.hold(this, true);
    }
    // A back end that ignores the pause still cannot grow the queue without bound: the oldest
    // characters go, and the next packet says so (transmit overrun).
    while (this.queued > HIGH_WATER * 4) {
      const first = this.queue.shift()!;
      this.queued -= first.length;
      this.overrun = true;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.closed || this.inFlight || this.queued === 0) return;
    const waited = this.o.clock.monotonic() - this.queuedSince;
    if (this.queued >= this.settings.threshold || waited >= this.settings.accumulateMs) {
      if (this.accumulateTimer) this.o.clock.clear(this.accumulateTimer);
      this.accumulateTimer = undefined;
      return this.transmit();
    }
    if (this.accumulateTimer) return;
    this.accumulateTimer = this.o.clock.setTimeout(() => {
      this.accumulateTimer = undefined;
      this.schedule();
    }, this.settings.accumulateMs - waited);
    this.accumulateTimer.unref?.();
  }

  private take(n: number): Buffer {
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0 && this.queue.length) {
      const first = this.queue[0];
      if (first.length <= need) {
        parts.push(this.queue.shift()!);
        need -= first.length;
      } else {
        parts.push(first.subarray(0, need));
        this.queue[0] = first.subarray(need);
        need = 0;
      }
    }
    const out = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    this.queued -= out.length;
    if (this.holding && this.queued < LOW_WATER) {
      this.holding = false;
      this.o.console.hold(this, false);
    }
    return out;
  }

  private transmit(): void {
    const data = this.take(Math.min(this.o.maxCharacters, this.queued));
    this.outSeq = nextSolSeq(this.outSeq);
    const status: SolStatus = { ...NO_STATUS, transferUnavailable: !this.o.console.available, transmitOverrun: this.overrun };
    this.overrun = false;
    const payload = encode(SolBmcPacket, { seq: this.outSeq, ackSeq: 0, accepted: 0, status, data });
    this.inFlight = { seq: this.outSeq, data, payload, tries: 0 };
    this.counters.packetsOut++;
    this.counters.charactersOut += data.length;
    this.o.send(payload);
    this.armRetry();
  }

  private armRetry(delay = Math.max(MIN_RETRY_MS, this.settings.retryIntervalMs)): void {
    const f = this.inFlight!;
    f.timer = this.o.clock.setTimeout(() => {
      f.timer = undefined;
      if (this.inFlight !== f || this.closed) return;
      if (f.tries >= this.settings.retries) {
        // v2.0 §26.2 parameter 4: a packet is dropped when its retries run out unACKed.
        this.counters.dropped++;
        this.o.log.debug({ seq: f.seq, characters: f.data.length, retries: f.tries }, 'SOL packet not acknowledged; dropped');
        this.inFlight = undefined;
        return this.schedule();
      }
      f.tries++;
      this.counters.retransmits++;
      this.o.send(f.payload);
      this.armRetry();
    }, delay);
    f.timer.unref?.();
  }

  private acked(p: SolConsolePacketValue): void {
    const f = this.inFlight;
    if (!f || p.ackSeq !== f.seq) return;
    if (f.timer) this.o.clock.clear(f.timer);
    this.inFlight = undefined;
    const accepted = Math.min(p.accepted, f.data.length);
    if (p.operation.nack) this.counters.nacksIn++;
    if (accepted < f.data.length) {
      // The characters not accepted go out again first (in a new packet, as ipmitool and FreeIPMI expect).
      this.queue.unshift(f.data.subarray(accepted));
      this.queued += f.data.length - accepted;
      if (p.operation.nack) {
        const t = this.o.clock.setTimeout(() => this.schedule(), NACK_BACKOFF_MS);
        t.unref?.();
        return;
      }
    }
    this.schedule();
  }

  private flushOutbound(): void {
    this.queue.length = 0;
    this.queued = 0;
    if (this.holding) {
      this.holding = false;
      this.o.console.hold(this, false);
    }
  }

  // ------------------------------------------------------------------ end

  /**
   * Stop. `notify` sends the console a last packet with "SOL deactivating" set (another session
   * deactivated this one, or SOL was disabled), NACKing its last packet: pyghmi only reads the
   * deactivating bit from a NACK of its own packet, FreeIPMI from any packet.
   */
  close(notify: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (notify) this.o.send(encode(SolBmcPacket, { seq: 0, ackSeq: this.lastInSeq, accepted: 0, status: { ...NO_STATUS, nack: true, deactivating: true }, data: Buffer.alloc(0) }));
    if (this.accumulateTimer) this.o.clock.clear(this.accumulateTimer);
    if (this.inFlight?.timer) this.o.clock.clear(this.inFlight.timer);
    this.inFlight = undefined;
    this.unsubscribe();
    this.o.console.release(this);
    this.o.console.carrier(true);
  }
}
