import { ChassisControl } from '../../../../src/codec/commands/chassis';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(ChassisControl, {
  request: [
    { name: 'power down', source: 'v2.0 §28.3 (0h); ipmitool `chassis power off`', hex: '00', value: { control: { op: 0 } } },
    { name: 'power up', source: 'v2.0 §28.3 (1h)', hex: '01', value: { control: { op: 1 } } },
    { name: 'soft shutdown', source: 'v2.0 §28.3 (5h); ipmitool `chassis power soft`', hex: '05', value: { control: { op: 5 } } },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §28.3', hex: '', value: {} }],
  requestErrors: [
    { name: 'empty', hex: '', reason: 'short' },
    { name: 'two bytes', hex: '01 00', reason: 'trailing' },
  ],
});
