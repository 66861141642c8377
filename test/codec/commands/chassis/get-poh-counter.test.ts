import { GetPohCounter } from '../../../../src/codec/commands/chassis';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetPohCounter, {
  request: [{ name: 'empty', source: 'v2.0 §28.14', hex: '', value: {} }],
  response: [
    {
      // ipmitool 1.8.19 `chassis poh` prints "POH Counter : 1 days, 2 hours" for 26 counts of 60 minutes.
      name: '26 hours at 60 minutes per count',
      source: 'v2.0 §28.14 (counter LS byte first)',
      hex: '3c 1a 00 00 00',
      value: { minutesPerCount: 60, counter: 26 },
    },
  ],
  responseErrors: [{ name: 'counter truncated', hex: '3c 1a 00', reason: 'short' }],
});
