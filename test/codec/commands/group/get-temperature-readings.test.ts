import { GetTemperatureReadings } from '../../../../src/codec/commands/group';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetTemperatureReadings, {
  request: [{ name: 'inlet (ipmitool dcmi get_temp_reading)', source: 'capture: ipmitool 1.8.19 -vvvv dcmi get_temp_reading (request data dc 01 40 00 00)', hex: '01 40 00 00', value: { sensorType: 1, entityId: 0x40, entityInstance: 0, entityInstanceStart: 0 } }],
  response: [
    {
      // Sign and magnitude: 98h = -24 C (ipmitool prints "-24 C").
      name: 'two CPUs at 48 and 51 C, one inlet at -24 C',
      source: 'DCMI v1.5 Table 6-22; ipmitool lib/ipmi_dcmi.c ipmi_dcmi_prnt_get_temp_readings',
      hex: '03 03 30 01 33 02 98 03',
      value: {
        totalInstances: 3,
        readings: [
          { temperature: 48, entityInstance: 1 },
          { temperature: 51, entityInstance: 2 },
          { temperature: -24, entityInstance: 3 },
        ],
      },
    },
  ],
  responseErrors: [{ name: 'a reading without its instance', hex: '01 01 30', reason: 'short' }],
});
