import type { SensorSpec } from '../../src/profile/hardware-types';
import { EventReadingType } from '../../src/codec/sensor';

/**
 * What a fleet member's profile says the bridge shows, computed from the frozen spec (not from
 * the code under test): CIM_NumericSensor instances and the exporter's value series are the
 * threshold sensors with an analog reading (research cim-model.md §2.1; ipmimonitoring prints a
 * reading only for those).
 */
export function analogThreshold(s: SensorSpec): boolean {
  return s.eventReadingType === EventReadingType.threshold && s.analog !== undefined && s.analog.format !== 3;
}

export interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (names, labels, values; comments skipped). */
export function parseExposition(text: string): Series[] {
  const out: Series[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2].replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    out.push({ name: m[1], labels, value: m[3] === 'NaN' ? NaN : Number(m[3]) });
  }
  return out;
}
