import { defineCommand } from '../define';
import { NetFn } from '../../message/netfn';
import { DCMI_GROUP, stringReadRequest, stringReadResponse } from './fields';

/**
 * DCMI v1.5 §6.4.2, Table 6-8; privilege User. The asset tag is the FRU product area's asset tag
 * field; the command-specific codes tell a reader its FRU encoding is not 8-bit Latin-1 text.
 */
export const GetAssetTag = defineCommand({
  name: 'Get Asset Tag',
  netFn: NetFn.Group,
  cmd: 0x06,
  group: DCMI_GROUP,
  spec: 'DCMI v1.5 §6.4.2, Table 6-8',
  privilege: 'user',
  request: stringReadRequest,
  response: stringReadResponse,
  codes: {
    0x80: 'Encoding type in FRU is binary / unspecified',
    0x81: 'Encoding type in FRU is BCD Plus',
    0x82: 'Encoding type in FRU is 6-bit ASCII Packed',
    0x83: 'Encoding type in FRU is set to ASCII+Latin1, but language code is not set to English (indicating data is 2-byte UNICODE)',
  },
});
