/**
 * Entity ID codes (v2.0 §43.14, Table 43-13), spelled as ipmitool prints them
 * (lib/ipmi_strings.c entity_id_vals). 40h-42h are the DCMI entity IDs (DCMI v1.5 §6.6.1):
 * inlet air, processor, baseboard, which Get DCMI Sensor Info / Get Temperature Readings use.
 */
export const EntityId = {
  unspecified: 0x00,
  other: 0x01,
  processor: 0x03,
  disk: 0x04,
  systemManagementModule: 0x06,
  systemBoard: 0x07,
  memoryModule: 0x08,
  powerSupply: 0x0a,
  addInCard: 0x0b,
  frontPanelBoard: 0x0c,
  backPanelBoard: 0x0d,
  powerSystemBoard: 0x0e,
  driveBackplane: 0x0f,
  processorBoard: 0x12,
  powerUnit: 0x13,
  powerModule: 0x14,
  systemChassis: 0x17,
  diskDriveBay: 0x1a,
  fan: 0x1d,
  coolingUnit: 0x1e,
  memoryDevice: 0x20,
  bios: 0x22,
  operatingSystem: 0x23,
  battery: 0x28,
  managementControllerFirmware: 0x2e,
  airInlet: 0x37,
  dcmiAirInlet: 0x40,
  dcmiProcessor: 0x41,
  dcmiBaseboard: 0x42,
} as const;

const NAMES: readonly string[] = [
  'Unspecified', 'Other', 'Unknown', 'Processor', 'Disk or Disk Bay', 'Peripheral Bay', 'System Management Module', 'System Board',
  'Memory Module', 'Processor Module', 'Power Supply', 'Add-in Card', 'Front Panel Board', 'Back Panel Board', 'Power System Board', 'Drive Backplane',
  'System Internal Expansion Board', 'Other System Board', 'Processor Board', 'Power Unit', 'Power Module', 'Power Management', 'Chassis Back Panel Board', 'System Chassis',
  'Sub-Chassis', 'Other Chassis Board', 'Disk Drive Bay', 'Peripheral Bay', 'Device Bay', 'Fan Device', 'Cooling Unit', 'Cable/Interconnect',
  'Memory Device', 'System Management Software', 'BIOS', 'Operating System', 'System Bus', 'Group', 'Remote Management Device', 'External Environment',
  'Battery', 'Processing Blade', 'Connectivity Switch', 'Processor/Memory Module', 'I/O Module', 'Processor/IO Module', 'Management Controller Firmware', 'IPMI Channel',
  'PCI Bus', 'PCI Express Bus', 'SCSI Bus (parallel)', 'SATA/SAS Bus', 'Processor/Front-Side Bus', 'Real Time Clock(RTC)', 'Reserved', 'Air Inlet',
];
const DCMI_AND_PICMG: Record<number, string> = {
  0x40: 'Air Inlet',
  0x41: 'Processor',
  0x42: 'Baseboard/Main System Board',
  0xa0: 'PICMG Front Board',
  0xc0: 'PICMG Rear Transition Module',
  0xc1: 'PICMG AdvancedMC Module',
  0xf0: 'PICMG Shelf Management Controller',
  0xf1: 'PICMG Filtration Unit',
  0xf2: 'PICMG Shelf FRU Information',
  0xf3: 'PICMG Alarm Panel',
};

/** The entity's name, "Reserved" for unassigned codes below 90h, "OEM" for 90h-AFh, "Unknown" otherwise. */
export function entityName(id: number): string {
  const n = NAMES[id] ?? DCMI_AND_PICMG[id];
  if (n) return n;
  if (id < 0x90) return 'Reserved';
  return id <= 0xaf ? 'OEM' : 'Unknown';
}

/** ipmitool's "entity.instance" notation ("3.1"), with the logical-container bit folded out. */
export function entityLabel(entityId: number, instance: { instance: number } | number): string {
  return `${entityId}.${typeof instance === 'number' ? instance & 0x7f : instance.instance}`;
}
