import { SetEventReceiver } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetEventReceiver, {
  request: [
    { name: 'the BMC, LUN 0', source: 'v2.0 Table 29-1', hex: '20 00', value: { address: 0x20, lun: 0 } },
    { name: 'disable event messages', source: 'v2.0 Table 29-1', hex: 'ff 00', value: { address: 0xff, lun: 0 } },
    { name: 'controller 82h, LUN 2', source: 'v2.0 Table 29-1', hex: '82 02', value: { address: 0x82, lun: 2 } },
  ],
  response: [{ name: 'empty', source: 'v2.0 Table 29-1', hex: '', value: {} }],
  requestErrors: [{ name: 'no LUN byte', hex: '20', reason: 'short' }],
});
