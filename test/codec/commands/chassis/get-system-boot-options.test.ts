import { GetSystemBootOptions } from '../../../../src/codec/commands/chassis';
import { describeCommand } from '../../../helpers/vectors';
import { fromHex } from '../../../../src/codec/wire/checksum';

describeCommand(GetSystemBootOptions, {
  request: [
    {
      name: 'boot flags (pyghmi get_bootdev, ipmitool `chassis bootparam get 5`)',
      source: 'pyghmi 1.5.34 ipmi/command.py get_bootdev (05 00 00)',
      hex: '05 00 00',
      value: { parameter: { id: 5 }, setSelector: 0, blockSelector: 0 },
    },
  ],
  response: [
    {
      name: 'ipmi_sim boot flags: valid/unlocked parameter, flag invalid, force disk',
      source: 'capture: ipmitool 1.8.19 `raw 0x00 0x09 0x05 0x00 0x00` against ipmi_sim 2.0.33',
      hex: '01 05 00 08 00 00 00',
      value: { version: { version: 1 }, parameter: { invalid: false, id: 5 }, data: fromHex('00 08 00 00 00') },
    },
    {
      name: 'force PXE, valid, locked parameter',
      source: 'v2.0 §28.13, Table 28-14',
      hex: '01 85 80 04 00 00 00',
      value: { version: { version: 1 }, parameter: { invalid: true, id: 5 }, data: fromHex('80 04 00 00 00') },
    },
  ],
  requestErrors: [{ name: 'selector only', hex: '05', reason: 'short' }],
});
