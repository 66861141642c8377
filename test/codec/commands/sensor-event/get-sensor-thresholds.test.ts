import { GetSensorThresholds } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSensorThresholds, {
  request: [{ name: 'CPU Temp', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x27 0x01` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '01', value: { sensorNumber: 1 } }],
  response: [
    {
      // ipmitool: "Lower Non-Recoverable : na", LC 5.000, LNC 10.000, UNC 85.000, UC 95.000, UNR 105.000.
      name: 'CPU Temp: all but LNR readable',
      source: 'capture: ipmitool 1.8.19 `raw 0x04 0x27 0x01` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)',
      hex: '3b 0a 05 00 55 5f 69',
      value: { readableMask: 0x3b, thresholds: { lowerNonCritical: 10, lowerCritical: 5, lowerNonRecoverable: 0, upperNonCritical: 85, upperCritical: 95, upperNonRecoverable: 105 } },
    },
    {
      name: 'FAN1: lower thresholds only (x50 RPM: 1000, 800, 500)',
      source: 'capture: ipmitool 1.8.19 `raw 0x04 0x27 0x03` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)',
      hex: '07 14 10 0a 00 00 00',
      value: { readableMask: 0x07, thresholds: { lowerNonCritical: 20, lowerCritical: 16, lowerNonRecoverable: 10, upperNonCritical: 0, upperCritical: 0, upperNonRecoverable: 0 } },
    },
    {
      name: 'exporter 12V: all six',
      source: 'capture: ipmitool 1.8.19 `raw 0x04 0x27 0x20` against ipmi_sim 2.0.33 (peers/exporter/gen_sdr.py)',
      hex: '3f be b4 aa d2 dc e6',
      value: { readableMask: 0x3f, thresholds: { lowerNonCritical: 190, lowerCritical: 180, lowerNonRecoverable: 170, upperNonCritical: 210, upperCritical: 220, upperNonRecoverable: 230 } },
    },
  ],
});
