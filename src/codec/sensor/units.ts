/**
 * Sensor unit type codes (v2.0 §43.17, Table 43-15), spelled as ipmitool prints them
 * (lib/ipmi_sdr.c unit_desc: "degrees C", "Volts", "Amps", "Watts", "RPM", ...). Code 59 is
 * "reserved" in ipmitool's table; the spec's list ends at 92 (grams).
 */
const UNIT_NAMES = [
  'unspecified', 'degrees C', 'degrees F', 'degrees K', 'Volts', 'Amps', 'Watts', 'Joules', 'Coulombs', 'VA',
  'Nits', 'lumen', 'lux', 'Candela', 'kPa', 'PSI', 'Newton', 'CFM', 'RPM', 'Hz',
  'microsecond', 'millisecond', 'second', 'minute', 'hour', 'day', 'week', 'mil', 'inches', 'feet',
  'cu in', 'cu feet', 'mm', 'cm', 'm', 'cu cm', 'cu m', 'liters', 'fluid ounce', 'radians',
  'steradians', 'revolutions', 'cycles', 'gravities', 'ounce', 'pound', 'ft-lb', 'oz-in', 'gauss', 'gilberts',
  'henry', 'millihenry', 'farad', 'microfarad', 'ohms', 'siemens', 'mole', 'becquerel', 'PPM', 'reserved',
  'Decibels', 'DbA', 'DbC', 'gray', 'sievert', 'color temp deg K', 'bit', 'kilobit', 'megabit', 'gigabit',
  'byte', 'kilobyte', 'megabyte', 'gigabyte', 'word', 'dword', 'qword', 'line', 'hit', 'miss',
  'retry', 'reset', 'overflow', 'underrun', 'collision', 'packets', 'messages', 'characters', 'error', 'correctable error',
  'uncorrectable error', 'fatal error', 'grams',
] as const;

/** Codes for the units a virtual BMC's sensors use most; the table above has them all. */
export const Unit = {
  unspecified: 0,
  degreesC: 1,
  degreesF: 2,
  degreesK: 3,
  volts: 4,
  amps: 5,
  watts: 6,
  joules: 7,
  va: 9,
  cfm: 17,
  rpm: 18,
  hz: 19,
  second: 22,
} as const;

/** The unit name for a code, "invalid" beyond the table (as ipmitool prints). */
export function unitName(code: number): string {
  return UNIT_NAMES[code] ?? 'invalid';
}
/** The code for a unit name as ipmitool spells it (case-insensitive), or undefined. */
export function unitCode(name: string): number | undefined {
  const i = UNIT_NAMES.findIndex((n) => n.toLowerCase() === name.toLowerCase());
  return i < 0 ? undefined : i;
}

/** Rate units, Sensor Units 1 [5:3] (v2.0 Table 43-1 byte 21): none, per µs, ms, s, minute, hour, day. */
export const RATE_UNITS = ['', 'per us', 'per ms', 'per s', 'per minute', 'per hour', 'per day', 'reserved'] as const;
/** Modifier unit, Sensor Units 1 [2:1]: 0 none, 1 base / modifier, 2 base * modifier. */
export const ModifierUnit = { none: 0, divide: 1, multiply: 2 } as const;

/**
 * The unit text ipmitool prints after a reading (lib/ipmi_sdr.c ipmi_sdr_get_unit_string):
 * "% " before the base unit when the percentage bit is set ("percent" alone for an unspecified
 * base unit), and "base/modifier" or "base*modifier" when a modifier unit applies.
 */
export function formatUnits(u: { percentage: boolean; modifierUnit: number; baseUnit: number; modifierUnitCode: number }): string {
  const pct = u.percentage ? '% ' : '';
  const base = unitName(u.baseUnit);
  if (u.modifierUnit === ModifierUnit.divide) return `${pct}${base}/${unitName(u.modifierUnitCode)}`;
  if (u.modifierUnit === ModifierUnit.multiply) return `${pct}${base}*${unitName(u.modifierUnitCode)}`;
  return u.baseUnit === 0 && u.percentage ? 'percent' : `${pct}${base}`;
}
