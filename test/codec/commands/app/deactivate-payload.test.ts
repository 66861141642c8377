import { DeactivatePayload } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(DeactivatePayload, {
  request: [
    {
      name: 'ipmitool sol deactivate: SOL instance 1, auxiliary data 0',
      source: 'capture: ipmitool 1.8.19 against the bmcbridge virtual BMC (issue 9 SOL tests), request bytes as ipmitool sent them',
      hex: '01 01 00 00 00 00',
      value: { payload: { type: 1 }, instance: { number: 1 }, auxiliary: Buffer.alloc(4) },
    },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §24.2, Table 24-3', hex: '', value: {} }],
  requestErrors: [{ name: 'auxiliary data cut short', hex: '01 01 00 00', reason: 'short' }],
});
