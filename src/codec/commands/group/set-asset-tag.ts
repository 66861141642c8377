import { defineCommand } from '../define';
import { NetFn } from '../../message/netfn';
import { DCMI_GROUP, stringWriteRequest, stringWriteResponse } from './fields';

// DCMI v1.5 §6.4.3, Table 6-9; privilege Administrator. The tag is at most 63 bytes.
export const SetAssetTag = defineCommand({
  name: 'Set Asset Tag',
  netFn: NetFn.Group,
  cmd: 0x08,
  group: DCMI_GROUP,
  spec: 'DCMI v1.5 §6.4.3, Table 6-9',
  privilege: 'administrator',
  request: stringWriteRequest,
  response: stringWriteResponse,
});
