import type { Clock, Timer } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { BackendSink, ConsoleBackend } from './backend';

/** An open connection to the system's serial line, as a stream back end sees it. */
export interface Line {
  write(data: Buffer): void;
  pause(): void;
  resume(): void;
  sendBreak(): void;
  close(): Promise<void>;
}

/** What a line reports back while it is open. */
export interface LineEvents {
  data(chunk: Buffer): void;
  /** The line is gone (socket closed, process exited, device error); `why` is for the log. */
  closed(why: string): void;
}

/**
 * A console back end over something that can be opened, can fail and can close: a socket, a
 * pty, a command. It opens the line at start, opens it again `retryMs` after it closed or
 * could not be opened (logging the first failure of a run at warn, the repeats at debug), and
 * drops characters typed while it is down, as a serial line with nothing attached does.
 */
export abstract class StreamBackend implements ConsoleBackend {
  sink?: BackendSink;
  private line?: Line;
  private timer?: Timer;
  private running = false;
  private paused = false;
  private failures = 0;
  /** Characters typed while the line was down (dropped). */
  dropped = 0;

  constructor(
    readonly describe: string,
    protected readonly clock: Clock,
    protected readonly log: Logger,
    private readonly retryMs: number,
  ) {}

  /** Open the line; resolve once it carries data, reject when it cannot. */
  protected abstract open(events: LineEvents): Promise<Line>;

  get available(): boolean {
    return this.line !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) this.clock.clear(this.timer);
    this.timer = undefined;
    const line = this.line;
    this.line = undefined;
    if (line) await line.close();
  }

  write(data: Buffer): void {
    if (this.line) this.line.write(data);
    else this.dropped += data.length;
  }
  sendBreak(): void {
    this.line?.sendBreak();
  }
  carrier(up: boolean): void {
    this.log.debug({ line: this.describe, carrier: up }, 'DCD/DSR change (not signalled on this kind of line)');
  }
  pause(): void {
    this.paused = true;
    this.line?.pause();
  }
  resume(): void {
    this.paused = false;
    this.line?.resume();
  }

  private connect(): void {
    if (!this.running) return;
    let mine: Line | undefined;
    let gone = false;
    const events: LineEvents = {
      data: (chunk) => {
        if (this.line === mine) this.sink?.output(chunk);
      },
      closed: (why) => {
        if (gone) return;
        gone = true;
        if (mine && this.line === mine) {
          this.line = undefined;
          this.log.info({ line: this.describe, why }, 'console line closed');
          this.sink?.availability(false);
        }
        this.retry();
      },
    };
    this.open(events).then(
      (line) => {
        if (!this.running || gone) {
          void line.close();
          return;
        }
        mine = line;
        this.line = line;
        this.failures = 0;
        if (this.paused) line.pause();
        this.sink?.availability(true);
      },
      (e: Error) => {
        if (gone) return;
        gone = true;
        const level = this.failures++ === 0 ? 'warn' : 'debug';
        this.log[level]({ line: this.describe, err: e.message }, 'console line cannot be opened; retrying');
        this.retry();
      },
    );
  }

  private retry(): void {
    if (!this.running || this.timer) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.connect();
    }, this.retryMs);
    this.timer.unref?.();
  }
}
