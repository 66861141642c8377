import { defineCommand } from '../define';
import { bits, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { eventMasks } from './fields';

// v2.0 §35.11, Table 35-11; Appendix G: User.
export const GetSensorEventEnable = defineCommand({
  name: 'Get Sensor Event Enable',
  netFn: NetFn.SensorEvent,
  cmd: 0x29,
  spec: 'v2.0 §35.11, Table 35-11',
  privilege: 'user',
  request: struct({ sensorNumber: u8 }),
  response: struct({
    flags: bits({ eventMessagesEnabled: [7, 1], scanningEnabled: [6, 1] }),
    /** Enabled assertion / deassertion events (ipmitool "Assertions Enabled : unc+ ucr+ ..."). */
    ...eventMasks,
  }),
});
