import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../lib/logger';
import type { ConsoleBackend } from './backend';
import { History } from './history';

/** Someone reading the console: a SOL payload instance, a logger, a test. */
export interface ConsoleListener {
  output(data: Buffer): void;
  availability?(available: boolean): void;
}

export interface DeviceConsoleOptions {
  historyBytes: number;
  logFile?: string;
  /** RTS/CTS flow control on the system's UART: CTS holds the system's output. */
  flowControl: boolean;
  log: Logger;
}

/**
 * A virtual BMC's serial console: one back end (simulated system, pty, socket, command), the
 * last N bytes of its output, an optional log file, and whoever listens (the SOL payload).
 * Flow control is a set of holds: while any holder asks, the back end is paused (a SOL instance
 * holds it while its unsent buffer is full; a console's CTS pause holds it when the UART uses
 * flow control).
 */
export class DeviceConsole {
  readonly history: History;
  private readonly listeners = new Set<ConsoleListener>();
  private readonly holds = new Set<unknown>();
  private logStream?: fs.WriteStream;
  private started = false;

  constructor(
    readonly backend: ConsoleBackend,
    private readonly opts: DeviceConsoleOptions,
  ) {
    this.history = new History(opts.historyBytes);
    backend.sink = {
      output: (data) => this.output(data),
      availability: (a) => {
        opts.log.info({ line: backend.describe, available: a }, a ? 'console available' : 'console unavailable');
        for (const l of [...this.listeners]) l.availability?.(a);
      },
    };
  }

  get describe(): string {
    return this.backend.describe;
  }
  get available(): boolean {
    return this.backend.available;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.opts.logFile) this.openLog(this.opts.logFile);
    this.backend.start();
    this.opts.log.info({ line: this.backend.describe }, 'console started');
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.backend.stop();
    const s = this.logStream;
    this.logStream = undefined;
    if (s) await new Promise<void>((resolve) => s.end(resolve));
  }

  /** Listen to the system's output; returns the unsubscribe function. */
  subscribe(l: ConsoleListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  write(data: Buffer): void {
    if (data.length) this.backend.write(data);
  }
  sendBreak(): void {
    this.opts.log.debug({ line: this.backend.describe }, 'break sent to the system');
    this.backend.sendBreak();
  }
  carrier(up: boolean): void {
    this.backend.carrier(up);
  }

  /** Hold (or release) the system's output on behalf of `owner`. */
  hold(owner: unknown, on: boolean): void {
    const was = this.holds.size > 0;
    if (on) this.holds.add(owner);
    else this.holds.delete(owner);
    const now = this.holds.size > 0;
    if (now && !was) this.backend.pause();
    else if (!now && was) this.backend.resume();
  }

  /** The console's CTS as the system's UART sees it: holds output only when the UART uses flow control. */
  cts(owner: unknown, asserted: boolean): void {
    if (this.opts.flowControl) this.hold(ctsKey(owner), !asserted);
  }

  /** Forget a departed owner's holds (a deactivated SOL instance). */
  release(owner: unknown): void {
    this.hold(owner, false);
    this.hold(ctsKey(owner), false);
  }

  private output(data: Buffer): void {
    this.history.push(data);
    this.logStream?.write(data);
    for (const l of [...this.listeners]) l.output(data);
  }

  private openLog(file: string): void {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    } catch (e) {
      this.opts.log.warn({ file, err: (e as Error).message }, 'console log directory cannot be created; not logging');
      return;
    }
    const s = fs.createWriteStream(file, { flags: 'a', mode: 0o600 });
    s.on('error', (e) => {
      this.opts.log.warn({ file, err: e.message }, 'console log write failed; not logging any more');
      if (this.logStream === s) this.logStream = undefined;
    });
    this.logStream = s;
  }
}

const ctsKeys = new WeakMap<object, object>();
function ctsKey(owner: unknown): unknown {
  if (typeof owner !== 'object' || owner === null) return `cts:${String(owner)}`;
  let k = ctsKeys.get(owner);
  if (!k) ctsKeys.set(owner, (k = {}));
  return k;
}
