import { SetAcpiPowerState } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetAcpiPowerState, {
  request: [
    {
      name: 'set S5, device unchanged',
      source: 'v2.0 §20.6 (bit 7 = set, 7Fh = no change)',
      hex: '85 7f',
      value: { system: { set: true, state: 5 }, device: { set: false, state: 0x7f } },
    },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §20.6', hex: '', value: {} }],
  requestErrors: [{ name: 'one byte', hex: '85', reason: 'short' }],
});
