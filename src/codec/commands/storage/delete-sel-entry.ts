import { defineCommand } from '../define';
import { struct, u16le } from '../../fields';
import { NetFn } from '../../message/netfn';
import { reservationId } from './fields';

// v2.0 §31.8, Table 31-8; Appendix G: Operator.
export const DeleteSelEntry = defineCommand({
  name: 'Delete SEL Entry',
  netFn: NetFn.Storage,
  cmd: 0x46,
  spec: 'v2.0 §31.8, Table 31-8',
  privilege: 'operator',
  /** Record ID 0000h = first entry, FFFFh = last. */
  request: struct({ reservationId, recordId: u16le }),
  response: struct({ recordId: u16le }),
  codes: { 0x80: 'Operation not supported for this Record Type', 0x81: 'Cannot execute command, SEL erase in progress' },
});
