import { GetFruInventoryAreaInfo } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetFruInventoryAreaInfo, {
  request: [{ name: 'FRU 0', source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x10 0x00` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '00', value: { fruDeviceId: 0 } }],
  response: [
    { name: 'ipmi_sim FRU 0: 168 bytes, byte access', source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x10 0x00` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: 'a8 00 00', value: { areaSize: 168, accessedByWords: false } },
    { name: '2 KB, word access', source: 'v2.0 Table 34-2', hex: '00 08 01', value: { areaSize: 2048, accessedByWords: true } },
  ],
  requestErrors: [{ name: 'no FRU ID', hex: '', reason: 'short' }],
});
