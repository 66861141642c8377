import { GetSolConfigurationParameters } from '../../../../src/codec/commands/transport';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSolConfigurationParameters, {
  request: [
    {
      name: 'ipmitool sol info: parameter 3 of the present channel',
      source: 'capture: ipmitool 1.8.19 `sol info` against the bmcbridge virtual BMC (issue 9 SOL tests)',
      hex: '0e 03 00 00',
      value: { channel: { revisionOnly: false, number: 14 }, parameter: 3, setSelector: 0, blockSelector: 0 },
    },
    { name: 'revision only', source: 'v2.0 §26.3, Table 26-4 (byte 1 bit 7)', hex: '81 01 00 00', value: { channel: { revisionOnly: true, number: 1 }, parameter: 1, setSelector: 0, blockSelector: 0 } },
  ],
  response: [
    { name: 'revision 11h, accumulate 10 (50 ms), threshold 96', source: 'v2.0 §26.3, Table 26-4 with Table 26-5 parameter 3', hex: '11 0a 60', value: { revision: 0x11, data: Buffer.from([0x0a, 0x60]) } },
  ],
  requestErrors: [{ name: 'no block selector', hex: '0e 03 00', reason: 'short' }],
});
