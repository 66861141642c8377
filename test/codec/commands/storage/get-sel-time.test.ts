import { GetSelTime } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSelTime, {
  request: [{ name: 'empty', source: 'v2.0 Table 31-10', hex: '', value: {} }],
  response: [
    // Below 20000000h: seconds since initialisation; ipmitool prints them as "S+ hh:mm:ss" (peers/ipmi_sim/outputs/lanplusc3.sel_time_get.txt).
    { name: 'ipmi_sim pre-init clock', source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x48` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: 'ee 03 00 00', value: { time: 1006 } },
    { name: '2024-01-12 02:00:00 UTC', source: 'v2.0 Table 31-10', hex: '20 9d a0 65', value: { time: 0x65a09d20 } },
  ],
});
