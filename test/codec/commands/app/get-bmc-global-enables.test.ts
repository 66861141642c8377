import { GetBmcGlobalEnables } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

const off = { oem2: false, oem1: false, oem0: false, eventMessageBuffer: false, eventMessageBufferFullInterrupt: false, receiveMessageQueueInterrupt: false };
describeCommand(GetBmcGlobalEnables, {
  request: [{ name: 'empty', source: 'v2.0 §22.2', hex: '', value: {} }],
  response: [
    {
      name: 'SEL logging only',
      source: 'capture: ipmitool 1.8.19 `raw 0x06 0x2f` against ipmi_sim 2.0.33',
      hex: '08',
      value: { enables: { ...off, systemEventLogging: true } },
    },
    {
      name: 'SEL logging and event message buffer',
      source: 'v2.0 §22.1 bits 3 and 2',
      hex: '0c',
      value: { enables: { ...off, systemEventLogging: true, eventMessageBuffer: true } },
    },
  ],
});
