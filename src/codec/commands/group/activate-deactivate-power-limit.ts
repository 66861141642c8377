import { defineCommand } from '../define';
import { empty, map, oneOf, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { reserved } from '../../records/sdr/fields';
import { DCMI_GROUP } from './fields';

// DCMI v1.5 §6.6.4, Table 6-19; privilege Operator. Byte 1: 00h deactivate, 01h activate; other values are invalid.
export const ActivateDeactivatePowerLimit = defineCommand({
  name: 'Activate/Deactivate Power Limit',
  netFn: NetFn.Group,
  cmd: 0x05,
  group: DCMI_GROUP,
  spec: 'DCMI v1.5 §6.6.4, Table 6-19',
  privilege: 'operator',
  request: struct({
    activate: map(oneOf([0, 1], 'power limit activation'), (v) => v === 1, (b: boolean) => (b ? 1 : 0)),
    reserved: reserved(2),
  }),
  response: empty,
});
