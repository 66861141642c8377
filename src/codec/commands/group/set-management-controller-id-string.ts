import { defineCommand } from '../define';
import { NetFn } from '../../message/netfn';
import { DCMI_GROUP, stringWriteRequest, stringWriteResponse } from './fields';

// DCMI v1.5 §6.4.6.2, Table 6-13; privilege Administrator. The last chunk carries the terminating NUL.
export const SetManagementControllerIdString = defineCommand({
  name: 'Set Management Controller Identifier String',
  netFn: NetFn.Group,
  cmd: 0x0a,
  group: DCMI_GROUP,
  spec: 'DCMI v1.5 §6.4.6.2, Table 6-13',
  privilege: 'administrator',
  request: stringWriteRequest,
  response: stringWriteResponse,
});
