import { GetChannelInfo } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetChannelInfo, {
  request: [
    { name: 'channel 1', source: 'v2.0 §22.24', hex: '01', value: { channel: { number: 1 } } },
    { name: 'present channel (0Eh)', source: 'v2.0 §22.24 / §6.3', hex: '0e', value: { channel: { number: 0x0e } } },
  ],
  response: [
    {
      name: 'LAN, IPMB-1.0 protocol, multi-session, 1 active, IPMI Forum',
      source: 'capture: ipmitool 1.8.19 `raw 0x06 0x42 0x01` against ipmi_sim 2.0.33',
      hex: '01 04 01 81 f2 1b 00 00 00',
      value: {
        channel: { number: 1 },
        medium: { type: 4 },
        protocol: { type: 1 },
        session: { support: 2, activeCount: 1 },
        vendorId: 7154,
        auxInfo: Buffer.from([0, 0]),
      },
    },
  ],
  responseErrors: [{ name: 'no aux info', hex: '01 04 01 81 f2 1b 00', reason: 'short' }],
});
