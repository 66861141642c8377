import { GetSystemInfoParameters } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';
import { fromHex } from '../../../../src/codec/wire/checksum';

describeCommand(GetSystemInfoParameters, {
  request: [
    {
      name: 'ipmitool `mc getsysinfo system_fw_version`, first block',
      source: 'ipmitool 1.8.19 lib/ipmi_mc.c ipmi_mc_getsysinfo (00, param, set, 00)',
      hex: '00 01 00 00',
      value: { which: { revisionOnly: false }, parameter: 1, setSelector: 0, blockSelector: 0 },
    },
    {
      name: 'revision only',
      source: 'v2.0 §22.14b (byte 1 bit 7)',
      hex: '80 02 00 00',
      value: { which: { revisionOnly: true }, parameter: 2, setSelector: 0, blockSelector: 0 },
    },
  ],
  response: [
    {
      name: 'system name "node01", set 0',
      source: 'v2.0 §22.14a (rev 11h, set selector, encoding, length, 14 bytes)',
      hex: '11 00 00 06 6e 6f 64 65 30 31 00 00 00 00 00 00 00 00',
      value: { revision: 0x11, data: fromHex('00 00 06 6e 6f 64 65 30 31 00 00 00 00 00 00 00 00') },
    },
    { name: 'revision only', source: 'v2.0 §22.14b', hex: '11', value: { revision: 0x11, data: Buffer.alloc(0) } },
  ],
  requestErrors: [{ name: 'three bytes', hex: '00 01 00', reason: 'short' }],
});
