import { defineCommand } from '../define';
import { struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §35.7, Table 35-7; Appendix G: User.
export const GetSensorHysteresis = defineCommand({
  name: 'Get Sensor Hysteresis',
  netFn: NetFn.SensorEvent,
  cmd: 0x25,
  spec: 'v2.0 §35.7, Table 35-7',
  privilege: 'user',
  request: struct({ sensorNumber: u8, hysteresisMask: u8 }),
  /** Raw counts (sensor/conversion.ts hysteresisToValue). */
  response: struct({ positiveHysteresis: u8, negativeHysteresis: u8 }),
});
