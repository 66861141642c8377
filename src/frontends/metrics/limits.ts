import type { Clock, Timer } from '../../lib/clock';

/**
 * A counting semaphore with a FIFO queue. `acquire` waits for a slot until a monotonic
 * deadline; it resolves with a release function (idempotent), or undefined when the deadline
 * passed first.
 */
export class Semaphore {
  private active = 0;
  private readonly queue: Array<{ grant: (release: () => void) => void }> = [];
  constructor(
    readonly limit: number,
    private readonly clock: Clock,
  ) {
    if (!(limit >= 1)) throw new RangeError(`semaphore limit must be at least 1, got ${limit}`);
  }

  get inUse(): number {
    return this.active;
  }
  get waiting(): number {
    return this.queue.length;
  }

  acquire(deadline = Infinity): Promise<(() => void) | undefined> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    const wait = deadline - this.clock.monotonic();
    if (wait <= 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      let timer: Timer | undefined;
      const entry = {
        grant: (release: () => void) => {
          if (timer) this.clock.clear(timer);
          resolve(release);
        },
      };
      this.queue.push(entry);
      if (Number.isFinite(wait)) {
        timer = this.clock.setTimeout(() => {
          const i = this.queue.indexOf(entry);
          if (i >= 0) this.queue.splice(i, 1);
          resolve(undefined);
        }, wait);
      }
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      if (next) next.grant(this.releaser());
      else this.active--;
    };
  }
}

/** Resolves true when `p` settles before the monotonic deadline, false otherwise. Never rejects. */
export function settlesBefore(p: Promise<unknown>, deadline: number, clock: Clock): Promise<boolean> {
  const wait = deadline - clock.monotonic();
  return new Promise((resolve) => {
    let timer: Timer | undefined;
    const done = (v: boolean) => {
      if (timer) clock.clear(timer);
      resolve(v);
    };
    p.then(
      () => done(true),
      () => done(true),
    );
    if (wait <= 0) done(false);
    else if (Number.isFinite(wait)) timer = clock.setTimeout(() => done(false), wait);
  });
}
