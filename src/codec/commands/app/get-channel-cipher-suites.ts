import { defineCommand } from '../define';
import { bits, rest, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §22.15, Table 22-18. Answered outside a session: ipmitool 1.8.19 asks for it before
// logging in to pick a suite, and waits 10 s when the answer is unusable.
export const GetChannelCipherSuites = defineCommand({
  name: 'Get Channel Cipher Suites',
  netFn: NetFn.App,
  cmd: 0x54,
  spec: 'v2.0 §22.15, Table 22-18',
  privilege: 'none',
  request: struct({
    channel: bits({ number: [0, 4] }),
    payloadType: bits({ type: [0, 6] }),
    /** Bit 7: list by cipher suite (1) or supported algorithms (0); bits 5:0: 16-byte block index. */
    index: bits({ bySuite: [7, 1], index: [0, 6] }),
  }),
  response: struct({ channel: u8, records: rest(16) }),
});
