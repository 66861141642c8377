import { SetSolConfigurationParameters } from '../../../../src/codec/commands/transport';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetSolConfigurationParameters, {
  request: [
    {
      name: 'ipmitool sol set character-accumulate-level 4 (the threshold read first and kept)',
      source: 'capture: ipmitool 1.8.19 `sol set character-accumulate-level 4` against the bmcbridge virtual BMC (issue 9 SOL tests)',
      hex: '0e 03 04 60',
      value: { channel: { number: 14 }, parameter: 3, data: Buffer.from([0x04, 0x60]) },
    },
    { name: 'ipmitool\'s guard: set in progress', source: 'capture: ipmitool 1.8.19 `sol set` (same run)', hex: '0e 00 01', value: { channel: { number: 14 }, parameter: 0, data: Buffer.from([0x01]) } },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §26.2, Table 26-3', hex: '', value: {} }],
  requestErrors: [{ name: 'no parameter', hex: '0e', reason: 'short' }],
});
