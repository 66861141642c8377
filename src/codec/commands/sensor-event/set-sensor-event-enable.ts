import { defineCommand } from '../define';
import { bits, empty, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { eventMasks } from './fields';

/** Byte 2 [5:4] (v2.0 Table 35-10). */
export const EventEnableAction = { noChange: 0, enableSelected: 1, disableSelected: 2 } as const;

// v2.0 §35.10, Table 35-10; Appendix G: Operator.
export const SetSensorEventEnable = defineCommand({
  name: 'Set Sensor Event Enable',
  netFn: NetFn.SensorEvent,
  cmd: 0x28,
  spec: 'v2.0 §35.10, Table 35-10',
  privilege: 'operator',
  request: struct({
    sensorNumber: u8,
    flags: bits({ eventMessagesEnabled: [7, 1], scanningEnabled: [6, 1], action: [4, 2] }),
    /** Events to enable or disable per `action`; bits not set are left unchanged. */
    ...eventMasks,
  }),
  response: empty,
});
