import { GetSdrRepositoryInfo } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSdrRepositoryInfo, {
  request: [{ name: 'empty', source: 'v2.0 Table 33-3', hex: '', value: {} }],
  response: [
    {
      // 6 records, FFFEh free, last addition at SEL-clock second 3EBh, only Reserve supported.
      name: 'ipmi_sim with six full sensor records',
      source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x20` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)',
      hex: '51 06 00 fe ff eb 03 00 00 00 00 00 00 02',
      value: {
        sdrVersion: 0x51,
        recordCount: 6,
        freeSpace: 0xfffe,
        mostRecentAddition: 0x3eb,
        mostRecentErase: 0,
        operationSupport: { overflow: false, updateModes: 0, deleteSdr: false, partialAddSdr: false, reserveSdrRepository: true, getAllocationInfo: false },
      },
    },
    {
      name: 'overflow, modal and non-modal update, every command',
      source: 'v2.0 Table 33-3',
      hex: '51 40 00 00 01 00 00 a0 65 ff ff ff ff ef',
      value: {
        sdrVersion: 0x51,
        recordCount: 64,
        freeSpace: 256,
        mostRecentAddition: 0x65a00000,
        mostRecentErase: 0xffffffff,
        operationSupport: { overflow: true, updateModes: 3, deleteSdr: true, partialAddSdr: true, reserveSdrRepository: true, getAllocationInfo: true },
      },
    },
  ],
  responseErrors: [{ name: 'no operation support byte', hex: '51 06 00 fe ff eb 03 00 00 00 00 00 00', reason: 'short' }],
});
