import { GetUserName } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetUserName, {
  request: [{ name: 'user 2', source: 'v2.0 §22.29', hex: '02', value: { user: { id: 2 } } }],
  response: [
    {
      name: 'admin',
      source: 'capture: ipmitool 1.8.19 `raw 0x06 0x46 0x02` against ipmi_sim 2.0.33',
      hex: '61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00',
      value: { name: 'admin' },
    },
    { name: 'empty slot', source: 'v2.0 §22.29', hex: '00'.repeat(16), value: { name: '' } },
  ],
  responseErrors: [{ name: '5 bytes', hex: '61 64 6d 69 6e', reason: 'short' }],
});
