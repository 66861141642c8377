import type { SelRecord } from '../../codec/records/sel';

/**
 * The text a `sel_events` regex is matched against: the event column of FreeIPMI's ipmi-sel,
 * which ipmi_exporter's sel-events collector matches (upstream's example regex is
 * "Correctable memory error.*": FreeIPMI's words, not ipmitool's "Correctable ECC").
 * Texts read from FreeIPMI 1.6.10's ipmi-sel for one SEL event per (sensor type, offset):
 * test/fixtures/exporter/freeipmi-1.6.10-ipmi-sel-events.csv. Generic event/reading types
 * (01h-0Ch, v2.0 Table 42-2) read the same whatever the sensor type ('*'); sensor-specific ones
 * (6Fh, Table 42-3) by sensor type. An offset without a text prints "Event Offset = 0Dh", as
 * ipmi-sel does. Deassertions print the same text.
 */
const TEXT: Record<string, ReadonlyArray<string | undefined>> = {
  '*:01': ["Lower Non-critical - going low", "Lower Non-critical - going high", "Lower Critical - going low", "Lower Critical - going high", "Lower Non-recoverable - going low", "Lower Non-recoverable - going high", "Upper Non-critical - going low", "Upper Non-critical - going high", "Upper Critical - going low", "Upper Critical - going high", "Upper Non-recoverable - going low", "Upper Non-recoverable - going high"],
  '05:6f': ["General Chassis Intrusion", "Drive Bay intrusion", "I/O Card area intrusion", "Processor area intrusion", "LAN Leash Lost", "Unauthorized dock", "FAN area intrusion"],
  '06:6f': ["Secure Mode Violation attempt", "Pre-boot Password Violation - user password", "Pre-boot Password Violation - setup password", "Pre-boot Password Violation - network boot password", "Other pre-boot Password Violation", "Out-of-band Access Password Violation"],
  '07:6f': ["IERR", "Thermal Trip", "FRB1/BIST failure", "FRB2/Hang in POST failure", "FRB3/Processor Startup/Initialization failure", "Configuration Error", "SM BIOS `Uncorrectable CPU-complex Error'", "Processor Presence detected", "Processor disabled", "Terminator Presence Detected", "Processor Automatically Throttled", "Machine Check Exception", "Correctable Machine Check Error"],
  '08:6f': ["Presence detected", "Power Supply Failure detected", "Predictive Failure", "Power Supply input lost (AC/DC)", "Power Supply input lost or out-of-range", "Power Supply input out-of-range", "Configuration error", "Power Supply Inactive"],
  '09:6f': ["Power Off/Power Down", "Power Cycle", "240VA Power Down", "Interlock Power Down", "AC lost/Power input lost", "Soft Power Control Failure", "Power Unit Failure detected", "Predictive Failure"],
  '0c:6f': ["Correctable memory error", "Uncorrectable memory error", "Parity", "Memory Scrub Failed", "Memory Device Disabled", "Correctable memory error logging limit reached", "Presence detected", "Configuration error", "Spare", "Memory Automatically Throttled", "Critical Overtemperature"],
  '0d:6f': ["Drive Presence", "Drive Fault", "Predictive Failure", "Hot Spare", "Consistency Check / Parity Check in progress", "In Critical Array", "In Failed Array", "Rebuild/Remap in progress", "Rebuild/Remap Aborted"],
  '0f:6f': ["System Firmware Error", "System Firmware Hang", "System Firmware Progress"],
  '10:6f': ["Correctable Memory Error Logging Disabled", "Event Type Logging Disabled", "Log Area Reset/Cleared", "All Event Logging Disabled", "SEL Full", "SEL Almost Full", "Correctable Machine Check Error Logging Disabled"],
  '11:6f': ["BIOS Watchdog Reset", "OS Watchdog Reset", "OS Watchdog Shut Down", "OS Watchdog Power Down", "OS Watchdog Power Cycle", "OS Watchdog NMI/Diagnostic Interrupt", "OS Watchdog Expired", "OS Watchdog pre-timeout Interrupt"],
  '12:6f': ["System Reconfigured", "OEM System Boot Event", "Undetermined system hardware failure", "Entry added to Auxiliary Log", "PEF Action", "Timestamp Clock Synch"],
  '13:6f': ["Front Panel NMI/Diagnostic Interrupt", "Bus Timeout", "I/O channel check NMI", "Software NMI", "PCI PERR", "PCI SERR", "EISA Fail Safe Timeout", "Bus Correctable Error", "Bus Uncorrectable Error", "Fatal NMI", "Bus Fatal Error", "Bus Degraded"],
  '14:6f': ["Power Button pressed", "Sleep Button pressed", "Reset Button pressed", "FRU latch open", "FRU service request button"],
  '19:6f': ["Soft Power Control Failure"],
  '1b:6f': ["Cable/Interconnect is connected", "Configuration Error - Incorrect cable connected"],
  '1d:6f': ["Initiated by power up", "Initiated by hard reset", "Initiated by warm reset", "User requested PXE boot", "Automatic boot to diagnostic", "OS / run-time software initiated hard reset", "OS / run-time software initiated warm reset", "System Restart"],
  '1e:6f': ["No bootable media", "Non-bootable diskette left in drive", "PXE Server not found", "Invalid boot sector", "Timeout waiting for user selection of boot source"],
  '1f:6f': ["A: boot completed", "C: boot completed", "PXE boot completed", "Diagnostic boot completed", "CD-ROM boot completed", "ROM boot completed", "boot completed - boot device not specified", "Base OS/Hypervisor Installation started", "Base OS/Hypervisor Installation completed", "Base OS/Hypervisor Installation aborted", "Base OS/Hypervisor Installation failed"],
  '20:6f': ["Critical stop during OS load", "Run-time Critical Stop", "OS Graceful Stop", "OS Graceful Shutdown", "Soft Shutdown initiated by PEF", "Agent Not Responding"],
  '21:6f': ["Fault Status asserted", "Identify Status asserted", "Slot/Connector Device installed/attached", "Slot/Connector Ready for Device Installation", "Slot/Connector Ready for Device Removal", "Slot Power is Off", "Slot/Connector Device Removal Request", "Interlock asserted", "Slot is Disabled", "Slot holds spare device"],
  '22:6f': ["S0/G0", "S1", "S2", "S3", "S4", "S5/G2", "S4/S5 soft-off", "G3/Mechanical Off", "Sleeping in an S1", "G1 sleeping", "S5 entered by override", "Legacy ON state", "Legacy OFF state", "Unspecified", "Unknown"],
  '23:6f': ["Timer expired", "Hard Reset", "Power Down", "Power Cycle", "reserved", "reserved", "reserved", "reserved", "Timer interrupt"],
  '24:6f': ["platform generated page", "platform generated LAN alert", "Platform Event Trap generated", "platform generated SNMP trap"],
  '25:6f': ["Entity Present", "Entity Absent", "Entity Disabled"],
  '27:6f': ["LAN Heartbeat Lost", "LAN Heartbeat"],
  '28:6f': ["sensor access degraded or unavailable", "controller access degraded or unavailable", "management controller off-line", "management controller unavailable", "sensor failure", "FRU failure"],
  '29:6f': ["battery low", "battery failed", "battery presence detected"],
  '2a:6f': ["Session Activated", "Session Deactivated", "Invalid Username or Password", "Invalid Password Disable"],
  '2b:6f': ["Hardware change detected with associated Entity", "Firmware or software change detected with associated Entity", "Hardware incompatibility detected with associated Entity", "Firmware or software incompatibility detected with associated Entity", "Entity is of an invalid or unsupported hardware version", "Entity contains an invalid or unsupported firmware or software version", "Hardware Change detected with associated Entity was successful", "Software or F/W Change detected with associated Entity was successful"],
  '2c:6f': ["FRU Not Installed", "FRU Inactive", "FRU Activation Requested", "FRU Activation In Progress", "FRU Active", "FRU Deactivation Requested", "FRU Deactivation In Progress", "FRU Communication Lost"],
  '*:02': ["Transition to Idle", "Transition to Active", "Transition to Busy"],
  '*:03': ["State Deasserted", "State Asserted"],
  '*:04': ["Predictive Failure deasserted", "Predictive Failure asserted"],
  '*:05': ["Limit Not Exceeded", "Limit Exceeded"],
  '*:06': ["Performance Met", "Performance Lags"],
  '*:07': ["transition to OK", "transition to Non-Critical from OK", "transition to Critical from less severe", "transition to Non-recoverable from less severe", "transition to Non-Critical from more severe", "transition to Critical from Non-recoverable", "transition to Non-recoverable", "Monitor", "Informational"],
  '*:08': ["Device Removed/Device Absent", "Device Inserted/Device Present"],
  '*:09': ["Device Disabled", "Device Enabled"],
  '*:0a': ["transition to Running", "transition to In Test", "transition to Power Off", "transition to On Line", "transition to Off Line", "transition to Off Duty", "transition to Degraded", "transition to Power Save", "Install Error"],
  '*:0b': ["Fully Redundant", "Redundancy Lost", "Redundancy Degraded", "Non-redundant:Sufficient Resources from Redundant", "Non-redundant:Sufficient Resources from Insufficient Resources", "Non-redundant:Insufficient Resources", "Redundancy Degraded from Fully Redundant", "Redundancy Degraded from Non-redundant"],
  '*:0c': ["D0 Power State", "D1 Power State", "D2 Power State", "D3 Power State"],
};

const hex = (n: number) => n.toString(16).padStart(2, '0');

export function selEventText(rec: SelRecord): string {
  if (rec.kind !== 'system') return 'OEM defined';
  const et = rec.eventDirType.eventType;
  const offset = rec.eventData1 & 0x0f;
  const texts = et === 0x6f ? TEXT[`${hex(rec.sensorType)}:6f`] : TEXT[`*:${hex(et)}`];
  return texts?.[offset] ?? `Event Offset = ${hex(offset).toUpperCase()}h`;
}
