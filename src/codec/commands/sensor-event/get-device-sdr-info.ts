import { defineCommand } from '../define';
import { bits, optional, struct, u32le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { flagBit } from '../storage/fields';

/**
 * v2.0 §35.2, Table 35-2; Appendix G: User. The request byte is optional: [0] 1 = return the
 * SDR count, 0 = the sensor count (a missing byte means sensor count). The population change
 * indicator is only returned for dynamic sensor populations; ipmi_sim answers just 2 bytes.
 */
export const GetDeviceSdrInfo = defineCommand({
  name: 'Get Device SDR Info',
  netFn: NetFn.SensorEvent,
  cmd: 0x20,
  spec: 'v2.0 §35.2, Table 35-2',
  privilege: 'user',
  request: struct({ sdrCount: optional(flagBit(0)) }),
  response: struct({
    /** Number of sensors on this LUN, or of SDRs when the request asked for the SDR count. */
    count: u8,
    flags: bits({ dynamic: [7, 1], lun3: [3, 1], lun2: [2, 1], lun1: [1, 1], lun0: [0, 1] }),
    populationChangeIndicator: optional(u32le),
  }),
});
