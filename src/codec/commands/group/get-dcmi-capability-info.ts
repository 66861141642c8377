import { defineCommand } from '../define';
import { bits, bits16le, optional, rest, struct, u8, ValueOf } from '../../fields';
import { NetFn } from '../../message/netfn';
import { countedArray } from '../storage/fields';
import { DCMI_GROUP } from './fields';

/** Parameter selectors (DCMI v1.5 §6.1.1, Table 6-3). */
export const DcmiCapabilityParameter = {
  supportedCapabilities: 1,
  mandatoryPlatformAttributes: 2,
  optionalPlatformAttributes: 3,
  manageabilityAccessAttributes: 4,
  enhancedSystemPowerStatisticsAttributes: 5,
} as const;

/** Rolling average time period / power reading mode attribute: [7:6] units (0 s, 1 min, 2 h, 3 days), [5:0] duration. */
export const dcmiTimePeriod = bits({ units: [6, 2], duration: [0, 6] });

/**
 * The parameter data of each selector (DCMI v1.5 Table 6-3), decoded from
 * GetDcmiCapabilityInfo's `data` with decode(dcmiCapabilityData[n], data). Bit names follow
 * ipmitool's `dcmi discover` output and FreeIPMI's templates; bits marked reserved in parameter
 * revision 02h (DCMI 1.5) are still read, as DCMI 1.0/1.1 BMCs set them.
 */
export const dcmiCapabilityData = {
  1: struct({
    /** Reserved in revision 02h; DCMI 1.0/1.1: identification, SEL logging, chassis power, temperature monitor. */
    mandatoryPlatform: bits({ identification: [0, 1], selLogging: [1, 1], chassisPower: [2, 1], temperatureMonitor: [3, 1] }),
    /** "Power management available". */
    optionalPlatform: bits({ powerManagement: [0, 1] }),
    manageabilityAccess: bits({ inBandKcs: [0, 1], serialTmode: [1, 1], secondaryLan: [2, 1], primaryLan: [3, 1], sol: [4, 1], vlan: [5, 1] }),
  }),
  2: struct({
    sel: bits16le({ maxEntries: [0, 12], recordLevelFlushOnRollover: [12, 1], entireFlushOnRollover: [13, 1], automaticRollover: [15, 1] }),
    /** Reserved in revision 02h (GUID, DHCP host name, asset tag support in DCMI 1.1). */
    identification: bits({ guid: [0, 1], dhcpHostName: [1, 1], assetTag: [2, 1] }),
    temperatureMonitoring: bits({ inlet: [0, 1], processor: [1, 1], baseboard: [2, 1] }),
    /** Revision 02h: sampling frequency of temperature monitoring, in seconds. */
    temperatureSamplingSeconds: optional(u8),
  }),
  3: struct({
    /**
     * [7:1] slave address of the power management device. `ipmitool dcmi discover` prints
     * "Slave address of device: 20h (BMC)" only when this byte is 40h (lib/ipmi_dcmi.c).
     */
    powerManagementAddress: u8,
    powerManagementController: bits({ channel: [4, 4], deviceRevision: [0, 4] }),
  }),
  4: struct({ primaryLanChannel: u8, secondaryLanChannel: u8, serialChannel: u8 }),
  5: struct({ rollingAveragePeriods: countedArray(dcmiTimePeriod) }),
} as const;
export type DcmiCapabilityData = { [K in keyof typeof dcmiCapabilityData]: ValueOf<(typeof dcmiCapabilityData)[K]> };

/**
 * DCMI v1.5 §6.1.1, Table 6-2; privilege User. The parameter data depends on the selector in
 * the request, so the response keeps it as bytes (decode it with dcmiCapabilityData).
 */
export const GetDcmiCapabilityInfo = defineCommand({
  name: 'Get DCMI Capability Info',
  netFn: NetFn.Group,
  cmd: 0x01,
  group: DCMI_GROUP,
  spec: 'DCMI v1.5 §6.1.1, Table 6-2',
  privilege: 'user',
  request: struct({ parameter: u8 }),
  response: struct({
    /** DCMI specification conformance, 01h 05h for v1.5. */
    majorVersion: u8,
    minorVersion: u8,
    /** 02h for DCMI 1.5 parameters. */
    parameterRevision: u8,
    data: rest(),
  }),
});
