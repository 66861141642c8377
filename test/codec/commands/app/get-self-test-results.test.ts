import { GetSelfTestResults } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSelfTestResults, {
  request: [{ name: 'empty', source: 'v2.0 §20.4', hex: '', value: {} }],
  response: [
    { name: 'all tests passed', source: 'v2.0 §20.4 (55h, 00h)', hex: '55 00', value: { result: 0x55, detail: 0 } },
    { name: 'SDR repository empty', source: 'v2.0 §20.4 (57h, bit 3)', hex: '57 08', value: { result: 0x57, detail: 0x08 } },
  ],
  responseErrors: [{ name: 'one byte', hex: '55', reason: 'short' }],
});
