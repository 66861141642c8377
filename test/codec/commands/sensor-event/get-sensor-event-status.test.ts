import { GetSensorEventStatus } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

// ipmi_sim answers C1h; vectors follow the spec table.
describeCommand(GetSensorEventStatus, {
  request: [{ name: 'sensor 4', source: 'v2.0 Table 35-13', hex: '04', value: { sensorNumber: 4 } }],
  response: [
    {
      name: 'UNC and UC going high asserted',
      source: 'v2.0 Table 35-13',
      hex: 'c0 80 02 00 00',
      value: { flags: { eventMessagesEnabled: true, scanningEnabled: true, readingUnavailable: false }, assertionMask: 0x0280, deassertionMask: 0 },
    },
    { name: 'reading unavailable, no masks', source: 'v2.0 Table 35-13', hex: 'e0', value: { flags: { eventMessagesEnabled: true, scanningEnabled: true, readingUnavailable: true } } },
  ],
});
