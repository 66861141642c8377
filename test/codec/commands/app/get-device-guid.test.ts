import { GetDeviceGuid } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';
import { fromHex } from '../../../../src/codec/wire/checksum';

describeCommand(GetDeviceGuid, {
  request: [{ name: 'empty', source: 'v2.0 §20.8', hex: '', value: {} }],
  response: [
    {
      name: 'GUID bytes in IPMI order',
      source: 'v2.0 §20.8 (16 bytes); bytes of 01234567-89ab-cdef-0123-456789abcdef reversed',
      hex: 'ef cd ab 89 67 45 23 01 ef cd ab 89 67 45 23 01',
      value: { guid: fromHex('efcdab8967452301efcdab8967452301') },
    },
  ],
  responseErrors: [{ name: '15 bytes', hex: '00'.repeat(15), reason: 'short' }],
});
