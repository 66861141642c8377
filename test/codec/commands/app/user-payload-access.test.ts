import { GetUserPayloadAccess, SetUserPayloadAccess } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetUserPayloadAccess, {
  request: [
    {
      name: 'ipmitool sol payload enable 1 4',
      source: 'v2.0 §24.6; ipmitool 1.8.19 lib/ipmi_sol.c sends channel, user, 02h, 0, 0, 0',
      hex: '01 04 02 00 00 00',
      value: { channel: { number: 1 }, user: { operation: 0, id: 4 }, enables: { standard1: 2, standard2: 0, oem1: 0, oem2: 0 } },
    },
    {
      name: 'ipmitool sol payload disable 1 4',
      source: 'v2.0 §24.6: operation 01b in byte 2 [7:6]',
      hex: '01 44 02 00 00 00',
      value: { channel: { number: 1 }, user: { operation: 1, id: 4 }, enables: { standard1: 2, standard2: 0, oem1: 0, oem2: 0 } },
    },
  ],
  response: [{ name: 'completion only', source: 'v2.0 §24.6', hex: '', value: {} }],
  requestErrors: [{ name: 'no OEM enables', hex: '01 04 02 00', reason: 'short' }],
});

describeCommand(GetUserPayloadAccess, {
  request: [{ name: 'channel 1 user 2', source: 'v2.0 §24.7', hex: '01 02', value: { channel: { number: 1 }, user: { id: 2 } } }],
  response: [
    { name: 'SOL enabled', source: 'v2.0 §24.7: standard payload enables 1, bit 1', hex: '02 00 00 00', value: { standard1: 2, standard2: 0, oem1: 0, oem2: 0 } },
    { name: 'OEM payload 21h only', source: 'v2.0 §24.7: OEM payload enables 1, bit n = type 20h + n', hex: '00 00 02 00', value: { standard1: 0, standard2: 0, oem1: 2, oem2: 0 } },
  ],
  requestErrors: [{ name: 'no user byte', hex: '01', reason: 'short' }],
});
