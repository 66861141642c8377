import { defineCommand } from '../define';
import { struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { reserved } from '../../records/sdr/fields';
import { DCMI_GROUP } from './fields';
import { powerLimitFields } from './set-power-limit';

// DCMI v1.5 §6.6.2, Table 6-17; privilege User.
export const GetPowerLimit = defineCommand({
  name: 'Get Power Limit',
  netFn: NetFn.Group,
  cmd: 0x03,
  group: DCMI_GROUP,
  spec: 'DCMI v1.5 §6.6.2, Table 6-17',
  privilege: 'user',
  request: struct({ reserved: reserved(2) }),
  response: struct({ reserved: reserved(2), ...powerLimitFields }),
  codes: { 0x80: 'No Active Set Power Limit' },
});
