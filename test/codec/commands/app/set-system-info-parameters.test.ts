import { SetSystemInfoParameters } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';
import { fromHex } from '../../../../src/codec/wire/checksum';

describeCommand(SetSystemInfoParameters, {
  request: [
    {
      name: 'ipmitool `mc setsysinfo system_name node01`',
      source: 'ipmitool 1.8.19 lib/ipmi_mc.c ipmi_sysinfo_main (18 bytes: param, set, ascii, length, text)',
      hex: '02 00 00 06 6e 6f 64 65 30 31 00 00 00 00 00 00 00 00',
      value: { parameter: 2, data: fromHex('00 00 06 6e 6f 64 65 30 31 00 00 00 00 00 00 00 00') },
    },
    { name: 'set in progress', source: 'v2.0 §22.14a parameter 0', hex: '00 01', value: { parameter: 0, data: fromHex('01') } },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §22.14a', hex: '', value: {} }],
  requestErrors: [{ name: 'empty', hex: '', reason: 'short' }],
});
