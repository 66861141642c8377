import { defineCommand } from '../define';
import { bits, bytes, optional, rest, struct, u16be, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §22.20, Table 22-24
export const GetSessionInfo = defineCommand({
  name: 'Get Session Info',
  netFn: NetFn.App,
  cmd: 0x3d,
  spec: 'v2.0 §22.20, Table 22-24',
  privilege: 'user',
  /** Index: 00h current session, N = Nth active, FEh by handle, FFh by session ID; then handle or ID. */
  request: struct({ index: u8, selector: optional(rest(4)) }),
  response: struct({
    handle: u8,
    possible: bits({ count: [0, 6] }),
    active: bits({ count: [0, 6] }),
    /** Present when the addressed session exists. */
    userId: optional(bits({ id: [0, 6] })),
    privilege: optional(bits({ level: [0, 4] })),
    channel: optional(bits({ protocolAux: [4, 4], number: [0, 4] })),
    /** LAN channel: console IP (MS byte first), MAC, port (MS byte first; ipmitool prints it ntohs). */
    consoleIp: optional(bytes(4)),
    consoleMac: optional(bytes(6)),
    consolePort: optional(u16be),
  }),
});
