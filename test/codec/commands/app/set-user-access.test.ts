import { SetUserAccess } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetUserAccess, {
  request: [
    {
      // ipmi_user.c _ipmi_set_user_access with change_priv_limit_only: byte 1 = channel only.
      name: 'ipmitool `user priv 3 3 1`',
      source: 'ipmitool 1.8.19 lib/ipmi_user.c (4 bytes: 01 03 03 00)',
      hex: '01 03 03 00',
      value: {
        request: { change: false, callbackOnly: false, linkAuth: false, ipmiMessaging: false, channel: 1 },
        user: { id: 3 },
        privilege: { limit: 3 },
        sessionLimit: { count: 0 },
      },
    },
    {
      name: 'enable messaging and link auth, administrator, no session limit byte',
      source: 'v2.0 §22.26 (byte 4 optional)',
      hex: 'b1 02 04',
      value: {
        request: { change: true, callbackOnly: false, linkAuth: true, ipmiMessaging: true, channel: 1 },
        user: { id: 2 },
        privilege: { limit: 4 },
      },
    },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §22.26', hex: '', value: {} }],
  requestErrors: [{ name: 'two bytes', hex: 'b1 02', reason: 'short' }],
});
