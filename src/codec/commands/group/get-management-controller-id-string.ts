import { defineCommand } from '../define';
import { NetFn } from '../../message/netfn';
import { DCMI_GROUP, stringReadRequest, stringReadResponse } from './fields';

/**
 * DCMI v1.5 §6.4.6.1, Table 6-12; privilege User. The ID string is at most 64 bytes including
 * its terminating NUL; `totalLength` excludes the NUL.
 */
export const GetManagementControllerIdString = defineCommand({
  name: 'Get Management Controller Identifier String',
  netFn: NetFn.Group,
  cmd: 0x09,
  group: DCMI_GROUP,
  spec: 'DCMI v1.5 §6.4.6.1, Table 6-12',
  privilege: 'user',
  request: stringReadRequest,
  response: stringReadResponse,
});
