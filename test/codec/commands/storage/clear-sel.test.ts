import { ClearSel } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(ClearSel, {
  request: [
    { name: 'initiate erase (ipmitool sel clear)', source: 'capture: ipmitool 1.8.19 -vvvv sel clear against ipmi_sim 2.0.33', hex: '02 00 43 4c 52 aa', value: { reservationId: 2, action: 0xaa } },
    { name: 'get erasure status', source: 'v2.0 Table 31-9', hex: '01 00 43 4c 52 00', value: { reservationId: 1, action: 0x00 } },
  ],
  response: [
    { name: 'erase completed', source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x47 0x02 0x00 0x43 0x4c 0x52 0x00` against ipmi_sim 2.0.33', hex: '01', value: { progress: 1 } },
    { name: 'erasure in progress', source: 'v2.0 Table 31-9', hex: '00', value: { progress: 0 } },
  ],
  requestErrors: [
    { name: "'CLX' instead of 'CLR'", hex: '01 00 43 4c 58 aa', reason: 'invalid' },
    { name: 'action 55h', hex: '01 00 43 4c 52 55', reason: 'invalid' },
    { name: 'no action byte', hex: '01 00 43 4c 52', reason: 'short' },
  ],
});
