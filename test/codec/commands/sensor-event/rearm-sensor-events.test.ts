import { RearmSensorEvents } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(RearmSensorEvents, {
  request: [
    { name: 're-arm all', source: 'v2.0 Table 35-12', hex: '05 00', value: { sensorNumber: 5, flags: { rearmSelected: false } } },
    { name: 're-arm UC going high only', source: 'v2.0 Table 35-12', hex: '05 80 00 02 00 00', value: { sensorNumber: 5, flags: { rearmSelected: true }, assertionMask: 0x0200, deassertionMask: 0 } },
  ],
  response: [{ name: 'empty', source: 'v2.0 Table 35-12', hex: '', value: {} }],
});
