import { GetUserAccess } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetUserAccess, {
  request: [{ name: 'channel 1 user 2', source: 'v2.0 §22.27', hex: '01 02', value: { channel: { number: 1 }, user: { id: 2 } } }],
  response: [
    {
      name: 'ipmi_sim user 2 (admin)',
      source: 'capture: ipmitool 1.8.19 `raw 0x06 0x44 0x01 0x02` against ipmi_sim 2.0.33',
      hex: '3f 03 00 14',
      value: {
        maxUsers: { count: 63 },
        enabled: { status: 0, count: 3 },
        fixedNames: { count: 0 },
        access: { callbackOnly: false, linkAuth: false, ipmiMessaging: true, privilegeLimit: 4 },
      },
    },
    {
      name: 'disabled via Set User Password, no access',
      source: 'v2.0 §22.27 (errata 3 enable status 10b, limit Fh)',
      hex: '0a 82 01 0f',
      value: {
        maxUsers: { count: 10 },
        enabled: { status: 2, count: 2 },
        fixedNames: { count: 1 },
        access: { callbackOnly: false, linkAuth: false, ipmiMessaging: false, privilegeLimit: 15 },
      },
    },
  ],
  requestErrors: [{ name: 'no user byte', hex: '01', reason: 'short' }],
});
