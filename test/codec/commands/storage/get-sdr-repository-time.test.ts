import { GetSdrRepositoryTime } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSdrRepositoryTime, {
  request: [{ name: 'empty', source: 'v2.0 Table 33-11', hex: '', value: {} }],
  response: [{ name: 'ipmi_sim clock 1006 s after start (pre-init)', source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x28` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: 'ee 03 00 00', value: { time: 1006 } }],
  responseErrors: [{ name: 'three bytes', hex: 'ee 03 00', reason: 'short' }],
});
