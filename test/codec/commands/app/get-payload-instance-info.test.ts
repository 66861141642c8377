import { GetPayloadInstanceInfo } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetPayloadInstanceInfo, {
  request: [{ name: 'SOL instance 1 (pyghmi\'s keepalive)', source: 'pyghmi 1.5.34 pyghmi/ipmi/console.py: keepalive netfn 6 command 0x4b data (1, 1)', hex: '01 01', value: { payloadType: 1, instance: 1 } }],
  response: [
    {
      name: 'active in session 1A2B3C4Dh on serial port 1',
      source: 'v2.0 §24.5, Table 24-6 (session ID LS byte first, then 8 payload-specific bytes)',
      hex: '4d 3c 2b 1a 01 00 00 00 00 00 00 00',
      value: { sessionId: 0x1a2b3c4d, portNumber: 1, reserved: Buffer.alloc(7) },
    },
    { name: 'not active', source: 'v2.0 §24.5, Table 24-6 (session ID 0)', hex: '00 00 00 00 01 00 00 00 00 00 00 00', value: { sessionId: 0, portNumber: 1, reserved: Buffer.alloc(7) } },
  ],
  responseErrors: [{ name: 'payload bytes cut short', hex: '4d 3c 2b 1a 01', reason: 'short' }],
});
