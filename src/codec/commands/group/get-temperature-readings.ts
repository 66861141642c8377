import { defineCommand } from '../define';
import { Codec, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { countedArray } from '../storage/fields';
import { DCMI_GROUP, sensorSelection } from './fields';
import { DCMI_MAX_INSTANCES_PER_RESPONSE } from './get-dcmi-sensor-info';

/**
 * Temperature data byte: [7] sign (1 = negative), [6:0] degrees C (DCMI v1.5 Table 6-22) - sign
 * and magnitude, as ipmitool prints it (lib/ipmi_dcmi.c: "%c%i C" from bit 7 and bits 6:0).
 * go-ipmi reads it as two's complement; both agree on positive temperatures.
 */
export const signMagnitude8: Codec<number> = {
  read: (r) => {
    const b = r.u8();
    return b & 0x80 ? -(b & 0x7f) || 0 : b;
  },
  write: (w, v) => {
    if (!Number.isInteger(v) || v < -127 || v > 127) throw new RangeError(`temperature ${v} out of range -127..127`);
    w.u8(v < 0 ? 0x80 | -v : v);
  },
};

// DCMI v1.5 §6.7.3, Table 6-22; privilege User.
export const GetTemperatureReadings = defineCommand({
  name: 'Get Temperature Readings',
  netFn: NetFn.Group,
  cmd: 0x10,
  group: DCMI_GROUP,
  spec: 'DCMI v1.5 §6.7.3, Table 6-22',
  privilege: 'user',
  request: sensorSelection,
  response: struct({
    totalInstances: u8,
    readings: countedArray(struct({ temperature: signMagnitude8, entityInstance: u8 }), DCMI_MAX_INSTANCES_PER_RESPONSE),
  }),
});
