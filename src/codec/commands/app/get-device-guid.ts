import { defineCommand } from '../define';
import { empty, guid16, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §20.8: the 16 GUID bytes in IPMI order (the RFC 4122 text's bytes reversed; see VirtualBmc.guidWire).
export const GetDeviceGuid = defineCommand({
  name: 'Get Device GUID',
  netFn: NetFn.App,
  cmd: 0x08,
  spec: 'v2.0 §20.8',
  privilege: 'user',
  request: empty,
  response: struct({ guid: guid16 }),
});
