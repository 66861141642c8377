import { defineCommand } from '../define';
import { struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { eventMasks, sensorStatusFlags } from './fields';

/**
 * v2.0 §35.13, Table 35-13; Appendix G: User. The masks give which events are asserted (latched
 * state with hysteresis, sensor/thresholds.ts evaluateThresholds), not the current comparison.
 */
export const GetSensorEventStatus = defineCommand({
  name: 'Get Sensor Event Status',
  netFn: NetFn.SensorEvent,
  cmd: 0x2b,
  spec: 'v2.0 §35.13, Table 35-13',
  privilege: 'user',
  request: struct({ sensorNumber: u8 }),
  response: struct({ flags: sensorStatusFlags, ...eventMasks }),
});
