import { WarmReset } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(WarmReset, {
  request: [{ name: 'empty', source: 'v2.0 §20.3', hex: '', value: {} }],
  response: [{ name: 'completion code only', source: 'v2.0 §20.3', hex: '', value: {} }],
  requestErrors: [{ name: 'data byte', hex: '00', reason: 'trailing' }],
});
