import { defineCommand } from '../define';
import { empty, optional, struct, u32le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Command-specific completion codes (v2.0 §22.19). */
export const CloseSessionCC = { invalidSessionId: 0x87, invalidHandle: 0x88 } as const;

// v2.0 §22.19, Table 22-23
export const CloseSession = defineCommand({
  name: 'Close Session',
  netFn: NetFn.App,
  cmd: 0x3c,
  spec: 'v2.0 §22.19, Table 22-23',
  privilege: 'callback',
  /** Session ID; when it is 0, the session handle follows. */
  request: struct({ sessionId: u32le, handle: optional(u8) }),
  response: empty,
  codes: {
    [CloseSessionCC.invalidSessionId]: 'invalid Session ID in request',
    [CloseSessionCC.invalidHandle]: 'invalid session handle in request',
  },
});
