import { ReadFruData } from '../../../../src/codec/commands/storage';
import { fromHex } from '../../../../src/codec/wire/checksum';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(ReadFruData, {
  request: [
    { name: 'FRU 0, 16 bytes at 0', source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x11 0x00 0x00 0x00 0x10` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '00 00 00 10', value: { fruDeviceId: 0, offset: 0, count: 16 } },
    // pyghmi get_inventory reads 224-byte chunks (research/virtual-bmc.md §2).
    { name: 'pyghmi-size chunk at 0100h', source: 'v2.0 Table 34-3', hex: '00 00 01 e0', value: { fruDeviceId: 0, offset: 0x100, count: 224 } },
  ],
  response: [
    {
      name: 'the first 16 bytes of the ipmi_sim FRU image',
      source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x11 0x00 0x00 0x00 0x10` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)',
      hex: '10 01 00 01 05 0c 00 00 ed 01 04 17 c7 43 48 2d 30',
      value: { data: fromHex('01 00 01 05 0c 00 00 ed 01 04 17 c7 43 48 2d 30') },
    },
  ],
  responseErrors: [
    { name: 'count larger than the data', hex: '10 01 00 01', reason: 'short' },
    { name: 'data after the counted bytes', hex: '01 01 00', reason: 'trailing' },
  ],
});
