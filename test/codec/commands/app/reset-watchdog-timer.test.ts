import { ResetWatchdogTimer } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(ResetWatchdogTimer, {
  request: [{ name: 'empty', source: 'v2.0 §27.5', hex: '', value: {} }],
  response: [{ name: 'completion code only', source: 'v2.0 §27.5', hex: '', value: {} }],
  requestErrors: [{ name: 'data byte', hex: '01', reason: 'trailing' }],
});
