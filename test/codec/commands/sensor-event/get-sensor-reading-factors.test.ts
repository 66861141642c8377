import { GetSensorReadingFactors } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

// ipmi_sim answers C1h; the layout is the SDR's bytes 25-30 with [1:0] of the 5th reserved.
describeCommand(GetSensorReadingFactors, {
  request: [{ name: 'sensor 5 at reading C8h', source: 'v2.0 Table 35-5', hex: '05 c8', value: { sensorNumber: 5, readingByte: 0xc8 } }],
  response: [
    {
      name: 'M=6, K2=-2 up to reading FFh',
      source: 'v2.0 Table 35-5',
      hex: 'ff 06 00 00 00 00 e0',
      value: { nextReading: 0xff, factors: { m: 6, tolerance: 0, b: 0, accuracy: 0, accuracyExp: 0, rExp: -2, bExp: 0 } },
    },
    {
      name: 'M=-3 tolerance 5, B=300, accuracy 155h exp 2, K2=-3 K1=2',
      source: 'v2.0 Table 35-5',
      hex: '80 fd c5 2c 55 58 d2',
      value: { nextReading: 0x80, factors: { m: -3, tolerance: 5, b: 300, accuracy: 0x155, accuracyExp: 2, rExp: -3, bExp: 2 } },
    },
  ],
  responseErrors: [{ name: 'five factor bytes', hex: 'ff 06 00 00 00 00', reason: 'short' }],
});
