import { defineCommand } from '../define';
import { struct, u16le } from '../../fields';
import { NetFn } from '../../message/netfn';
import { selRecord } from '../../records/sel';

/**
 * v2.0 §31.6, Table 31-6; Appendix G: Operator. The request is one 16-byte SEL record; the
 * record ID in it is ignored (the SEL assigns one) and the timestamp of a 02h / C0h-DFh record
 * is replaced by the SEL time. ipmitool `sel add FILE` sends record ID 0000h.
 */
export const AddSelEntry = defineCommand({
  name: 'Add SEL Entry',
  netFn: NetFn.Storage,
  cmd: 0x44,
  spec: 'v2.0 §31.6, Table 31-6',
  privilege: 'operator',
  request: selRecord,
  response: struct({ recordId: u16le }),
  codes: { 0x80: 'Operation not supported for this Record Type', 0x81: 'Cannot execute command, SEL erase in progress' },
});
