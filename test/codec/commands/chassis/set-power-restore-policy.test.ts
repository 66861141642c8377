import { SetPowerRestorePolicy } from '../../../../src/codec/commands/chassis';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetPowerRestorePolicy, {
  request: [
    { name: 'restore previous', source: 'v2.0 §28.8 (001b)', hex: '01', value: { policy: { policy: 1 } } },
    { name: 'no change (ipmitool `chassis policy list`)', source: 'v2.0 §28.8 (011b)', hex: '03', value: { policy: { policy: 3 } } },
  ],
  response: [
    { name: 'all three supported', source: 'v2.0 §28.8', hex: '07', value: { supported: { alwaysOn: true, previous: true, alwaysOff: true } } },
  ],
  requestErrors: [{ name: 'empty', hex: '', reason: 'short' }],
});
