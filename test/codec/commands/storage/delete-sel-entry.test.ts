import { DeleteSelEntry } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(DeleteSelEntry, {
  request: [
    { name: 'ipmitool sel delete 3', source: 'capture: ipmitool 1.8.19 -vvvv sel delete 3 against ipmi_sim 2.0.33', hex: '01 00 03 00', value: { reservationId: 1, recordId: 3 } },
    { name: 'last entry', source: 'v2.0 Table 31-8', hex: '02 00 ff ff', value: { reservationId: 2, recordId: 0xffff } },
  ],
  response: [{ name: 'deleted 3', source: 'v2.0 Table 31-8', hex: '03 00', value: { recordId: 3 } }],
  requestErrors: [{ name: 'no record ID', hex: '01 00', reason: 'short' }],
});
