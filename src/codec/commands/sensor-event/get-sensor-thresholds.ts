import { defineCommand } from '../define';
import { struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { thresholdValues } from './fields';

// v2.0 §35.9, Table 35-9; Appendix G: User. Unreadable thresholds (mask bit 0) read as 00h.
export const GetSensorThresholds = defineCommand({
  name: 'Get Sensor Thresholds',
  netFn: NetFn.SensorEvent,
  cmd: 0x27,
  spec: 'v2.0 §35.9, Table 35-9',
  privilege: 'user',
  request: struct({ sensorNumber: u8 }),
  response: struct({ readableMask: u8, thresholds: thresholdValues }),
});
