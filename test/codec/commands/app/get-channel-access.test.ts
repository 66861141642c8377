import { GetChannelAccess } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetChannelAccess, {
  request: [
    { name: 'channel 1, non-volatile', source: 'capture: ipmitool 1.8.19 `channel info` request bytes', hex: '01 40', value: { channel: { number: 1 }, which: { copy: 1 } } },
    { name: 'channel 1, volatile', source: 'v2.0 §22.23, Table 22-28', hex: '01 80', value: { channel: { number: 1 }, which: { copy: 2 } } },
  ],
  response: [
    {
      name: 'always available, everything enabled, admin limit',
      source: 'capture: ipmitool 1.8.19 `raw 0x06 0x41 0x01 0x40` against ipmi_sim 2.0.33',
      hex: '02 04',
      value: {
        access: { alertingDisabled: false, perMessageAuthDisabled: false, userLevelAuthDisabled: false, accessMode: 2 },
        privilege: { limit: 4 },
      },
    },
    {
      name: 'alerting and per-message auth disabled, user limit',
      source: 'v2.0 §22.23, Table 22-28',
      hex: '32 02',
      value: {
        access: { alertingDisabled: true, perMessageAuthDisabled: true, userLevelAuthDisabled: false, accessMode: 2 },
        privilege: { limit: 2 },
      },
    },
  ],
  requestErrors: [{ name: 'no selector byte', hex: '01', reason: 'short' }],
});
