import fs from 'node:fs';
import path from 'node:path';
import { Clock, Timer, systemClock } from '../../lib/clock';
import { Logger, silentLogger } from '../../lib/logger';
import type { IpmiClient } from '../client';
import { SolConsole, SolConsoleOptions } from './console';

export interface ConsoleRecorderOptions extends SolConsoleOptions {
  /** Append the console's output to this file. */
  file?: string;
  /** Keep the last this many bytes in memory (default 65536). */
  historyBytes?: number;
  /** Wait before activating again after the console ended or could not open (default 5000). */
  reopenMs?: number;
}

/**
 * The device layer keeping a BMC's serial console open (issue 9): activates SOL, records what
 * the system prints (in memory, the last N bytes, and optionally appended to a file), and
 * activates it again after it ends (the BMC restarted, another session took it, the link
 * dropped). `steal` decides whether it takes the console from another session.
 */
export class ConsoleRecorder {
  private sol?: SolConsole;
  private timer?: Timer;
  private running = false;
  private ring: Buffer;
  private ringEnd = 0;
  private ringFull = false;
  private stream?: fs.WriteStream;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly listeners = new Set<(d: Buffer) => void>();
  /** Activations so far, and bytes recorded. */
  readonly counts = { activations: 0, bytes: 0 };
  lastError?: string;

  constructor(
    private readonly client: IpmiClient,
    private readonly o: ConsoleRecorderOptions = {},
  ) {
    this.clock = o.clock ?? systemClock;
    this.log = (o.log ?? silentLogger).child({ console: client.target });
    this.ring = Buffer.alloc(o.historyBytes ?? 65536);
  }

  get console(): SolConsole | undefined {
    return this.sol;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.o.file) {
      fs.mkdirSync(path.dirname(this.o.file), { recursive: true });
      this.stream = fs.createWriteStream(this.o.file, { flags: 'a', mode: 0o600 });
      this.stream.on('error', (e) => this.log.warn({ file: this.o.file, err: e.message }, 'console log write failed'));
    }
    void this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) this.clock.clear(this.timer);
    this.timer = undefined;
    const sol = this.sol;
    this.sol = undefined;
    await sol?.close().catch((e) => this.log.debug({ err: (e as Error).message }, 'SOL deactivation failed'));
    const s = this.stream;
    this.stream = undefined;
    if (s) await new Promise<void>((r) => s.end(r));
  }

  /** Follow the output; returns the unsubscribe function. */
  subscribe(fn: (d: Buffer) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The last historyBytes of output, oldest first. */
  history(): Buffer {
    return this.ringFull ? Buffer.concat([this.ring.subarray(this.ringEnd), this.ring.subarray(0, this.ringEnd)]) : Buffer.from(this.ring.subarray(0, this.ringEnd));
  }

  private async open(): Promise<void> {
    if (!this.running) return;
    try {
      const sol = await SolConsole.open(this.client, this.o);
      if (!this.running) return void (await sol.close().catch(() => undefined));
      this.sol = sol;
      this.counts.activations++;
      this.lastError = undefined;
      this.log.info({ session: sol.sessionId }, 'console recording');
      sol.onData((d) => this.record(d));
      sol.onEnd((why) => {
        if (this.sol !== sol) return;
        this.sol = undefined;
        this.lastError = why;
        this.log.info({ why }, 'console ended; activating again');
        this.again();
      });
    } catch (e) {
      this.lastError = (e as Error).message;
      this.log.info({ err: this.lastError }, 'console cannot be activated; trying again');
      this.again();
    }
  }

  private again(): void {
    if (!this.running || this.timer) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.open();
    }, this.o.reopenMs ?? 5000);
    this.timer.unref?.();
  }

  private record(d: Buffer): void {
    this.counts.bytes += d.length;
    this.stream?.write(d);
    const cap = this.ring.length;
    const src = d.length > cap ? d.subarray(d.length - cap) : d;
    const first = Math.min(src.length, cap - this.ringEnd);
    src.copy(this.ring, this.ringEnd, 0, first);
    src.copy(this.ring, 0, first);
    if (this.ringEnd + src.length >= cap) this.ringFull = true;
    this.ringEnd = (this.ringEnd + src.length) % cap;
    for (const fn of [...this.listeners]) fn(d);
  }
}
