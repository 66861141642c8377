import { SetUserName } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetUserName, {
  request: [
    {
      name: 'ipmitool `user set name 3 operator`',
      source: 'ipmitool 1.8.19 lib/ipmi_user.c (user id + 16 bytes)',
      hex: '03 6f 70 65 72 61 74 6f 72 00 00 00 00 00 00 00 00',
      value: { user: { id: 3 }, name: 'operator' },
    },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §22.28', hex: '', value: {} }],
  requestErrors: [{ name: 'name truncated', hex: '03 6f 70', reason: 'short' }],
});
