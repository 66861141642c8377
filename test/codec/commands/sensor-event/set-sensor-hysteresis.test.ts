import { SetSensorHysteresis } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetSensorHysteresis, {
  request: [{ name: 'sensor 1, +3/-1', source: 'v2.0 Table 35-6', hex: '01 ff 03 01', value: { sensorNumber: 1, hysteresisMask: 0xff, positiveHysteresis: 3, negativeHysteresis: 1 } }],
  response: [{ name: 'empty', source: 'v2.0 Table 35-6', hex: '', value: {} }],
  requestErrors: [{ name: 'no negative hysteresis', hex: '01 ff 03', reason: 'short' }],
});
