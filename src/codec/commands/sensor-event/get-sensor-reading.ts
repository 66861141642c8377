import { defineCommand } from '../define';
import { optional, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { sensorStatusFlags } from './fields';

/**
 * v2.0 §35.14, Table 35-15; Appendix G: User. Bytes 3 and 4 of the response are optional.
 * `states`: for threshold sensors the comparison status ([5] >= UNR, [4] >= UC, [3] >= UNC,
 * [2] <= LNR, [1] <= LC, [0] <= LNC; [7:6] reserved, 1b on some BMCs); for discrete sensors
 * states 7-0 asserted. `states2`: discrete states 14-8 ([7] reserved); threshold sensors may
 * send 80h or nothing. ipmi_sim sends all four bytes ("30 c0 00 00" for 48 degrees C).
 */
export const GetSensorReading = defineCommand({
  name: 'Get Sensor Reading',
  netFn: NetFn.SensorEvent,
  cmd: 0x2d,
  spec: 'v2.0 §35.14, Table 35-15',
  privilege: 'user',
  request: struct({ sensorNumber: u8 }),
  response: struct({
    /** Raw reading; ignore when the sensor has no analog reading or `readingUnavailable` is set. */
    reading: u8,
    flags: sensorStatusFlags,
    states: optional(u8),
    states2: optional(u8),
  }),
});
