import { Registry } from 'prom-client';
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

/** Label names in order, per set of names as they came: a family's samples share a handful of sets, so each is sorted once per render. */
function sortedLabels(labels: Readonly<Record<string, string>>, orders: Map<string, string[]>): Record<string, string> {
  const names = Object.keys(labels);
  const key = names.join('\0');
  let order = orders.get(key);
  if (!order) orders.set(key, (order = [...names].sort()));
  const out: Record<string, string> = {};
  for (const k of order) out[k] = labels[k];
  return out;
}
/** A sample with its label names in order, listed once: sorting compares them O(n log n) times (82,000 samples for 1000 devices). */
interface Sorted {
  labels: Record<string, string>;
  keys: string[];
  value: number;
}
function compareLabels(a: Sorted, b: Sorted): number {
  const ka = a.keys;
  const kb = b.keys;
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    if (a.labels[ka[i]] !== b.labels[kb[i]]) return a.labels[ka[i]] < b.labels[kb[i]] ? -1 : 1;
  }
  return ka.length - kb.length;
}

/** Escapes as prom-client's registry does (and as the exposition format requires): HELP text, label values. */
const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (s: string) => escapeText(s).replace(/"/g, '\\"');
/** Go's spelling of the special values ("NaN", "+Inf", "-Inf"); prom-client writes "Nan", which diffs against ipmi_exporter would show. */
const valueText = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : `${v}`);

/**
 * The text exposition of the given targets' samples, laid out as ipmi_exporter's (Go
 * client_golang) is: families sorted by name, each a gauge, label names sorted within a sample,
 * samples sorted by label values (a repeated label set keeps its place and the last value),
 * families without samples left out, no empty line between families, so our output diffs
 * cleanly against ipmi_exporter's. Written directly rather than through a prom-client
 * Registry of Gauges: /devices/metrics of 1000 devices has 82,000 samples, and the registry's
 * label hashing and formatting doubled the scrape's garbage (issue 8).
 */
export async function render(results: readonly TargetResult[]): Promise<string> {
  const byFamily = new Map<FamilyName, Sorted[]>();
  const orders = new Map<string, string[]>();
  for (const r of results)
    for (const s of targetSamples(r)) {
      let list = byFamily.get(s.family);
      if (!list) byFamily.set(s.family, (list = []));
      const labels = sortedLabels(s.labels, orders);
      list.push({ labels, keys: Object.keys(labels), value: s.value });
    }
  const out: string[] = [];
  for (const family of [...byFamily.keys()].sort()) {
    out.push(`# HELP ${family} ${escapeText(FAMILIES[family].help)}`, `# TYPE ${family} gauge`);
    const at = new Map<string, number>();
    for (const s of byFamily.get(family)!.sort(compareLabels)) {
      const labels = s.keys.map((k) => `${k}="${escapeLabel(s.labels[k])}"`).join(',');
      const line = `${family}${labels ? `{${labels}}` : ''} ${valueText(s.value)}`;
      const i = at.get(labels);
      if (i === undefined) {
        at.set(labels, out.length);
        out.push(line);
      } else out[i] = line;
    }
  }
  return out.join('\n') + '\n';
}
