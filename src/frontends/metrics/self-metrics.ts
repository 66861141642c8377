import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DeviceStats } from './source';

/**
 * bmcbridge's own metrics (/metrics): the Node process, and how the exporter itself is doing:
 * scrape and IPMI round-trip durations per target, sessions opened, retransmissions, collector
 * failures by reason, SDR cache use, collections in flight, shared and detached.
 * Counters taken from device handles are kept monotonic across handle closes (deltas are added).
 */
export class SelfMetrics {
  readonly registry = new Registry();
  readonly scrapeDuration: Histogram<'target'>;
  readonly requestDuration: Histogram<'target' | 'outcome'>;
  readonly collectorErrors: Counter<'target' | 'collector' | 'reason'>;
  readonly collectorDuration: Histogram<'collector'>;
  readonly sharedScrapes: Counter;
  readonly overloaded: Counter;
  readonly inFlight: Gauge;
  readonly detached: Gauge;
  readonly openTargets: Gauge;
  private readonly fromStats: Record<keyof DeviceStats, Counter<'target'>>;
  /** Per handle, the counter values already added. */
  private readonly lastStats = new Map<object, Partial<DeviceStats>>();

  constructor(statsSource: () => Iterable<{ target: string; handle: object; stats?: DeviceStats }>, opts: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (opts.processMetrics !== false) {
      collectDefaultMetrics({ register: this.registry });
      // Gauges named like counters fail `promtool check metrics`; nodejs_active_{handles,requests,resources} say the same.
      for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) this.registry.removeSingleMetric(name);
    }
    this.scrapeDuration = new Histogram({
      name: 'bmcbridge_scrape_duration_seconds',
      help: 'Time to answer one /ipmi scrape (or one target of /devices/metrics), by target.',
      labelNames: ['target'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'bmcbridge_ipmi_request_duration_seconds',
      help: 'IPMI request round-trip time (retransmissions included), by target and outcome (ok, error).',
      labelNames: ['target', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers,
    });
    this.collectorErrors = new Counter({
      name: 'bmcbridge_collector_errors_total',
      help: 'Collector failures by target, collector and reason (timeout, deadline, auth, session, transport, unsupported, privilege, completion_code, protocol, overload, internal).',
      labelNames: ['target', 'collector', 'reason'],
      registers,
    });
    this.collectorDuration = new Histogram({
      name: 'bmcbridge_collector_duration_seconds',
      help: 'Time one collector took, by collector, failures included.',
      labelNames: ['collector'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5, 10],
      registers,
    });
    this.sharedScrapes = new Counter({
      name: 'bmcbridge_scrapes_shared_total',
      help: 'Scrapes answered from a collection another scrape of the same target and module had started (single-flight).',
      registers,
    });
    this.overloaded = new Counter({
      name: 'bmcbridge_collections_overloaded_total',
      help: 'Collections that found no free slot (maxConcurrentCollections) before their deadline.',
      registers,
    });
    this.inFlight = new Gauge({ name: 'bmcbridge_collections_in_flight', help: 'Collections holding a slot.', registers });
    this.detached = new Gauge({
      name: 'bmcbridge_collections_detached',
      help: 'Collections still running after the deadline of the scrape that started them (their slot was given back).',
      registers,
    });
    this.openTargets = new Gauge({ name: 'bmcbridge_targets_open', help: 'Device handles (sessions) kept open between scrapes.', registers });

    const lastStats = this.lastStats;
    const counter = (key: keyof DeviceStats, name: string, help: string) =>
      new Counter({
        name,
        help,
        labelNames: ['target'],
        registers,
        collect() {
          for (const { target, handle, stats } of statsSource()) {
            if (!stats) continue;
            let seen = lastStats.get(handle);
            if (!seen) lastStats.set(handle, (seen = {}));
            const prev = seen[key] ?? 0;
            // inc by 0 too: a target's series exists from its first scrape on.
            this.inc({ target }, Math.max(0, stats[key] - prev));
            seen[key] = stats[key];
          }
        },
      });
    this.fromStats = {
      sessionsOpened: counter('sessionsOpened', 'bmcbridge_ipmi_sessions_opened_total', 'IPMI sessions established, by target (a re-login after a BMC reboot counts).'),
      requests: counter('requests', 'bmcbridge_ipmi_requests_total', 'IPMI requests sent, by target (retransmissions not counted).'),
      retransmits: counter('retransmits', 'bmcbridge_ipmi_retransmits_total', 'IPMI request retransmissions, by target.'),
      sdrCacheHits: counter('sdrCacheHits', 'bmcbridge_sdr_cache_hits_total', 'Scrapes that used the cached SDR repository (unchanged since it was read), by target.'),
      sdrCacheMisses: counter('sdrCacheMisses', 'bmcbridge_sdr_cache_misses_total', 'SDR repository reads (first read, or the repository changed), by target.'),
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** A handle is gone: its counters were already added up to the last /metrics read; add the rest now. */
  forget(target: string, handle: object, stats?: DeviceStats): void {
    if (stats) {
      const prev = this.lastStats.get(handle);
      for (const [key, c] of Object.entries(this.fromStats) as Array<[keyof DeviceStats, Counter<'target'>]>) {
        const d = stats[key] - (prev?.[key] ?? 0);
        if (d > 0) c.inc({ target }, d);
      }
    }
    this.lastStats.delete(handle);
  }
}
