import { defineCommand } from '../define';
import { struct, u16le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { countedBytes } from './fields';

// v2.0 §34.2, Table 34-3; Appendix G: User.
export const ReadFruData = defineCommand({
  name: 'Read FRU Data',
  netFn: NetFn.Storage,
  cmd: 0x11,
  spec: 'v2.0 §34.2, Table 34-3',
  privilege: 'user',
  request: struct({
    fruDeviceId: u8,
    /** Offset in bytes (or words, see Get FRU Inventory Area Info), LS byte first. */
    offset: u16le,
    /** Count to read, 1-based. Too large for one message: CAh (pyghmi backs off on it; ipmi_sim's C8h breaks pyghmi). */
    count: u8,
  }),
  /** Count returned, then the data. */
  response: struct({ data: countedBytes() }),
  codes: { 0x81: 'FRU device busy' },
});
