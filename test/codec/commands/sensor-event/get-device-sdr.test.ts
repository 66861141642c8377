import { GetDeviceSdr } from '../../../../src/codec/commands/sensor-event';
import { fromHex } from '../../../../src/codec/wire/checksum';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetDeviceSdr, {
  request: [{ name: 'record 1 from offset 5, the rest', source: 'v2.0 Table 35-3', hex: '03 00 01 00 05 ff', value: { reservationId: 3, recordId: 1, offset: 5, bytesToRead: 0xff } }],
  response: [{ name: 'part of a record, next 0002h', source: 'v2.0 Table 35-3', hex: '02 00 20 00 01', value: { nextRecordId: 2, data: fromHex('20 00 01') } }],
});
