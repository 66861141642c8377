import { SetSelTime } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetSelTime, {
  request: [{ name: '2024-01-12 02:00:00 UTC', source: 'v2.0 Table 31-11', hex: '20 9d a0 65', value: { time: 0x65a09d20 } }],
  response: [{ name: 'empty', source: 'v2.0 Table 31-11', hex: '', value: {} }],
  requestErrors: [{ name: 'two bytes', hex: '20 9e', reason: 'short' }],
});
