import { defineCommand } from '../define';
import { bits, bytes, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §24.8; Appendix G: User. Payload type numbers are v2.0 §13.27.3, Table 13-16.
export const GetChannelPayloadSupport = defineCommand({
  name: 'Get Channel Payload Support',
  netFn: NetFn.App,
  cmd: 0x4e,
  spec: 'v2.0 §24.8',
  privilege: 'user',
  request: struct({ channel: bits({ number: [0, 4] }) }),
  response: struct({
    standard: bits({ oemExplicit: [2, 1], sol: [1, 1], ipmi: [0, 1] }),
    standardHigh: bits({}),
    sessionSetup: bits({ rakp4: [5, 1], rakp3: [4, 1], rakp2: [3, 1], rakp1: [2, 1], openSessionResponse: [1, 1], openSessionRequest: [0, 1] }),
    sessionSetupHigh: bits({}),
    /** OEM payload types 20h-27h (bit n = type 20h + n), then 28h-2Fh. */
    oem: bytes(2),
    reserved: bytes(2),
  }),
});
