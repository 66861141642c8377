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

/**
 * Write the status properties for a health into an instance's properties; `detail` is appended
 * to the StatusDescriptions text. Properties the class lacks (the 2.41 ones under Windows
 * semantics) are left out.
 */
export function setStatus(p: Record<string, CimValue>, h: Health, detail?: string): void {
  const t = TABLE[h];
  p.HealthState = t.health;
  p.OperationalStatus = [t.op];
  p.StatusDescriptions = [detail ? `${t.text}: ${detail}` : t.text];
  p.Status = t.status;
  if ('PrimaryStatus' in p) {
    p.PrimaryStatus = t.primary;
    p.DetailedStatus = t.detailed;
    p.CommunicationStatus = h === 'lost' ? 3 : 2;
  }
}

/** The status properties as an object (every one, for instances built from a value list). */
export function statusProperties(h: Health, detail?: string): Record<string, CimValue> {
  const p: Record<string, CimValue> = { PrimaryStatus: null };
  setStatus(p, h, detail);
  return p;
}
