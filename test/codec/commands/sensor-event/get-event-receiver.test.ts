import { GetEventReceiver } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetEventReceiver, {
  request: [{ name: 'empty', source: 'v2.0 Table 29-2', hex: '', value: {} }],
  response: [{ name: 'the BMC, LUN 0', source: 'v2.0 Table 29-2', hex: '20 00', value: { address: 0x20, lun: 0 } }],
});
