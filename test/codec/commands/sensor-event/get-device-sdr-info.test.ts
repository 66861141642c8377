import { GetDeviceSdrInfo } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetDeviceSdrInfo, {
  request: [
    { name: 'no operation byte (sensor count)', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x20` against ipmi_sim 2.0.33 (peers/exporter/gen_sdr.py)', hex: '', value: {} },
    { name: 'SDR count', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x20 0x01` against ipmi_sim 2.0.33 (peers/exporter/gen_sdr.py)', hex: '01', value: { sdrCount: true } },
    { name: 'sensor count', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x20 0x00` against ipmi_sim 2.0.33 (peers/exporter/gen_sdr.py)', hex: '00', value: { sdrCount: false } },
  ],
  response: [
    // ipmi_sim keeps its SDRs in the main repository: no device SDRs, static population, 2 bytes.
    { name: 'ipmi_sim: none, static', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x20` against ipmi_sim 2.0.33 (peers/exporter/gen_sdr.py)', hex: '00 00', value: { count: 0, flags: { dynamic: false, lun3: false, lun2: false, lun1: false, lun0: false } } },
    {
      name: '13 sensors on LUN 0, dynamic population changed at 65A0C000h',
      source: 'v2.0 Table 35-2',
      hex: '0d 81 00 c0 a0 65',
      value: { count: 13, flags: { dynamic: true, lun3: false, lun2: false, lun1: false, lun0: true }, populationChangeIndicator: 0x65a0c000 },
    },
  ],
  responseErrors: [{ name: 'a partial change indicator', hex: '0d 81 00 c0', reason: 'short' }],
});
