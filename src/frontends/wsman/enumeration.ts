import crypto from 'node:crypto';
import type { Clock, Timer } from '../../lib/clock';
import { Out } from './envelope';
import { fault } from './faults';

/**
 * WS-Enumeration contexts held server side (WS-Enumeration 2004/09 §3; DSP0226 §8). Items
 * come lazily from the source's AsyncIterator, so a fleet is never materialised: a Pull asks
 * for at most MaxElements items and stops early at MaxCharacters, at the envelope size limit
 * or when MaxTime runs out (a pending next() is kept for the following Pull). A context
 * expires after EnumerationTimeoutms without a Pull (InvalidEnumerationContext afterwards),
 * at EndOfSequence and on Release.
 */
export interface EnumItem {
  object(out: Out): string;
  epr(out: Out): string;
}
export type EnumMode = 'object' | 'epr' | 'objectAndEpr';

export interface EnumContext {
  readonly id: string;
  readonly owner: string;
  readonly mode: EnumMode;
  readonly resourceUri: string;
  readonly iter: AsyncIterator<EnumItem>;
  pending?: Promise<IteratorResult<EnumItem>>;
  lookahead?: EnumItem;
  lastUsed: number;
  expiresAt?: number;
  busy: boolean;
}

export interface BatchLimits {
  maxElements: number;
  /** WS-Enumeration MaxCharacters, when the client sent it. */
  maxCharacters?: number;
  /** Octets available for the items (the envelope limit minus the envelope around them). */
  maxBytes: number;
  /** Monotonic deadline (MaxTime); without one the source is awaited. */
  deadline?: number;
}
export interface Batch {
  items: string[];
  end: boolean;
  timedOut: boolean;
}

export class EnumerationContexts {
  private readonly map = new Map<string, EnumContext>();
  private readonly perOwner = new Map<string, number>();
  private sweeper?: Timer;

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: () => number,
  ) {}

  start(): void {
    if (this.sweeper) return;
    this.sweeper = this.clock.setInterval(() => this.sweep(), 1000);
    this.sweeper.unref?.();
  }
  stop(): void {
    if (this.sweeper) this.clock.clear(this.sweeper);
    this.sweeper = undefined;
    for (const id of [...this.map.keys()]) this.drop(id);
  }

  create(owner: string, resourceUri: string, mode: EnumMode, iter: AsyncIterator<EnumItem>, expiresAt?: number): EnumContext {
    const ctx: EnumContext = {
      id: `uuid:${crypto.randomUUID().toUpperCase()}`,
      owner, mode, resourceUri, iter, expiresAt,
      lastUsed: this.clock.monotonic(),
      busy: false,
    };
    this.map.set(ctx.id, ctx);
    this.perOwner.set(owner, (this.perOwner.get(owner) ?? 0) + 1);
    return ctx;
  }

  get size(): number {
    return this.map.size;
  }
  countFor(owner: string): number {
    return this.perOwner.get(owner) ?? 0;
  }

  private expired(c: EnumContext, now: number): boolean {
    return now - c.lastUsed > this.timeoutMs() || (c.expiresAt !== undefined && now >= c.expiresAt);
  }

  /** The context for a Pull or Release by `owner`; another user's context is as unknown as a stale one. */
  acquire(id: string, owner: string): EnumContext {
    const c = this.map.get(id);
    if (!c || c.owner !== owner) throw fault.of('InvalidEnumerationContext');
    if (this.expired(c, this.clock.monotonic())) {
      this.drop(id);
      throw fault.of('InvalidEnumerationContext');
    }
    if (c.busy) throw fault.of('Concurrency');
    c.busy = true;
    return c;
  }
  /** Done with a Pull: the idle timer restarts from now. */
  settle(c: EnumContext): void {
    c.busy = false;
    c.lastUsed = this.clock.monotonic();
  }

  drop(id: string): void {
    const c = this.map.get(id);
    if (!c) return;
    this.map.delete(id);
    const n = (this.perOwner.get(c.owner) ?? 1) - 1;
    if (n > 0) this.perOwner.set(c.owner, n);
    else this.perOwner.delete(c.owner);
    // Let the source release what it holds (device sessions, cursors).
    void Promise.resolve(c.iter.return?.()).catch(() => undefined);
  }

  sweep(): void {
    const now = this.clock.monotonic();
    for (const c of [...this.map.values()]) if (!c.busy && this.expired(c, now)) this.drop(c.id);
  }
}

function itemXml(item: EnumItem, mode: EnumMode, out: Out): string {
  if (mode === 'epr') return item.epr(out);
  if (mode === 'object') return item.object(out);
  return `<${out.style.w}:Item>${item.object(out)}${item.epr(out)}</${out.style.w}:Item>`;
}

/** The MaxTime deadline of one batch: a single timer, armed when an item has to be waited for. */
class Deadline {
  private fired?: Promise<'timeout'>;
  private timer?: Timer;
  constructor(
    private readonly clock: Clock,
    readonly at: number | undefined,
  ) {}
  /** The source's next item, or 'timeout' once the deadline has passed. */
  race<T>(p: Promise<T>): Promise<T | 'timeout'> | 'timeout' {
    if (this.at === undefined) return p;
    const left = this.at - this.clock.monotonic();
    if (left <= 0) return 'timeout';
    this.fired ??= new Promise<'timeout'>((res) => (this.timer = this.clock.setTimeout(() => res('timeout'), left)));
    return Promise.race([p, this.fired]);
  }
  clear(): void {
    if (this.timer) this.clock.clear(this.timer);
    this.timer = undefined;
  }
}

async function next(ctx: EnumContext, deadline: Deadline): Promise<IteratorResult<EnumItem> | 'timeout'> {
  if (ctx.lookahead) {
    const value = ctx.lookahead;
    ctx.lookahead = undefined;
    return { done: false, value };
  }
  ctx.pending ??= ctx.iter.next();
  const r = await deadline.race(ctx.pending);
  if (r === 'timeout') return r;
  ctx.pending = undefined;
  return r;
}

/**
 * The items of a batch as one string. Concatenation (not join) leaves a rope that is flattened
 * once, with the envelope around it: a Pull of 50 instances is 200 KB, and every flat copy of
 * that size is a fresh large-object allocation.
 */
export function itemsXml(batch: Batch): string {
  let xml = '';
  for (const item of batch.items) xml += item;
  return xml;
}

/** Take the next batch; an item that does not fit stays for the next Pull. */
export async function takeBatch(ctx: EnumContext, limits: BatchLimits, out: Out, clock: Clock): Promise<Batch> {
  const deadline = new Deadline(clock, limits.deadline);
  try {
    return await fill(ctx, limits, out, deadline);
  } finally {
    deadline.clear();
  }
}

async function fill(ctx: EnumContext, limits: BatchLimits, out: Out, deadline: Deadline): Promise<Batch> {
  const items: string[] = [];
  let bytes = 0;
  let chars = 0;
  while (items.length < limits.maxElements) {
    const r = await next(ctx, deadline);
    if (r === 'timeout') return { items, end: false, timedOut: true };
    if (r.done) return { items, end: true, timedOut: false };
    const xml = itemXml(r.value, ctx.mode, out);
    const b = Buffer.byteLength(xml);
    if (limits.maxCharacters !== undefined && chars + xml.length > limits.maxCharacters) {
      ctx.lookahead = r.value;
      if (items.length === 0)
        throw fault.of('EncodingLimit', `The WS-Management service cannot return the next item: it is ${xml.length} characters long, more than MaxCharacters (${limits.maxCharacters}).`, 'MaxEnvelopeSize');
      break;
    }
    if (bytes + b > limits.maxBytes) {
      ctx.lookahead = r.value;
      if (items.length === 0)
        throw fault.of('EncodingLimit', `The WS-Management service cannot process the request because the response would exceed the maximum envelope size: the next item alone is ${b} octets.`, 'MaxEnvelopeSize');
      break;
    }
    items.push(xml);
    bytes += b;
    chars += xml.length;
  }
  // Look one item ahead so that a batch which emptied the source says EndOfSequence now
  // instead of costing the client one more Pull.
  const r = await next(ctx, deadline);
  if (r === 'timeout') return { items, end: false, timedOut: false };
  if (r.done) return { items, end: true, timedOut: false };
  ctx.lookahead = r.value;
  return { items, end: false, timedOut: false };
}
