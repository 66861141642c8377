import { defineCommand } from '../define';
import { bits, struct, u16le, u32le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { reserved } from '../../records/sdr/fields';
import { DCMI_GROUP } from './fields';

/** Mode (DCMI v1.5 Table 6-16): 01h system power statistics, 02h enhanced (rolling average period in the attributes). */
export const PowerReadingMode = { systemPowerStatistics: 0x01, enhancedSystemPowerStatistics: 0x02 } as const;

// DCMI v1.5 §6.6.1, Table 6-16; privilege User. `ipmitool dcmi power reading` sends 01h 00h 00h.
export const GetPowerReading = defineCommand({
  name: 'Get Power Reading',
  netFn: NetFn.Group,
  cmd: 0x02,
  group: DCMI_GROUP,
  spec: 'DCMI v1.5 §6.6.1, Table 6-16',
  privilege: 'user',
  request: struct({
    mode: u8,
    /** Mode 02h: a rolling average period (dcmiTimePeriod byte); 00h for mode 01h. */
    modeAttributes: u8,
    reserved: reserved(1),
  }),
  response: struct({
    currentWatts: u16le,
    minimumWatts: u16le,
    maximumWatts: u16le,
    averageWatts: u16le,
    /** IPMI timestamp (seconds since 1970) of the reading. */
    timestamp: u32le,
    /** Statistics reporting time period in milliseconds. */
    reportingPeriodMs: u32le,
    state: bits({ measurementActive: [6, 1] }),
  }),
});
