import { defineCommand } from '../define';
import { struct, u16le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { flagBit } from './fields';

// v2.0 §34.1, Table 34-2; Appendix G: User.
export const GetFruInventoryAreaInfo = defineCommand({
  name: 'Get FRU Inventory Area Info',
  netFn: NetFn.Storage,
  cmd: 0x10,
  spec: 'v2.0 §34.1, Table 34-2',
  privilege: 'user',
  request: struct({ fruDeviceId: u8 }),
  response: struct({
    /** FRU inventory area size in bytes. */
    areaSize: u16le,
    /** [0] 0 = device is accessed by bytes, 1 = by words. */
    accessedByWords: flagBit(0),
  }),
});
