import { defineCommand } from '../define';
import { bits, empty, struct, u16le, u32le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §31.2, Table 31-2; Appendix G: User.
export const GetSelInfo = defineCommand({
  name: 'Get SEL Info',
  netFn: NetFn.Storage,
  cmd: 0x40,
  spec: 'v2.0 §31.2, Table 31-2',
  privilege: 'user',
  request: empty,
  response: struct({
    /** 51h = v1.5/v2.0 (ipmitool: "Version : 1.5 (v1.5, v2 compliant)"). */
    selVersion: u8,
    entries: u16le,
    /** Free space in bytes; FFFFh = 65535 or more. */
    freeSpace: u16le,
    mostRecentAddition: u32le,
    mostRecentErase: u32le,
    operationSupport: bits({
      overflow: [7, 1],
      deleteSel: [3, 1],
      partialAddSel: [2, 1],
      reserveSel: [1, 1],
      getAllocationInfo: [0, 1],
    }),
  }),
  codes: { 0x81: 'Cannot execute command, SEL erase in progress' },
});
