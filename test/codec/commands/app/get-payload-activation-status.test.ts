import { GetPayloadActivationStatus } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetPayloadActivationStatus, {
  request: [{ name: 'SOL', source: 'capture: ipmitool 1.8.19 `raw 0x06 0x4a 0x01`', hex: '01', value: { payload: { type: 1 } } }],
  response: [
    { name: 'one instance possible, instance 1 active', source: 'v2.0 §24.4, Table 24-5 (capacity, then instance bits LS first)', hex: '01 01 00', value: { capacity: { instances: 1 }, active: 1 } },
    { name: 'one instance possible, none active', source: 'v2.0 §24.4, Table 24-5', hex: '01 00 00', value: { capacity: { instances: 1 }, active: 0 } },
    { name: 'instances 2 and 16 of 16 active', source: 'v2.0 §24.4, Table 24-5 (byte 4 bit 7 = instance 16)', hex: '0f 02 80', value: { capacity: { instances: 15 }, active: 0x8002 } },
  ],
  responseErrors: [{ name: 'no bitmap', hex: '01', reason: 'short' }],
});
