import type { CimValue } from '../types';

/**
 * One health judgement, spread over the CIM status properties consistently (research note
 * cim-model.md §2.5): HealthState, OperationalStatus/StatusDescriptions, the deprecated Status
 * string, and under DMTF semantics PrimaryStatus, DetailedStatus and CommunicationStatus.
 */
export type Health = 'ok' | 'nonCritical' | 'critical' | 'fatal' | 'unknown' | 'lost' | 'disabled';

const TABLE: Record<Health, { health: number; op: number; text: string; status: string; primary: number; detailed: number }> = {
  // HealthState / OperationalStatus ValueMaps (CIM_ManagedSystemElement); Status ValueMap strings.
  ok: { health: 5, op: 2, text: 'OK', status: 'OK', primary: 1, detailed: 1 },
  nonCritical: { health: 10, op: 3, text: 'Degraded', status: 'Degraded', primary: 2, detailed: 1 },
  critical: { health: 25, op: 6, text: 'Error', status: 'Error', primary: 3, detailed: 1 },
  fatal: { health: 30, op: 7, text: 'Non-Recoverable Error', status: 'NonRecover', primary: 3, detailed: 4 },
  unknown: { health: 0, op: 0, text: 'Unknown', status: 'Unknown', primary: 0, detailed: 0 },
  lost: { health: 0, op: 13, text: 'Lost Communication', status: 'Lost Comm', primary: 0, detailed: 0 },
  disabled: { health: 0, op: 10, text: 'Stopped', status: 'Stopped', primary: 0, detailed: 0 },
};

/** The status properties for a health; `detail` is appended to the StatusDescriptions text. */
export function statusProperties(h: Health, detail?: string): Record<string, CimValue> {
  const t = TABLE[h];
  return {
    HealthState: t.health,
    OperationalStatus: [t.op],
    StatusDescriptions: [detail ? `${t.text}: ${detail}` : t.text],
    Status: t.status,
    PrimaryStatus: t.primary,
    DetailedStatus: t.detailed,
    CommunicationStatus: h === 'lost' ? 3 : 2,
  };
}

/** The worse of two health values (lost and unknown rank below every known state). */
export function worse(a: Health, b: Health): Health {
  const rank: Record<Health, number> = { ok: 0, disabled: 1, unknown: 2, lost: 3, nonCritical: 4, critical: 5, fatal: 6 };
  return rank[b] > rank[a] ? b : a;
}
