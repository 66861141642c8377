import { GetChannelPayloadSupport } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetChannelPayloadSupport, {
  request: [{ name: 'channel 1', source: 'v2.0 §24.8', hex: '01', value: { channel: { number: 1 } } }],
  response: [
    {
      name: 'IPMI messages and the six RMCP+ session setup payloads',
      source: 'v2.0 §24.8 with payload types of v2.0 §13.27.3, Table 13-16',
      hex: '01 00 3f 00 00 00 00 00',
      value: {
        standard: { oemExplicit: false, sol: false, ipmi: true },
        standardHigh: {},
        sessionSetup: { rakp4: true, rakp3: true, rakp2: true, rakp1: true, openSessionResponse: true, openSessionRequest: true },
        sessionSetupHigh: {},
        oem: Buffer.alloc(2),
        reserved: Buffer.alloc(2),
      },
    },
  ],
  responseErrors: [{ name: '4 bytes', hex: '01 00 3f 00', reason: 'short' }],
});
