import { SuspendResumePayloadEncryption } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SuspendResumePayloadEncryption, {
  request: [
    { name: 'suspend encryption of SOL instance 1', source: 'v2.0 §24.3, Table 24-4 (operation 00b)', hex: '01 01 00', value: { payload: { type: 1 }, instance: { number: 1 }, operation: { op: 0 } } },
    { name: 'resume', source: 'v2.0 §24.3, Table 24-4 (operation 01b)', hex: '01 01 01', value: { payload: { type: 1 }, instance: { number: 1 }, operation: { op: 1 } } },
    { name: 'regenerate keys', source: 'v2.0 §24.3, Table 24-4 (operation 10b)', hex: '01 01 02', value: { payload: { type: 1 }, instance: { number: 1 }, operation: { op: 2 } } },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §24.3, Table 24-4', hex: '', value: {} }],
  requestErrors: [{ name: 'no operation', hex: '01 01', reason: 'short' }],
});
