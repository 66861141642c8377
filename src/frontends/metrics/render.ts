import { Gauge, Registry } from 'prom-client';
import type { CollectorName } from './config';
import { FAMILIES, sample, type FamilyName, type Sample } from './families';
import type { Reason } from './reasons';

/** What one scrape of one target produced. */
export interface TargetResult {
  /** Set for /devices/metrics: the value of the extra `target` label. */
  target?: string;
  durationSeconds: number;
  collectors: CollectorResult[];
}
export type CollectorResult = { name: CollectorName; ok: true; samples: Sample[] } | { name: CollectorName; ok: false; reason: Reason };

export const CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** Every sample of a target's scrape: the collectors' own, ipmi_up, ipmi_collector_error, the duration. */
export function targetSamples(r: TargetResult): Sample[] {
  // Nanoseconds at most, as Go's time.Duration.Seconds() has.
  const out: Sample[] = [sample('ipmi_scrape_duration_seconds', Math.round(r.durationSeconds * 1e9) / 1e9)];
  for (const c of r.collectors) {
    out.push(sample('ipmi_up', c.ok ? 1 : 0, { collector: c.name }));
    if (c.ok) out.push(...c.samples);
    else out.push(sample('ipmi_collector_error', 1, { collector: c.name, reason: c.reason }));
  }
  if (r.target === undefined) return out;
  return out.map((s) => ({ ...s, labels: { ...s.labels, target: r.target! } }));
}

function sortedLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels).sort()) out[k] = labels[k];
  return out;
}
function compareLabels(a: Record<string, string>, b: Record<string, string>): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    if (a[ka[i]] !== b[kb[i]]) return a[ka[i]] < b[kb[i]] ? -1 : 1;
  }
  return ka.length - kb.length;
}

/**
 * The text exposition of the given targets' samples, laid out as ipmi_exporter's (Go
 * client_golang) is: families sorted by name, label names sorted within a sample, samples sorted
 * by label values, families without samples left out, NaN spelled "NaN" (prom-client 15
 * writes "Nan", which Prometheus parses too but diffs against ipmi_exporter would show) and
 * without prom-client's empty line between families, so our output diffs cleanly against
 * ipmi_exporter's.
 */
export async function render(results: readonly TargetResult[]): Promise<string> {
  const byFamily = new Map<FamilyName, Array<{ labels: Record<string, string>; value: number }>>();
  for (const r of results)
    for (const s of targetSamples(r)) {
      let list = byFamily.get(s.family);
      if (!list) byFamily.set(s.family, (list = []));
      list.push({ labels: sortedLabels(s.labels), value: s.value });
    }
  const registry = new Registry();
  for (const family of [...byFamily.keys()].sort()) {
    const samples = byFamily.get(family)!.sort((a, b) => compareLabels(a.labels, b.labels));
    const labelNames = [...new Set(samples.flatMap((s) => Object.keys(s.labels)))];
    const g = new Gauge({ name: family, help: FAMILIES[family].help, labelNames, registers: [registry] });
    for (const s of samples) g.set(s.labels, s.value);
  }
  return (await registry.metrics()).replace(/ Nan$/gm, ' NaN').replace(/\n\n/g, '\n');
}
