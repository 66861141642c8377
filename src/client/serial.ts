import { Clock, systemClock } from '../lib/clock';
import { DecodeError, TransportError } from '../lib/errors';
import { Logger, silentLogger } from '../lib/logger';
import { SerialLine, SerialMode, SerialPacket } from '../transport/serial';
import { commandName } from './answer';
import { Exchanges } from './exchange';
import { DEFAULT_RETRY, IpmiLink, IpmiRequest, IpmiResponse, LinkOptions, LinkStats, RetryPolicy } from './types';

export interface SerialOptions extends LinkOptions {
  path: string;
  /** Default 115200. */
  baud?: number;
  mode: SerialMode;
  /** Requests outstanding at once (default 1: serial BMCs usually handle one at a time). */
  maxInFlight?: number;
}

/**
 * A BMC on a serial line in basic or terminal mode (v2.0 §14). The line carries no session:
 * requests run at whatever privilege the BMC gives the serial channel (our serial virtual BMC
 * gives Administrator; ipmitool's serial interfaces do not log in either). Answers are matched
 * by the 6-bit sequence number plus NetFn and command; a lost one is resent with the same
 * sequence number, with the retry policy's backoff.
 */
export class SerialLink implements IpmiLink {
  readonly target: string;
  readonly stats: LinkStats = { sent: 0, received: 0, retransmits: 0, logins: 0, garbage: 0 };
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly maxInFlight: number;
  private line?: SerialLine;
  private opening?: Promise<SerialLine>;
  private readonly exchanges: Exchanges<number>;
  private readonly expect = new Map<number, { netFn: number; cmd: number }>();
  private nextSeq = 1;
  private inFlight = 0;
  private readonly queue: Array<() => void> = [];
  private lastGarbage?: string;
  private closed = false;

  constructor(readonly opts: SerialOptions) {
    this.target = `${opts.path} (${opts.mode} mode)`;
    this.policy = { timeoutMs: opts.timeoutMs ?? DEFAULT_RETRY.timeoutMs, retries: opts.retries ?? DEFAULT_RETRY.retries, backoff: opts.backoff ?? DEFAULT_RETRY.backoff };
    this.clock = opts.clock ?? systemClock;
    this.log = (opts.log ?? silentLogger).child({ peer: opts.path });
    this.maxInFlight = Math.min(32, Math.max(1, opts.maxInFlight ?? 1));
    this.exchanges = new Exchanges(this.clock, this.target, this.stats, () => this.lastGarbage);
  }

  async request(req: IpmiRequest): Promise<IpmiResponse> {
    if (this.closed) throw new TransportError(`link to ${this.target} is closed`);
    const line = await this.open();
    if (this.inFlight >= this.maxInFlight) await new Promise<void>((wake) => this.queue.push(wake));
    if (this.closed) throw new TransportError(`link to ${this.target} is closed`);
    this.inFlight++;
    const seq = this.allocSeq();
    this.expect.set(seq, { netFn: req.netFn | 1, cmd: req.cmd });
    const packet: SerialPacket = { netFn: req.netFn, lun: req.lun ?? 0, seq, cmd: req.cmd, data: req.data };
    try {
      const rsp = await this.exchanges.start<SerialPacket>(seq, {
        what: commandName(req),
        policy: this.policy,
        send: () => {
          line.send(packet);
          this.stats.sent++;
        },
      });
      if (rsp.data.length === 0) throw new DecodeError(`${commandName(req)} response from ${this.target}`, 'short', 3, 'no completion code');
      return { cc: rsp.data[0], data: Buffer.from(rsp.data.subarray(1)) };
    } finally {
      this.expect.delete(seq);
      this.inFlight--;
      this.queue.shift()?.();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.exchanges.failAll(new TransportError(`link to ${this.target} closed`));
    for (const wake of this.queue.splice(0)) wake();
    const line = await this.opening?.catch(() => undefined);
    await line?.close();
  }

  private allocSeq(): number {
    for (let i = 0; i < 64; i++) {
      const s = this.nextSeq;
      this.nextSeq = (this.nextSeq + 1) & 0x3f;
      if (!this.expect.has(s)) return s;
    }
    throw new TransportError(`all 64 sequence numbers on ${this.target} are in use`);
  }

  private open(): Promise<SerialLine> {
    if (this.line) return Promise.resolve(this.line);
    this.opening ??= SerialLine.open(
      { path: this.opts.path, baudRate: this.opts.baud, mode: this.opts.mode },
      {
        packet: (p) => this.onPacket(p),
        garbage: (reason) => {
          this.stats.garbage++;
          this.lastGarbage = reason;
          this.log.debug({ reason }, 'undecodable bytes on the serial line');
        },
      },
    ).then((line) => (this.line = line));
    this.opening.catch(() => (this.opening = undefined));
    return this.opening;
  }

  private onPacket(p: SerialPacket): void {
    this.stats.received++;
    const exp = this.expect.get(p.seq);
    if (!exp || exp.netFn !== p.netFn || exp.cmd !== p.cmd) return this.log.debug({ seq: p.seq, netFn: p.netFn, cmd: p.cmd }, 'unmatched serial message dropped');
    this.exchanges.settle(p.seq, p);
  }
}
