import { ReserveSdrRepository } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(ReserveSdrRepository, {
  request: [{ name: 'empty', source: 'v2.0 Table 33-5', hex: '', value: {} }],
  response: [{ name: 'first reservation', source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x22` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '01 00', value: { reservationId: 1 } }],
  requestErrors: [{ name: 'unexpected data', hex: '00', reason: 'trailing' }],
});
