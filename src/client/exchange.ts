import type { Clock, Timer } from '../lib/clock';
import { DecodeError, TimeoutError } from '../lib/errors';
import { LinkStats, RetryPolicy, attemptTimeoutMs } from './types';

interface Waiter {
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer?: Timer;
}

export interface ExchangeOptions {
  /** What is being waited for, for the error ("Get Device ID", "RAKP Message 2"). */
  what: string;
  policy: RetryPolicy;
  /** Sends attempt n (0-based). Called again for every retransmission. */
  send(attempt: number): void;
  /** Called when attempt n timed out, before the next one is sent (session-loss detection). */
  onAttemptTimeout?(attempt: number): void;
}

/**
 * Outstanding requests of one link, keyed by whatever matches an answer to its request (the
 * IPMB rqSeq for IPMI messages, the payload type for RMCP+ handshake messages). Each entry
 * retransmits on its own backoff schedule and fails with a TimeoutError naming the target,
 * or with a DecodeError ("protocol error") when only undecodable answers came back meanwhile.
 */
export class Exchanges<K> {
  private readonly waiters = new Map<K, Waiter>();
  constructor(
    private readonly clock: Clock,
    private readonly target: string,
    private readonly stats: LinkStats,
    /** The last reason an answer was dropped as undecodable (for the protocol error). */
    private readonly lastGarbage: () => string | undefined,
  ) {}

  has(key: K): boolean {
    return this.waiters.has(key);
  }
  get size(): number {
    return this.waiters.size;
  }

  start<V>(key: K, o: ExchangeOptions): Promise<V> {
    if (this.waiters.has(key)) throw new Error(`exchange ${String(key)} already outstanding`);
    const started = this.clock.monotonic();
    const garbageAtStart = this.stats.garbage;
    return new Promise<V>((resolve, reject) => {
      const w: Waiter = { resolve: resolve as (v: unknown) => void, reject };
      this.waiters.set(key, w);
      const attempt = (n: number) => {
        if (this.waiters.get(key) !== w) return;
        if (n > 0) this.stats.retransmits++;
        try {
          o.send(n);
        } catch (e) {
          this.waiters.delete(key);
          reject(e as Error);
          return;
        }
        w.timer = this.clock.setTimeout(() => {
          w.timer = undefined;
          if (this.waiters.get(key) !== w) return;
          o.onAttemptTimeout?.(n);
          if (this.waiters.get(key) !== w) return;
          if (n < o.policy.retries) return attempt(n + 1);
          this.waiters.delete(key);
          const ms = Math.round(this.clock.monotonic() - started);
          const garbage = this.stats.garbage - garbageAtStart;
          if (garbage > 0)
            reject(
              new DecodeError(
                `answer from ${this.target} to ${o.what}`,
                'invalid',
                0,
                `protocol error: ${garbage} undecodable answer(s) in ${ms} ms, last: ${this.lastGarbage() ?? 'unknown'}`,
              ),
            );
          else reject(new TimeoutError(`no answer from ${this.target} to ${o.what} after ${n + 1} attempt(s) in ${ms} ms`));
        }, attemptTimeoutMs(o.policy, n));
        w.timer.unref?.();
      };
      attempt(0);
    });
  }

  /** Deliver an answer; false when nothing waits for this key (a late duplicate). */
  settle(key: K, value: unknown): boolean {
    const w = this.waiters.get(key);
    if (!w) return false;
    this.waiters.delete(key);
    if (w.timer) this.clock.clear(w.timer);
    w.resolve(value);
    return true;
  }

  fail(key: K, err: Error): void {
    const w = this.waiters.get(key);
    if (!w) return;
    this.waiters.delete(key);
    if (w.timer) this.clock.clear(w.timer);
    w.reject(err);
  }

  failAll(err: Error, filter: (key: K) => boolean = () => true): void {
    for (const k of [...this.waiters.keys()]) if (filter(k)) this.fail(k, err);
  }
}
