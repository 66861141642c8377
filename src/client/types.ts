import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';

/** One IPMI request as the device layer moves it: NetFn (even), command, data after cmd. */
export interface IpmiRequest {
  netFn: number;
  cmd: number;
  /** Request data after cmd (for NetFn 2Ch including the group byte). */
  data: Buffer;
  /** Responder LUN (v2.0 §5.3); 0 unless a sensor lives on another LUN. */
  lun?: number;
}

/** A response: the completion code and the data after it (for NetFn 2Ch including the group byte). */
export interface IpmiResponse {
  cc: number;
  data: Buffer;
}

/** Counters every link keeps; the benchmark and the tests read them. */
export interface LinkStats {
  /** Packets (LAN datagrams, serial frames, in-process calls) sent, retransmissions included. */
  sent: number;
  received: number;
  retransmits: number;
  /** Sessions established (LAN); 0 for sessionless links. */
  logins: number;
  /** Answers that could not be decoded, or failed their integrity check. */
  garbage: number;
}

/**
 * A way to reach one BMC: sends one request, resolves with its response. Sessions, sequence
 * numbers, framing and retransmission live below this line; completion codes and codecs above
 * it (client.ts).
 */
export interface IpmiLink {
  /** "host:port", a serial path, or "in-process": used in errors and logs. */
  readonly target: string;
  readonly stats: LinkStats;
  request(req: IpmiRequest): Promise<IpmiResponse>;
  /** Close the session (if any) and release the socket or port. Later requests reject. */
  close(): Promise<void>;
}

/**
 * Timeouts and retransmission. Attempt n (0-based) waits timeoutMs * backoff^n; after
 * `retries` retransmissions the request fails with a TimeoutError. With the defaults a request
 * gives up after 1 + 1.5 + 2.25 + 3.375 = 8.1 s (retryBudgetMs).
 */
export interface RetryPolicy {
  /** First attempt's timeout (default 1000 ms, as ipmitool's lanplus interface). */
  timeoutMs: number;
  /** Retransmissions after the first attempt (default 3). */
  retries: number;
  /** Factor applied to the timeout of each further attempt (default 1.5). */
  backoff: number;
}
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ timeoutMs: 1000, retries: 3, backoff: 1.5 });

export function attemptTimeoutMs(p: RetryPolicy, attempt: number): number {
  return Math.max(1, Math.round(p.timeoutMs * p.backoff ** attempt));
}
/** How long a request may take before it fails: the sum of its attempts' timeouts. */
export function retryBudgetMs(p: RetryPolicy): number {
  let t = 0;
  for (let i = 0; i <= p.retries; i++) t += attemptTimeoutMs(p, i);
  return t;
}

/** Options shared by every link. */
export interface LinkOptions extends Partial<RetryPolicy> {
  log?: Logger;
  clock?: Clock;
}
