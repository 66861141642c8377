/** An injectable clock so tests can run behaviour, timeouts and SEL time at any speed. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Monotonic milliseconds (for durations and timeouts). */
  monotonic(): number;
  setTimeout(fn: () => void, ms: number): Timer;
  setInterval(fn: () => void, ms: number): Timer;
  clear(t: Timer): void;
}
export interface Timer {
  unref?(): unknown;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clear: (t) => clearTimeout(t as NodeJS.Timeout),
};

/** A manual clock for tests: time moves only when advance() is called. */
export class ManualClock implements Clock {
  private t: number;
  private mono = 0;
  private nextId = 1;
  private timers = new Map<number, { at: number; fn: () => void; every?: number }>();
  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.t = startMs;
  }
  now(): number {
    return this.t;
  }
  monotonic(): number {
    return this.mono;
  }
  setTimeout(fn: () => void, ms: number): Timer {
    const id = this.nextId++;
    this.timers.set(id, { at: this.mono + ms, fn });
    return { id } as Timer;
  }
  setInterval(fn: () => void, ms: number): Timer {
    const id = this.nextId++;
    this.timers.set(id, { at: this.mono + ms, fn, every: Math.max(1, ms) });
    return { id } as Timer;
  }
  clear(t: Timer): void {
    this.timers.delete((t as { id: number }).id);
  }
  /** Move time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.mono + ms;
    for (;;) {
      let nextId = -1;
      let nextAt = Infinity;
      for (const [id, tm] of this.timers) if (tm.at <= end && tm.at < nextAt) (nextAt = tm.at), (nextId = id);
      if (nextId < 0) break;
      const tm = this.timers.get(nextId)!;
      this.t += tm.at - this.mono;
      this.mono = tm.at;
      if (tm.every) tm.at += tm.every;
      else this.timers.delete(nextId);
      tm.fn();
    }
    this.t += end - this.mono;
    this.mono = end;
  }
}
