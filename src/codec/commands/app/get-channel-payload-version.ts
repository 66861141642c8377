import { defineCommand } from '../define';
import { bits, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

export const PayloadVersionCC = { notAvailable: 0x80 } as const;

// v2.0 §24.9; Appendix G: User.
export const GetChannelPayloadVersion = defineCommand({
  name: 'Get Channel Payload Version',
  netFn: NetFn.App,
  cmd: 0x4f,
  spec: 'v2.0 §24.9',
  privilege: 'user',
  request: struct({ channel: bits({ number: [0, 4] }), payloadType: u8 }),
  /** Format version: [7:4] major, [3:0] minor (10h = 1.0). */
  response: struct({ version: bits({ major: [4, 4], minor: [0, 4] }) }),
  codes: { [PayloadVersionCC.notAvailable]: 'Payload type not available on given channel' },
});
