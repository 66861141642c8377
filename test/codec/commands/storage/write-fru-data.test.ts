import { WriteFruData } from '../../../../src/codec/commands/storage';
import { fromHex } from '../../../../src/codec/wire/checksum';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(WriteFruData, {
  request: [
    { name: 'FRU 0, 3 bytes at offset 8', source: 'v2.0 Table 34-4', hex: '00 08 00 01 04 17', value: { fruDeviceId: 0, offset: 8, data: fromHex('01 04 17') } },
    { name: 'FRU 2, nothing to write', source: 'v2.0 Table 34-4', hex: '02 00 01', value: { fruDeviceId: 2, offset: 0x100, data: Buffer.alloc(0) } },
  ],
  response: [{ name: '3 bytes written', source: 'v2.0 Table 34-4', hex: '03', value: { countWritten: 3 } }],
  requestErrors: [{ name: 'no offset', hex: '00 08', reason: 'short' }],
});
