import { GetAcpiPowerState } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetAcpiPowerState, {
  request: [{ name: 'empty', source: 'v2.0 §20.7', hex: '', value: {} }],
  response: [
    { name: 'S0/G0 working, D0', source: 'v2.0 §20.6/§20.7 state codes', hex: '00 00', value: { system: { state: 0 }, device: { state: 0 } } },
    { name: 'S5/G2 soft-off, D3', source: 'v2.0 §20.6/§20.7 state codes', hex: '05 03', value: { system: { state: 5 }, device: { state: 3 } } },
  ],
  responseErrors: [{ name: 'one byte', hex: '00', reason: 'short' }],
});
