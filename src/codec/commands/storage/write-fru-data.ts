import { defineCommand } from '../define';
import { rest, struct, u16le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §34.3, Table 34-4; Appendix G: Operator.
export const WriteFruData = defineCommand({
  name: 'Write FRU Data',
  netFn: NetFn.Storage,
  cmd: 0x12,
  spec: 'v2.0 §34.3, Table 34-4',
  privilege: 'operator',
  request: struct({ fruDeviceId: u8, offset: u16le, data: rest() }),
  response: struct({ countWritten: u8 }),
  codes: { 0x80: 'Write-protected offset', 0x81: 'FRU device busy' },
});
