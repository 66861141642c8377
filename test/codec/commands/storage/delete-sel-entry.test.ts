import { DeleteSelEntry } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(DeleteSelEntry, {
  request: [
    { name: 'entry 5 under reservation 1', source: 'v2.0 Table 31-8', hex: '01 00 05 00', value: { reservationId: 1, recordId: 5 } },
    { name: 'last entry', source: 'v2.0 Table 31-8', hex: '02 00 ff ff', value: { reservationId: 2, recordId: 0xffff } },
  ],
  response: [{ name: 'deleted 5', source: 'v2.0 Table 31-8', hex: '05 00', value: { recordId: 5 } }],
  requestErrors: [{ name: 'no record ID', hex: '01 00', reason: 'short' }],
});
