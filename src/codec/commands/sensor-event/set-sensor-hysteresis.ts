import { defineCommand } from '../define';
import { empty, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

/** The reserved hysteresis mask byte: senders write FFh (v2.0 Tables 35-6, 35-7). */
export const HYSTERESIS_MASK = 0xff;

// v2.0 §35.6, Table 35-6; Appendix G: Operator.
export const SetSensorHysteresis = defineCommand({
  name: 'Set Sensor Hysteresis',
  netFn: NetFn.SensorEvent,
  cmd: 0x24,
  spec: 'v2.0 §35.6, Table 35-6',
  privilege: 'operator',
  request: struct({ sensorNumber: u8, hysteresisMask: u8, positiveHysteresis: u8, negativeHysteresis: u8 }),
  response: empty,
});
