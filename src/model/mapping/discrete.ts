import { EventReadingType } from '../../codec/sensor/event-types';
import type { Health } from './status';

/**
 * How serious each discrete state is, for HealthState/OperationalStatus of discrete sensors
 * and the PerceivedSeverity of their SEL events. IPMI gives discrete offsets no severity
 * (except generic type 07h); these follow the meaning of each offset in v2.0 Tables 42-2 and
 * 42-3: failures and faults are critical, predictive/degraded/limit conditions non-critical,
 * presence, progress and informational states OK. [R] — Windows does not document its choice.
 * Offsets not listed are OK.
 */
const N = 'nonCritical';
const C = 'critical';
const F = 'fatal';
type Sev = Exclude<Health, 'ok' | 'unknown' | 'lost' | 'disabled'>;

const GENERIC: Record<number, Record<number, Sev>> = {
  0x04: { 1: N }, // Predictive Failure asserted
  0x05: { 1: C }, // Limit Exceeded
  0x06: { 1: N }, // Performance Lags
  0x07: { 1: N, 2: C, 3: F, 4: N, 5: C, 6: F }, // transitions to Non-critical / Critical / Non-recoverable
  0x0a: { 4: N, 6: N, 8: C }, // Off Line, Degraded, Install Error
  0x0b: { 1: C, 2: N, 3: N, 4: N, 5: C, 6: N, 7: N }, // redundancy lost / degraded / insufficient
};

const SENSOR_SPECIFIC: Record<number, Record<number, Sev>> = {
  0x05: { 0: N, 1: N, 2: N, 3: N, 4: N, 5: N, 6: N }, // physical security: intrusions
  0x06: { 0: N, 1: N, 2: N, 3: N, 4: N, 5: N }, // platform security violations
  0x07: { 0: C, 1: C, 2: C, 3: C, 4: C, 5: C, 6: C, 8: N, 10: N, 11: C, 12: N }, // processor
  0x08: { 1: C, 2: N, 3: C, 4: C, 5: N, 6: C }, // power supply
  0x09: { 2: C, 3: C, 4: C, 5: C, 6: C, 7: N }, // power unit
  0x0c: { 0: N, 1: C, 2: C, 3: C, 4: N, 5: N, 7: C, 9: N, 10: C }, // memory
  0x0d: { 1: C, 2: N, 5: N, 6: C, 8: N }, // drive slot
  0x0f: { 0: C, 1: C }, // system firmware error / hang
  0x10: { 4: N, 5: N }, // event log full / almost full
  0x13: { 0: C, 1: C, 2: C, 3: C, 4: C, 5: C, 6: C, 7: N, 8: C, 9: F, 10: F, 11: N }, // critical interrupt
  0x19: { 0: C, 1: C }, // chip set
  0x1e: { 0: N, 1: N, 2: N, 3: N, 4: N }, // boot error
  0x20: { 0: C, 1: C, 5: N }, // OS stop: critical stops, agent not responding
  0x21: { 0: C }, // slot fault
  0x23: { 0: N, 1: N, 2: N, 3: N }, // watchdog 2 actions
  0x27: { 0: N }, // LAN heartbeat lost
  0x28: { 0: N, 1: N, 2: C, 3: C, 4: C, 5: C }, // management subsystem health
  0x29: { 0: N, 1: C }, // battery low / failed
  0x2b: { 2: N, 3: N, 4: N, 5: N }, // version incompatibilities
  0x2c: { 7: N }, // FRU communication lost
};

/** The severity of one discrete offset. */
export function offsetSeverity(eventReadingType: number, sensorType: number, offset: number): Health {
  const t = eventReadingType === EventReadingType.sensorSpecific ? SENSOR_SPECIFIC[sensorType] : GENERIC[eventReadingType];
  return t?.[offset] ?? 'ok';
}

const RANK: Record<string, number> = { ok: 0, nonCritical: 1, critical: 2, fatal: 3 };

/** The most severe asserted offset (lowest offset among equals), or undefined when none is asserted. */
export function worstOffset(eventReadingType: number, sensorType: number, states: number): { offset: number; severity: Health } | undefined {
  let best: { offset: number; severity: Health } | undefined;
  for (let o = 0; o < 15; o++) {
    if (!(states & (1 << o))) continue;
    const severity = offsetSeverity(eventReadingType, sensorType, o);
    if (!best || RANK[severity] > RANK[best.severity]) best = { offset: o, severity };
  }
  return best;
}
