/**
 * How FreeIPMI spells things, because ipmi_exporter's label values are FreeIPMI's output
 * (ipmimonitoring, bmc-info) copied verbatim. Names here are FreeIPMI 1.6.10's.
 */

/**
 * Sensor type names as ipmimonitoring prints them (the `type` label of ipmi_sensor_value and
 * ipmi_sensor_state); `ipmi-sensors --list-sensor-types` lists the same names with underscores.
 * These differ from ipmitool's ("Other Units Based Sensor", not "Other"; "Drive Slot", not
 * "Drive Slot / Bay").
 */
const SENSOR_TYPES = [
  'Reserved', 'Temperature', 'Voltage', 'Current', 'Fan', 'Physical Security', 'Platform Security Violation Attempt',
  'Processor', 'Power Supply', 'Power Unit', 'Cooling Device', 'Other Units Based Sensor', 'Memory', 'Drive Slot',
  'POST Memory Resize', 'System Firmware Progress', 'Event Logging Disabled', 'Watchdog 1', 'System Event',
  'Critical Interrupt', 'Button/Switch', 'Module/Board', 'Microcontroller/Coprocessor', 'Add In Card', 'Chassis',
  'Chip Set', 'Other Fru', 'Cable/Interconnect', 'Terminator', 'System Boot Initiated', 'Boot Error', 'OS Boot',
  'OS Critical Stop', 'Slot/Connector', 'System ACPI Power State', 'Watchdog 2', 'Platform Alert', 'Entity Presence',
  'Monitor ASIC/IC', 'LAN', 'Management Subsystem Health', 'Battery', 'Session Audit', 'Version Change', 'FRU State',
] as const;

export function freeipmiSensorTypeName(code: number): string {
  return SENSOR_TYPES[code] ?? (code >= 0xc0 ? 'OEM Reserved' : 'Unrecognized');
}

/**
 * The unit column of ipmimonitoring for the units ipmi_exporter dispatches on (collector_ipmi.go:
 * "C" temperature, "RPM" fan, "V" voltage, "A" current, "W" power, "%" with type Fan the fan
 * ratio); every other unit lands in ipmi_sensor_value. Base unit codes per v2.0 Table 43-15.
 */
export type ExporterUnit = 'C' | 'RPM' | 'V' | 'A' | 'W' | '%' | 'other';
export function exporterUnit(u: { baseUnit: number; percentage: boolean; modifierUnit: number; rate: number }): ExporterUnit {
  if (u.percentage) return '%';
  if (u.modifierUnit !== 0 || u.rate !== 0) return 'other';
  switch (u.baseUnit) {
    case 1:
      return 'C';
    case 4:
      return 'V';
    case 5:
      return 'A';
    case 6:
      return 'W';
    case 18:
      return 'RPM';
    default:
      return 'other';
  }
}

/**
 * bmc-info's "Manufacturer ID" line: "<IANA name> (<number>)" for the enterprises FreeIPMI's
 * table names, the bare number otherwise. These names were read from FreeIPMI 1.6.10's bmc-info
 * against a virtual BMC answering each ID; ids past its table (49622, 49871, 51974, ...) print
 * bare. An ID FreeIPMI knows but this list lacks prints bare here: a known, documented difference.
 */
const MANUFACTURERS: Record<number, string> = {
  2: 'IBM',
  9: 'ciscoSystems',
  11: 'Hewlett-Packard',
  42: 'Sun Microsystems',
  343: 'Intel Corporation',
  674: 'Dell Inc.',
  2011: 'HUAWEI Technology Co.,Ltd',
  3704: 'AMD',
  5771: 'Cisco Systems, Inc.',
  7244: 'Quanta Computer Inc.',
  10368: 'Fujitsu Technology Solutions GmbH',
  10437: 'Peppercon AG',
  10876: 'Super Micro Computer Inc.',
  11129: 'Google, Inc.',
  15370: 'GIGA-BYTE TECHNOLOGY CO., LTD',
  19046: 'Lenovo Enterprise Business Group',
  20569: 'Inventec Enterprise System Corp.',
  20974: 'American Megatrends, Inc',
  40092: 'Wiwynn Corporation',
  41651: 'Dapesco S.A.',
  47196: 'Hewlett Packard Enterprise',
};
export function freeipmiManufacturer(id: number): string {
  const name = MANUFACTURERS[id];
  return name ? `${name} (${id})` : String(id);
}

/** bmc-info "Firmware Revision": major, a dot, the minor revision as two digits (BCD in Get Device ID). */
export function firmwareRevision(major: number, minor: number): string {
  return `${major}.${String(minor).padStart(2, '0')}`;
}

/**
 * A reading as ipmimonitoring prints it (two decimals, C printf rounding: the exact binary
 * value, ties to even) and as ipmi_exporter then parses it. Sensor conversions often produce
 * exact ties (M = 125, R = -3 gives multiples of 0.125), where JS toFixed rounds up instead.
 */
export function freeipmiReading(v: number): number {
  if (!Number.isFinite(v)) return v;
  const exact = Math.abs(v).toFixed(60);
  const dot = exact.indexOf('.');
  const tail = exact.slice(dot + 3);
  if (/^50*$/.test(tail)) {
    const cents = BigInt(exact.slice(0, dot) + exact.slice(dot + 1, dot + 3));
    const even = cents % 2n === 0n ? cents : cents + 1n;
    return (Math.sign(v) * Number(even)) / 100;
  }
  return Number(v.toFixed(2));
}
