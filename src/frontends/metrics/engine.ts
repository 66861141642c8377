import { createHash } from 'node:crypto';
import { systemClock, type Clock, type Timer } from '../../lib/clock';
import { silentLogger, type Logger } from '../../lib/logger';
import { COLLECTOR_IMPLS } from './collectors';
import type { CollectorName, ModuleConfig } from './config';
import { Semaphore, settlesBefore } from './limits';
import { reasonOf, type Reason } from './reasons';
import type { CollectorResult, TargetResult } from './render';
import { SelfMetrics } from './self-metrics';
import type { DeviceStats, InventoryDevice, MetricsDevice, MetricsInventory, ResolvedTarget } from './source';

export interface EngineOptions {
  inventory: MetricsInventory;
  log?: Logger;
  clock?: Clock;
  /** Collections running at once across all targets (default 64). A collection past its scrape's deadline gives its slot back. */
  maxConcurrentCollections?: number;
  /** Collectors of one target running at once (default 4); the device layer queues the requests further. */
  perTargetConcurrency?: number;
  /** Scrape timeout when Prometheus sends no X-Prometheus-Scrape-Timeout-Seconds (default 10 s, Prometheus' default). */
  defaultTimeoutSeconds?: number;
  /**
   * Answer this long before the scrape timeout (default 0.5 s, as blackbox_exporter's
   * timeout_offset), and never later than 90% of it: the budget is timeout - min(offset, timeout/10).
   */
  timeoutOffsetSeconds?: number;
  /** Accept host[:port] targets reached with the module's credentials (default true, as ipmi_exporter). */
  allowAddressTargets?: boolean;
  /** Close a target's handle (its session) after this long without a scrape (default 10 min). */
  idleCloseMs?: number;
  /** Include the Node process metrics in /metrics (default true). */
  processMetrics?: boolean;
}

/** A shared collection of one target with one module: concurrent scrapes wait on the same one. */
interface Collection {
  readonly outcomes: Map<CollectorName, CollectorResult>;
  /** Past this monotonic time no waiting scrape wants a collector that has not started yet. */
  lastDeadline: number;
  /** Still waiting for a slot: collectors not run yet are "overload" rather than "deadline". */
  queued: boolean;
  readonly done: Promise<void>;
}

interface Handle {
  readonly key: string;
  /** Device name or host:port: the `target` label in /metrics and in logs. */
  readonly label: string;
  readonly device: MetricsDevice;
  readonly limit: Semaphore;
  readonly inflight: Map<string, Collection>;
  /** Last failure reason per collector, so a failing BMC logs a warning when the reason changes, not every scrape. */
  readonly lastReason: Map<CollectorName, Reason | undefined>;
  users: number;
  lastUsed: number;
  /** Reopen on next use (the last collection failed on auth or session). */
  stale: boolean;
}

const DEFAULT_PORT = 623;

/**
 * Scrapes targets: resolves them, keeps one device handle (session) per target between scrapes,
 * shares a running collection among concurrent scrapes of the same target and module, bounds
 * concurrency per target and overall, and answers by the scrape's deadline with whatever
 * finished (`ipmi_up 0`, reason "deadline", for the rest). Work past a deadline goes on in the
 * background, bounded by the single flight, so the next scrape finds warm caches.
 */
export class MetricsEngine {
  readonly self: SelfMetrics;
  private readonly inventory: MetricsInventory;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly slots: Semaphore;
  private readonly handles = new Map<string, Handle>();
  private readonly opts: Required<Omit<EngineOptions, 'inventory' | 'log' | 'clock'>>;
  private readonly sweeper: Timer;
  private closed = false;

  constructor(options: EngineOptions) {
    this.inventory = options.inventory;
    this.log = options.log ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.opts = {
      maxConcurrentCollections: options.maxConcurrentCollections ?? 64,
      perTargetConcurrency: options.perTargetConcurrency ?? 4,
      defaultTimeoutSeconds: options.defaultTimeoutSeconds ?? 10,
      timeoutOffsetSeconds: options.timeoutOffsetSeconds ?? 0.5,
      allowAddressTargets: options.allowAddressTargets ?? true,
      idleCloseMs: options.idleCloseMs ?? 600_000,
      processMetrics: options.processMetrics ?? true,
    };
    this.slots = new Semaphore(this.opts.maxConcurrentCollections, this.clock);
    this.self = new SelfMetrics(() => this.statsSource(), { processMetrics: this.opts.processMetrics });
    this.sweeper = this.clock.setInterval(() => this.sweep(), Math.max(1000, Math.min(this.opts.idleCloseMs, 60_000)));
    this.sweeper.unref?.();
  }

  /** The scrape's time budget in ms from the Prometheus header value (seconds; absent or invalid = the default). */
  budgetMs(timeoutHeader?: string): number {
    const t = Number(timeoutHeader);
    const timeout = timeoutHeader !== undefined && Number.isFinite(t) && t > 0 ? t : this.opts.defaultTimeoutSeconds;
    return (timeout - Math.min(this.opts.timeoutOffsetSeconds, timeout / 10)) * 1000;
  }

  devices(): readonly InventoryDevice[] {
    return this.inventory.devices();
  }

  /**
   * An inventory device by name, else host[:port] ([v6]:port) reached with the module's
   * credentials when address targets are allowed; undefined when neither.
   */
  resolve(target: string, module: ModuleConfig): ResolvedTarget | undefined {
    const device = this.inventory.devices().find((d) => d.name === target);
    if (device) return { kind: 'device', device };
    if (!this.opts.allowAddressTargets) return undefined;
    const m = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(target) ?? /^([^:\s/[\]]+)(?::(\d+))?$/.exec(target) ?? /^([0-9a-fA-F]*:[0-9a-fA-F:.]+)()$/.exec(target);
    if (!m) return undefined;
    const port = m[2] ? Number(m[2]) : DEFAULT_PORT;
    if (!(port >= 1 && port <= 65535)) return undefined;
    const { user, pass, privilege, driver, timeoutMs } = module;
    return { kind: 'address', host: m[1], port, credentials: { user, pass, privilege, driver, timeoutMs } };
  }

  /** Scrape one resolved target; `labelTarget` sets the result's `target` label (for /devices/metrics). */
  async scrape(resolved: ResolvedTarget, module: ModuleConfig, budgetMs: number, labelTarget?: string): Promise<TargetResult> {
    const t0 = this.clock.monotonic();
    const handle = this.acquire(resolved);
    try {
      const deadline = t0 + budgetMs;
      let coll = handle.inflight.get(module.name);
      if (coll) {
        this.self.sharedScrapes.inc();
        coll.lastDeadline = Math.max(coll.lastDeadline, deadline);
      } else {
        const started = this.collect(handle, module, deadline);
        coll = started;
        handle.inflight.set(module.name, started);
        void started.done.then(() => {
          if (handle.inflight.get(module.name) === started) handle.inflight.delete(module.name);
        });
      }
      await settlesBefore(coll.done, deadline, this.clock);
      const c = coll;
      const collectors = module.collectors.map((name) => c.outcomes.get(name) ?? this.late(handle, name, c.queued ? 'overload' : 'deadline'));
      const durationSeconds = (this.clock.monotonic() - t0) / 1000;
      this.self.scrapeDuration.observe({ target: handle.label }, durationSeconds);
      return { target: labelTarget, durationSeconds, collectors };
    } finally {
      this.release(handle);
    }
  }

  /** Every inventory device, in parallel (bounded by the collection slots), with a `target` label. */
  async scrapeAll(module: ModuleConfig, budgetMs: number): Promise<TargetResult[]> {
    return Promise.all(this.inventory.devices().map((device) => this.scrape({ kind: 'device', device }, module, budgetMs, device.name)));
  }

  private late(handle: Handle, collector: CollectorName, reason: Reason): CollectorResult {
    this.self.collectorErrors.inc({ target: handle.label, collector, reason });
    this.noteFailure(handle, collector, reason, reason === 'deadline' ? 'scrape deadline reached before the collector finished' : 'no collection slot free before the deadline');
    return { name: collector, ok: false, reason };
  }

  private collect(handle: Handle, module: ModuleConfig, deadline: number): Collection {
    const outcomes = new Map<CollectorName, CollectorResult>();
    const coll: { -readonly [K in keyof Collection]: Collection[K] } = { outcomes, lastDeadline: deadline, queued: true, done: Promise.resolve() };
    coll.done = (async () => {
      const release = await this.slots.acquire(deadline);
      if (!release) {
        this.self.overloaded.inc();
        for (const name of module.collectors) outcomes.set(name, { name, ok: false, reason: 'overload' });
        return;
      }
      coll.queued = false;
      this.self.inFlight.inc();
      let detached = false;
      const giveBack = () => {
        release();
        this.self.inFlight.dec();
      };
      // Give the slot back once no scrape waits any more (a scrape that joins later moves the deadline).
      let timer: Timer;
      const arm = () => {
        timer = this.clock.setTimeout(() => {
          if (coll.lastDeadline > this.clock.monotonic()) return arm();
          detached = true;
          this.self.detached.inc();
          giveBack();
        }, Math.max(0, coll.lastDeadline - this.clock.monotonic()));
      };
      arm();
      try {
        await Promise.all(module.collectors.map((name) => this.runCollector(handle, module, name, coll)));
      } finally {
        if (detached) this.self.detached.dec();
        else {
          this.clock.clear(timer!);
          giveBack();
        }
      }
      const failed = [...outcomes.values()].filter((o) => !o.ok);
      if (failed.length === module.collectors.length && failed.some((o) => !o.ok && (o.reason === 'auth' || o.reason === 'session'))) handle.stale = true;
    })();
    return coll;
  }

  private async runCollector(handle: Handle, module: ModuleConfig, name: CollectorName, coll: Collection): Promise<void> {
    const release = await handle.limit.acquire(coll.lastDeadline);
    // Nobody is waiting for this collector any more: skip it rather than load a slow BMC further.
    if (!release) return;
    const t0 = this.clock.monotonic();
    try {
      const samples = await COLLECTOR_IMPLS[name](handle.device, module);
      coll.outcomes.set(name, { name, ok: true, samples });
      if (handle.lastReason.get(name)) this.log.info({ target: handle.label, collector: name }, 'collector recovered');
      handle.lastReason.set(name, undefined);
    } catch (err) {
      const reason = reasonOf(err);
      coll.outcomes.set(name, { name, ok: false, reason });
      this.self.collectorErrors.inc({ target: handle.label, collector: name, reason });
      if (reason === 'internal') this.log.error({ target: handle.label, collector: name, err }, 'collector crashed');
      this.noteFailure(handle, name, reason, (err as Error)?.message ?? String(err));
    } finally {
      release();
      this.self.collectorDuration.observe({ collector: name }, (this.clock.monotonic() - t0) / 1000);
    }
  }

  private noteFailure(handle: Handle, collector: CollectorName, reason: Reason, message: string): void {
    const fields = { target: handle.label, collector, reason, error: message };
    if (handle.lastReason.get(collector) === reason) this.log.debug(fields, 'collector failed');
    else this.log.warn(fields, 'collector failed');
    handle.lastReason.set(collector, reason);
  }

  private keyOf(t: ResolvedTarget): { key: string; label: string } {
    if (t.kind === 'device') return { key: `device:${t.device.name}`, label: t.device.name };
    const c = t.credentials;
    const host = t.host.includes(':') ? `[${t.host}]` : t.host;
    const secret = createHash('sha256')
      .update(c.pass ?? '')
      .digest('hex')
      .slice(0, 16);
    return { key: `lan:${host}:${t.port}|${c.user ?? ''}|${c.privilege ?? ''}|${c.driver ?? ''}|${c.timeoutMs ?? ''}|${secret}`, label: `${host}:${t.port}` };
  }

  private acquire(t: ResolvedTarget): Handle {
    if (this.closed) throw new Error('metrics engine closed');
    const { key, label } = this.keyOf(t);
    let h = this.handles.get(key);
    if (h?.stale && h.users === 0 && h.inflight.size === 0) {
      this.drop(h);
      h = undefined;
    }
    if (!h) {
      const device = this.inventory.open(t, (seconds, ok) => this.self.requestDuration.observe({ target: label, outcome: ok ? 'ok' : 'error' }, seconds));
      h = { key, label, device, limit: new Semaphore(this.opts.perTargetConcurrency, this.clock), inflight: new Map(), lastReason: new Map(), users: 0, lastUsed: 0, stale: false };
      this.handles.set(key, h);
      this.self.openTargets.set(this.handles.size);
    }
    h.users++;
    h.lastUsed = this.clock.monotonic();
    return h;
  }

  private release(h: Handle): void {
    h.users--;
    h.lastUsed = this.clock.monotonic();
  }

  private drop(h: Handle): void {
    this.handles.delete(h.key);
    this.self.openTargets.set(this.handles.size);
    this.self.forget(h.label, h, h.device.stats?.());
    h.device.close().catch((err) => this.log.debug({ target: h.label, err }, 'closing a device handle failed'));
  }

  private sweep(): void {
    const now = this.clock.monotonic();
    for (const h of [...this.handles.values()]) if (h.users === 0 && h.inflight.size === 0 && now - h.lastUsed >= this.opts.idleCloseMs) this.drop(h);
  }

  private *statsSource(): Iterable<{ target: string; handle: object; stats?: DeviceStats }> {
    for (const h of this.handles.values()) yield { target: h.label, handle: h, stats: h.device.stats?.() };
  }

  /** Close every handle (sessions) and stop the idle sweeper. */
  async close(): Promise<void> {
    this.closed = true;
    this.clock.clear(this.sweeper);
    const all = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(all.map((h) => h.device.close().catch(() => undefined)));
  }
}
