import { SetChannelAccess } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetChannelAccess, {
  request: [
    {
      name: 'set non-volatile access: always available, user-level auth disabled; volatile limit operator',
      source: 'v2.0 §22.22',
      hex: '01 4a 83',
      value: {
        channel: { number: 1 },
        access: { set: 1, alertingDisabled: false, perMessageAuthDisabled: false, userLevelAuthDisabled: true, accessMode: 2 },
        privilege: { set: 2, limit: 3 },
      },
    },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §22.22', hex: '', value: {} }],
  requestErrors: [{ name: 'two bytes', hex: '01 4a', reason: 'short' }],
});
