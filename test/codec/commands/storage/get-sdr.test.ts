import { GetSdr } from '../../../../src/codec/commands/storage';
import { fromHex } from '../../../../src/codec/wire/checksum';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSdr, {
  request: [
    // Reservation 0000h is allowed for a read at offset 0 (v2.0 §33.11).
    { name: 'first record, 5 header bytes, no reservation', source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x23 0x00 0x00 0x00 0x00 0x00 0x05` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '00 00 00 00 00 05', value: { reservationId: 0, recordId: 0, offset: 0, bytesToRead: 5 } },
    { name: 'rest of record 2 under reservation 1', source: 'v2.0 Table 33-6', hex: '01 00 02 00 05 ff', value: { reservationId: 1, recordId: 2, offset: 5, bytesToRead: 0xff } },
  ],
  response: [
    {
      // ipmi_sim numbers records from 1; the header of CPU Temp's record: ID 0001h, SDR 51h, type 01h, length 33h.
      name: 'record 1 header, next record 2',
      source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x23 0x00 0x00 0x00 0x00 0x00 0x05` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)',
      hex: '02 00 01 00 51 01 33',
      value: { nextRecordId: 2, data: fromHex('01 00 51 01 33') },
    },
    { name: 'last record', source: 'v2.0 Table 33-6', hex: 'ff ff 43 50 55', value: { nextRecordId: 0xffff, data: fromHex('43 50 55') } },
  ],
  requestErrors: [{ name: 'no bytes-to-read', hex: '00 00 00 00 00', reason: 'short' }],
  responseErrors: [{ name: 'no next record ID', hex: '02', reason: 'short' }],
});
