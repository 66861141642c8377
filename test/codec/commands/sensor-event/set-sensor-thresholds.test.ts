import { SetSensorThresholds } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetSensorThresholds, {
  request: [
    {
      // Set mask 10h = upper critical only; 5Ah = 90 (M=1).
      name: 'ipmitool sensor thresh "CPU Temp" ucr 90',
      source: 'capture: ipmitool 1.8.19 -vvvv sensor thresh "CPU Temp" ucr 90 against ipmi_sim 2.0.33',
      hex: '01 10 00 00 00 00 5a 00',
      value: { sensorNumber: 1, setMask: 0x10, thresholds: { lowerNonCritical: 0, lowerCritical: 0, lowerNonRecoverable: 0, upperNonCritical: 0, upperCritical: 90, upperNonRecoverable: 0 } },
    },
    {
      name: 'all six, 12V raw values',
      source: 'v2.0 Table 35-8',
      hex: '05 3f bc b4 aa d4 dc e6',
      value: { sensorNumber: 5, setMask: 0x3f, thresholds: { lowerNonCritical: 188, lowerCritical: 180, lowerNonRecoverable: 170, upperNonCritical: 212, upperCritical: 220, upperNonRecoverable: 230 } },
    },
  ],
  response: [{ name: 'empty', source: 'v2.0 Table 35-8', hex: '', value: {} }],
  requestErrors: [{ name: 'five threshold bytes', hex: '01 10 00 00 00 00 5a', reason: 'short' }],
});
