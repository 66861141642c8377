import { defineCommand } from '../define';
import { struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { readingFactors } from '../../records/sdr/fields';

/**
 * v2.0 §35.5, Table 35-5; Appendix G: User. For non-linear sensors (linearization 70h-7Fh):
 * the factors that apply to `readingByte`, and the next reading at which they change.
 */
export const GetSensorReadingFactors = defineCommand({
  name: 'Get Sensor Reading Factors',
  netFn: NetFn.SensorEvent,
  cmd: 0x23,
  spec: 'v2.0 §35.5, Table 35-5',
  privilege: 'user',
  request: struct({ sensorNumber: u8, readingByte: u8 }),
  response: struct({ nextReading: u8, factors: readingFactors }),
});
