/**
 * Event/Reading Type Codes (v2.0 §42.1, Table 42-1/42-2): 01h threshold, 02h-0Ch generic
 * discrete, 6Fh sensor-specific (offsets from the sensor type, sensor-types.ts), 70h-7Fh OEM.
 * Offset names are spelled as ipmitool prints them (include/ipmitool/ipmi_sel.h
 * generic_event_types, without its trailing alignment spaces), e.g. "Upper Non-critical going high".
 */
export const EventReadingType = {
  unspecified: 0x00,
  threshold: 0x01,
  dmiUsage: 0x02,
  digitalState: 0x03,
  predictiveFailure: 0x04,
  limit: 0x05,
  performance: 0x06,
  severity: 0x07,
  devicePresence: 0x08,
  deviceEnabled: 0x09,
  availability: 0x0a,
  redundancy: 0x0b,
  acpiDevicePowerState: 0x0c,
  sensorSpecific: 0x6f,
} as const;

interface GenericType {
  name: string;
  offsets: readonly string[];
}
const GENERIC: Record<number, GenericType> = {
  0x01: {
    name: 'Threshold',
    offsets: [
      'Lower Non-critical going low',
      'Lower Non-critical going high',
      'Lower Critical going low',
      'Lower Critical going high',
      'Lower Non-recoverable going low',
      'Lower Non-recoverable going high',
      'Upper Non-critical going low',
      'Upper Non-critical going high',
      'Upper Critical going low',
      'Upper Critical going high',
      'Upper Non-recoverable going low',
      'Upper Non-recoverable going high',
    ],
  },
  0x02: { name: 'DMI-based Usage State', offsets: ['Transition to Idle', 'Transition to Active', 'Transition to Busy'] },
  0x03: { name: 'Digital Discrete', offsets: ['State Deasserted', 'State Asserted'] },
  0x04: { name: 'Predictive Failure', offsets: ['Predictive Failure Deasserted', 'Predictive Failure Asserted'] },
  0x05: { name: 'Limit', offsets: ['Limit Not Exceeded', 'Limit Exceeded'] },
  0x06: { name: 'Performance', offsets: ['Performance Met', 'Performance Lags'] },
  0x07: {
    name: 'Severity',
    offsets: [
      'Transition to OK',
      'Transition to Non-critical from OK',
      'Transition to Critical from less severe',
      'Transition to Non-recoverable from less severe',
      'Transition to Non-critical from more severe',
      'Transition to Critical from Non-recoverable',
      'Transition to Non-recoverable',
      'Monitor',
      'Informational',
    ],
  },
  0x08: { name: 'Device Presence', offsets: ['Device Absent', 'Device Present'] },
  0x09: { name: 'Device Enabled', offsets: ['Device Disabled', 'Device Enabled'] },
  0x0a: {
    name: 'Availability State',
    offsets: [
      'Transition to Running',
      'Transition to In Test',
      'Transition to Power Off',
      'Transition to On Line',
      'Transition to Off Line',
      'Transition to Off Duty',
      'Transition to Degraded',
      'Transition to Power Save',
      'Install Error',
    ],
  },
  0x0b: {
    name: 'Redundancy',
    offsets: [
      'Fully Redundant',
      'Redundancy Lost',
      'Redundancy Degraded',
      'Non-Redundant: Sufficient from Redundant',
      'Non-Redundant: Sufficient from Insufficient',
      'Non-Redundant: Insufficient Resources',
      'Redundancy Degraded from Fully Redundant',
      'Redundancy Degraded from Non-Redundant',
    ],
  },
  0x0c: { name: 'ACPI Device Power State', offsets: ['D0 Power State', 'D1 Power State', 'D2 Power State', 'D3 Power State'] },
};

/** The class of an event/reading type code, as ipmitool labels sensors ("Sensor Type (Threshold)" / "(Discrete)"). */
export function eventReadingClass(code: number): 'unspecified' | 'threshold' | 'discrete' | 'sensor-specific' | 'oem' | 'reserved' {
  if (code === 0) return 'unspecified';
  if (code === EventReadingType.threshold) return 'threshold';
  if (code >= 0x02 && code <= 0x0c) return 'discrete';
  if (code === EventReadingType.sensorSpecific) return 'sensor-specific';
  if (code >= 0x70 && code <= 0x7f) return 'oem';
  return 'reserved';
}

export function eventReadingTypeName(code: number): string {
  if (GENERIC[code]) return GENERIC[code].name;
  const cls = eventReadingClass(code);
  return cls === 'sensor-specific' ? 'Sensor-specific' : cls === 'oem' ? 'OEM' : cls === 'unspecified' ? 'Unspecified' : 'Reserved';
}

/** The name of a generic offset (event/reading types 01h-0Ch), or undefined. */
export function genericOffsetName(eventType: number, offset: number): string | undefined {
  return GENERIC[eventType]?.offsets[offset];
}

/** Offsets asserted in Get Sensor Reading's state bytes: byte 3 = states 7-0, byte 4 = states 14-8 (v2.0 Table 35-15). */
export function statesToOffsets(states = 0, states2 = 0): number[] {
  const out: number[] = [];
  for (let i = 0; i < 8; i++) if (states & (1 << i)) out.push(i);
  for (let i = 0; i < 7; i++) if (states2 & (1 << i)) out.push(8 + i);
  return out;
}
/** The two state bytes for a set of asserted offsets 0-14; byte 4's reserved bit 7 is written as 1, as the spec asks. */
export function offsetsToStates(offsets: Iterable<number>): { states: number; states2: number } {
  let states = 0;
  let states2 = 0x80;
  for (const o of offsets) {
    if (!Number.isInteger(o) || o < 0 || o > 14) throw new RangeError(`state offset ${o} out of range 0..14`);
    if (o < 8) states |= 1 << o;
    else states2 |= 1 << (o - 8);
  }
  return { states, states2 };
}
