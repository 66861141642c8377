import { ReserveDeviceSdrRepository } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(ReserveDeviceSdrRepository, {
  request: [{ name: 'empty', source: 'v2.0 Table 35-4', hex: '', value: {} }],
  response: [{ name: 'reservation 2', source: 'v2.0 Table 35-4', hex: '02 00', value: { reservationId: 2 } }],
});
