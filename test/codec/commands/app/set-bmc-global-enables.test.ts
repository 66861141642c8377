import { SetBmcGlobalEnables } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetBmcGlobalEnables, {
  request: [
    {
      name: 'OEM 0 and receive message queue interrupt',
      source: 'v2.0 §22.1 bits 5 and 0',
      hex: '21',
      value: {
        enables: {
          oem2: false,
          oem1: false,
          oem0: true,
          systemEventLogging: false,
          eventMessageBuffer: false,
          eventMessageBufferFullInterrupt: false,
          receiveMessageQueueInterrupt: true,
        },
      },
    },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §22.1', hex: '', value: {} }],
  requestErrors: [{ name: 'empty', hex: '', reason: 'short' }],
});
