import { ReserveSel } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(ReserveSel, {
  request: [{ name: 'empty', source: 'v2.0 Table 31-4', hex: '', value: {} }],
  response: [
    { name: 'first reservation', source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x42` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '01 00', value: { reservationId: 1 } },
    { name: 'reservation ABCDh', source: 'v2.0 Table 31-4', hex: 'cd ab', value: { reservationId: 0xabcd } },
  ],
  responseErrors: [{ name: 'one byte', hex: '01', reason: 'short' }],
});
