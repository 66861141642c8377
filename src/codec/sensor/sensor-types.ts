import { EventReadingType, genericOffsetName } from './event-types';

/**
 * Sensor Type Codes and their sensor-specific offsets (v2.0 §42.2, Table 42-3). Names are
 * spelled as ipmitool prints them (lib/ipmi_sdr.c sensor_type_desc; include/ipmitool/ipmi_sel.h
 * sensor_specific_event_types). Where ipmitool names an offset by its event data 2/3 detail
 * (power supply offset 06h, system firmware 0Fh, version change 2Bh) we use the offset's own
 * name from the spec; Session Audit (2Ah) and ACPI state 0Dh, absent from ipmitool's table,
 * follow FreeIPMI (libfreeipmi/spec/ipmi-sensor-and-event-code-tables-spec.c).
 */
export const SensorType = {
  temperature: 0x01,
  voltage: 0x02,
  current: 0x03,
  fan: 0x04,
  physicalSecurity: 0x05,
  platformSecurity: 0x06,
  processor: 0x07,
  powerSupply: 0x08,
  powerUnit: 0x09,
  coolingDevice: 0x0a,
  otherUnits: 0x0b,
  memory: 0x0c,
  driveSlot: 0x0d,
  postMemoryResize: 0x0e,
  systemFirmwareProgress: 0x0f,
  eventLoggingDisabled: 0x10,
  watchdog1: 0x11,
  systemEvent: 0x12,
  criticalInterrupt: 0x13,
  button: 0x14,
  moduleBoard: 0x15,
  microcontroller: 0x16,
  addInCard: 0x17,
  chassis: 0x18,
  chipSet: 0x19,
  otherFru: 0x1a,
  cableInterconnect: 0x1b,
  terminator: 0x1c,
  systemBootInitiated: 0x1d,
  bootError: 0x1e,
  osBoot: 0x1f,
  osCriticalStop: 0x20,
  slotConnector: 0x21,
  systemAcpiPowerState: 0x22,
  watchdog2: 0x23,
  platformAlert: 0x24,
  entityPresence: 0x25,
  monitorAsic: 0x26,
  lan: 0x27,
  managementSubsystemHealth: 0x28,
  battery: 0x29,
  sessionAudit: 0x2a,
  versionChange: 0x2b,
  fruState: 0x2c,
} as const;

interface SensorTypeInfo {
  name: string;
  offsets?: readonly string[];
}

const TABLE: Record<number, SensorTypeInfo> = {
  0x01: { name: 'Temperature' },
  0x02: { name: 'Voltage' },
  0x03: { name: 'Current' },
  0x04: { name: 'Fan' },
  0x05: {
    name: 'Physical Security',
    offsets: ['General Chassis intrusion', 'Drive Bay intrusion', 'I/O Card area intrusion', 'Processor area intrusion', 'System unplugged from LAN', 'Unauthorized dock', 'FAN area intrusion'],
  },
  0x06: {
    name: 'Platform Security',
    offsets: [
      'Front Panel Lockout violation attempted',
      'Pre-boot password violation - user password',
      'Pre-boot password violation - setup password',
      'Pre-boot password violation - network boot password',
      'Other pre-boot password violation',
      'Out-of-band access password violation',
    ],
  },
  0x07: {
    name: 'Processor',
    offsets: [
      'IERR',
      'Thermal Trip',
      'FRB1/BIST failure',
      'FRB2/Hang in POST failure',
      'FRB3/Processor startup/init failure',
      'Configuration Error',
      'SM BIOS Uncorrectable CPU-complex Error',
      'Presence detected',
      'Disabled',
      'Terminator presence detected',
      'Throttled',
      'Uncorrectable machine check exception',
      'Correctable machine check error',
    ],
  },
  0x08: {
    name: 'Power Supply',
    offsets: ['Presence detected', 'Failure detected', 'Predictive failure', 'Power Supply AC lost', 'AC lost or out-of-range', 'AC out-of-range, but present', 'Config Error', 'Power Supply Inactive'],
  },
  0x09: {
    name: 'Power Unit',
    offsets: ['Power off/down', 'Power cycle', '240VA power down', 'Interlock power down', 'AC lost', 'Soft-power control failure', 'Failure detected', 'Predictive failure'],
  },
  0x0a: { name: 'Cooling Device' },
  0x0b: { name: 'Other' },
  0x0c: {
    name: 'Memory',
    offsets: [
      'Correctable ECC',
      'Uncorrectable ECC',
      'Parity',
      'Memory Scrub Failed',
      'Memory Device Disabled',
      'Correctable ECC logging limit reached',
      'Presence Detected',
      'Configuration Error',
      'Spare',
      'Throttled',
      'Critical Overtemperature',
    ],
  },
  0x0d: {
    name: 'Drive Slot / Bay',
    offsets: ['Drive Present', 'Drive Fault', 'Predictive Failure', 'Hot Spare', 'Parity Check In Progress', 'In Critical Array', 'In Failed Array', 'Rebuild In Progress', 'Rebuild Aborted'],
  },
  0x0e: { name: 'POST Memory Resize' },
  0x0f: { name: 'System Firmwares', offsets: ['System Firmware Error', 'System Firmware Hang', 'System Firmware Progress'] },
  0x10: {
    name: 'Event Logging Disabled',
    offsets: ['Correctable memory error logging disabled', 'Event logging disabled', 'Log area reset/cleared', 'All event logging disabled', 'Log full', 'Log almost full'],
  },
  0x11: {
    name: 'Watchdog1',
    offsets: ['BIOS Reset', 'OS Reset', 'OS Shut Down', 'OS Power Down', 'OS Power Cycle', 'OS NMI/Diag Interrupt', 'OS Expired', 'OS pre-timeout Interrupt'],
  },
  0x12: {
    name: 'System Event',
    offsets: ['System Reconfigured', 'OEM System boot event', 'Undetermined system hardware failure', 'Entry added to auxiliary log', 'PEF Action', 'Timestamp Clock Sync'],
  },
  0x13: {
    name: 'Critical Interrupt',
    offsets: [
      'NMI/Diag Interrupt',
      'Bus Timeout',
      'I/O Channel check NMI',
      'Software NMI',
      'PCI PERR',
      'PCI SERR',
      'EISA failsafe timeout',
      'Bus Correctable error',
      'Bus Uncorrectable error',
      'Fatal NMI',
      'Bus Fatal Error',
      'Bus Degraded',
    ],
  },
  0x14: { name: 'Button', offsets: ['Power Button pressed', 'Sleep Button pressed', 'Reset Button pressed', 'FRU Latch', 'FRU Service'] },
  0x15: { name: 'Module / Board' },
  0x16: { name: 'Microcontroller' },
  0x17: { name: 'Add-in Card' },
  0x18: { name: 'Chassis' },
  0x19: { name: 'Chip Set', offsets: ['Soft Power Control Failure', 'Thermal Trip'] },
  0x1a: { name: 'Other FRU' },
  0x1b: { name: 'Cable / Interconnect', offsets: ['Connected', 'Config Error'] },
  0x1c: { name: 'Terminator' },
  0x1d: {
    name: 'System Boot Initiated',
    offsets: ['Initiated by power up', 'Initiated by hard reset', 'Initiated by warm reset', 'User requested PXE boot', 'Automatic boot to diagnostic', 'OS initiated hard reset', 'OS initiated warm reset', 'System Restart'],
  },
  0x1e: { name: 'Boot Error', offsets: ['No bootable media', 'Non-bootable disk in drive', 'PXE server not found', 'Invalid boot sector', 'Timeout waiting for selection'] },
  0x1f: {
    name: 'OS Boot',
    offsets: [
      'A: boot completed',
      'C: boot completed',
      'PXE boot completed',
      'Diagnostic boot completed',
      'CD-ROM boot completed',
      'ROM boot completed',
      'boot completed - device not specified',
      'Installation started',
      'Installation completed',
      'Installation aborted',
      'Installation failed',
    ],
  },
  0x20: {
    name: 'OS Critical Stop',
    offsets: ['Error during system startup', 'Run-time critical stop', 'OS graceful stop', 'OS graceful shutdown', 'PEF initiated soft shutdown', 'Agent not responding'],
  },
  0x21: {
    name: 'Slot / Connector',
    offsets: [
      'Fault Status',
      'Identify Status',
      'Device Installed',
      'Ready for Device Installation',
      'Ready for Device Removal',
      'Slot Power is Off',
      'Device Removal Request',
      'Interlock',
      'Slot is Disabled',
      'Spare Device',
    ],
  },
  0x22: {
    name: 'System ACPI Power State',
    offsets: [
      'S0/G0: working',
      'S1: sleeping with system hw & processor context maintained',
      'S2: sleeping, processor context lost',
      'S3: sleeping, processor & hw context lost, memory retained',
      'S4: non-volatile sleep/suspend-to-disk',
      'S5/G2: soft-off',
      'S4/S5: soft-off',
      'G3: mechanical off',
      'Sleeping in S1/S2/S3 state',
      'G1: sleeping',
      'S5: entered by override',
      'Legacy ON state',
      'Legacy OFF state',
      'Unspecified',
      'Unknown',
    ],
  },
  0x23: {
    name: 'Watchdog2',
    offsets: ['Timer expired', 'Hard reset', 'Power down', 'Power cycle', 'reserved', 'reserved', 'reserved', 'reserved', 'Timer interrupt'],
  },
  0x24: {
    name: 'Platform Alert',
    offsets: ['Platform generated page', 'Platform generated LAN alert', 'Platform Event Trap generated', 'Platform generated SNMP trap, OEM format'],
  },
  0x25: { name: 'Entity Presence', offsets: ['Present', 'Absent', 'Disabled'] },
  0x26: { name: 'Monitor ASIC' },
  0x27: { name: 'LAN', offsets: ['Heartbeat Lost', 'Heartbeat'] },
  0x28: {
    name: 'Management Subsys Health',
    offsets: ['Sensor access degraded or unavailable', 'Controller access degraded or unavailable', 'Management controller off-line', 'Management controller unavailable', 'Sensor failure', 'FRU failure'],
  },
  0x29: { name: 'Battery', offsets: ['Low', 'Failed', 'Presence Detected'] },
  0x2a: { name: 'Session Audit', offsets: ['Session Activated', 'Session Deactivated', 'Invalid Username or Password', 'Invalid Password Disable'] },
  0x2b: {
    name: 'Version Change',
    offsets: [
      'Hardware change detected',
      'Firmware or software change detected',
      'Hardware incompatibility detected',
      'Firmware or software incompatibility detected',
      'Invalid or unsupported hardware version',
      'Invalid or unsupported firmware or software version',
      'Hardware change success',
      'Firmware or software change success',
    ],
  },
  0x2c: {
    name: 'FRU State',
    offsets: ['Not Installed', 'Inactive', 'Activation Requested', 'Activation in Progress', 'Active', 'Deactivation Requested', 'Deactivation in Progress', 'Communication lost'],
  },
};

/** The sensor type's name ("Temperature", "Fan", ...); "OEM" for C0h-FFh, "reserved" otherwise. */
export function sensorTypeName(code: number): string {
  return TABLE[code]?.name ?? (code >= 0xc0 ? 'OEM' : 'reserved');
}

/** The sensor-specific offset names of a sensor type (event/reading type 6Fh), if it defines any. */
export function sensorSpecificOffsets(sensorType: number): readonly string[] {
  return TABLE[sensorType]?.offsets ?? [];
}

/** The code for a sensor type name as ipmitool spells it (case-insensitive), e.g. for `sdr type Temperature`. */
export function sensorTypeCode(name: string): number | undefined {
  const n = name.toLowerCase();
  const hit = Object.entries(TABLE).find(([, v]) => v.name.toLowerCase() === n);
  return hit ? Number(hit[0]) : undefined;
}

/**
 * The name of an event offset: generic for event/reading types 01h-0Ch, from the sensor type
 * for 6Fh, undefined for OEM or unknown offsets. This is the text ipmitool's `sel elist` shows
 * in its event column ("Upper Non-critical going high", "Presence detected").
 */
export function eventOffsetName(eventType: number, sensorType: number, offset: number): string | undefined {
  if (eventType === EventReadingType.sensorSpecific) return sensorSpecificOffsets(sensorType)[offset];
  return genericOffsetName(eventType, offset);
}

/**
 * What ipmitool's `sel elist` shows for a system event record: the sensor type name, the event
 * text ("Upper Non-critical going high", "OEM System boot event") and "Asserted"/"Deasserted".
 * The event text is undefined for OEM event types and unknown offsets.
 */
export function describeEvent(e: { sensorType: number; eventDirType: { deassertion: boolean; eventType: number }; eventData1: number }): {
  sensorType: string;
  event: string | undefined;
  direction: 'Asserted' | 'Deasserted';
} {
  return {
    sensorType: sensorTypeName(e.sensorType),
    event: eventOffsetName(e.eventDirType.eventType, e.sensorType, e.eventData1 & 0x0f),
    direction: e.eventDirType.deassertion ? 'Deasserted' : 'Asserted',
  };
}
