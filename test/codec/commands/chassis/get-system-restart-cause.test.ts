import { GetSystemRestartCause } from '../../../../src/codec/commands/chassis';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSystemRestartCause, {
  request: [{ name: 'empty', source: 'v2.0 §28.11', hex: '', value: {} }],
  response: [
    { name: 'chassis control on channel 1', source: 'v2.0 §28.11 (1h)', hex: '01 01', value: { cause: { cause: 1 }, channel: { number: 1 } } },
    { name: 'watchdog expiration', source: 'v2.0 §28.11 (4h)', hex: '04 00', value: { cause: { cause: 4 }, channel: { number: 0 } } },
  ],
  responseErrors: [{ name: 'one byte', hex: '01', reason: 'short' }],
});
