import { defineCommand } from '../define';
import { empty, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { thresholdValues } from './fields';

/**
 * v2.0 §35.8, Table 35-8; Appendix G: Operator. `setMask` bits [0] LNC .. [5] UNR say which of
 * the six values to set (sensor/thresholds.ts thresholdMask); the others are ignored.
 * ipmitool `sensor thresh NAME ucr 90` sends mask 10h with UC = the raw value of 90.
 */
export const SetSensorThresholds = defineCommand({
  name: 'Set Sensor Thresholds',
  netFn: NetFn.SensorEvent,
  cmd: 0x26,
  spec: 'v2.0 §35.8, Table 35-8',
  privilege: 'operator',
  request: struct({ sensorNumber: u8, setMask: u8, thresholds: thresholdValues }),
  response: empty,
});
