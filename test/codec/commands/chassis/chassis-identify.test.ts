import { ChassisIdentify } from '../../../../src/codec/commands/chassis';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(ChassisIdentify, {
  request: [
    { name: 'ipmitool `chassis identify` (default 15 s)', source: 'ipmitool 1.8.19 lib/ipmi_chassis.c (no data)', hex: '', value: {} },
    { name: '60 seconds', source: 'v2.0 §28.5', hex: '3c', value: { intervalSec: 60 } },
    { name: 'force on', source: 'ipmitool 1.8.19 `chassis identify force` (00 01)', hex: '00 01', value: { intervalSec: 0, force: { on: true } } },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §28.5', hex: '', value: {} }],
  requestErrors: [{ name: 'three bytes', hex: '00 01 00', reason: 'trailing' }],
});
