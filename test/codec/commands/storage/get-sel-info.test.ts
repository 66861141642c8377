import { GetSelInfo } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSelInfo, {
  request: [{ name: 'empty', source: 'v2.0 Table 31-2', hex: '', value: {} }],
  response: [
    {
      // ipmitool sel info printed: Entries 4, Free Space 4032 bytes, Supported Cmds 'Delete' 'Reserve' (peers/ipmi_sim/outputs/lanplusc3.sel_info.txt).
      name: 'ipmi_sim with four entries',
      source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x40` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)',
      hex: '51 04 00 c0 0f eb 03 00 00 00 00 00 00 0a',
      value: {
        selVersion: 0x51,
        entries: 4,
        freeSpace: 4032,
        mostRecentAddition: 0x3eb,
        mostRecentErase: 0,
        operationSupport: { overflow: false, deleteSel: true, partialAddSel: false, reserveSel: true, getAllocationInfo: false },
      },
    },
    {
      name: 'full SEL with overflow',
      source: 'v2.0 Table 31-2',
      hex: '51 00 01 00 00 00 c0 a0 65 10 c0 a0 65 8f',
      value: {
        selVersion: 0x51,
        entries: 256,
        freeSpace: 0,
        mostRecentAddition: 0x65a0c000,
        mostRecentErase: 0x65a0c010,
        operationSupport: { overflow: true, deleteSel: true, partialAddSel: true, reserveSel: true, getAllocationInfo: true },
      },
    },
  ],
  responseErrors: [{ name: 'truncated', hex: '51 04 00', reason: 'short' }],
});
