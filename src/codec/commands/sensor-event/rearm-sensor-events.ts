import { defineCommand } from '../define';
import { bits, empty, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { eventMasks } from './fields';

/**
 * v2.0 §35.12, Table 35-12; Appendix G: Operator. Byte 2 [7]: 0 = re-arm all event status of
 * the sensor, 1 = re-arm only the events in the masks (FreeIPMI IPMI_SENSOR_RE_ARM_ALL_EVENT_STATUS_ENABLED = 0).
 * OpenIPMI's ipmi_sim reads the bit the other way (lanserv/bmc_sensor.c handle_rearm_sensor_events);
 * we follow the spec.
 */
export const RearmSensorEvents = defineCommand({
  name: 'Re-arm Sensor Events',
  netFn: NetFn.SensorEvent,
  cmd: 0x2a,
  spec: 'v2.0 §35.12, Table 35-12',
  privilege: 'operator',
  request: struct({ sensorNumber: u8, flags: bits({ rearmSelected: [7, 1] }), ...eventMasks }),
  response: empty,
});
