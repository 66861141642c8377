import { SetSystemBootOptions } from '../../../../src/codec/commands/chassis';
import { describeCommand } from '../../../helpers/vectors';
import { fromHex } from '../../../../src/codec/wire/checksum';

describeCommand(SetSystemBootOptions, {
  request: [
    {
      name: 'ipmitool `chassis bootdev pxe`: boot flags',
      source: 'ipmitool 1.8.19 lib/ipmi_chassis.c ipmi_chassis_set_bootdev (05 80 04 00 00 00)',
      hex: '05 80 04 00 00 00',
      value: { parameter: { invalid: false, id: 5 }, data: fromHex('80 04 00 00 00') },
    },
    {
      name: 'pyghmi set_bootdev: valid bit clearing',
      source: 'pyghmi 1.5.34 ipmi/command.py set_bootdev (03 08)',
      hex: '03 08',
      value: { parameter: { invalid: false, id: 3 }, data: fromHex('08') },
    },
    {
      name: 'mark boot flags invalid/locked',
      source: 'v2.0 §28.12 (byte 1 bit 7)',
      hex: '85',
      value: { parameter: { invalid: true, id: 5 }, data: Buffer.alloc(0) },
    },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §28.12', hex: '', value: {} }],
  requestErrors: [{ name: 'empty', hex: '', reason: 'short' }],
});
