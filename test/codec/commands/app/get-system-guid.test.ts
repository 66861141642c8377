import { GetSystemGuid } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';
import { fromHex } from '../../../../src/codec/wire/checksum';

describeCommand(GetSystemGuid, {
  request: [{ name: 'empty', source: 'v2.0 §22.14', hex: '', value: {} }],
  response: [
    {
      // ipmitool 1.8.19 printed "System GUID : efcdab89-6745-2301-efcd-ab8967452301" for these bytes.
      name: 'ipmi_sim answer',
      source: 'capture: ipmitool 1.8.19 `raw 0x06 0x37` against ipmi_sim 2.0.33 (guid 0123456789abcdef0123456789abcdef)',
      hex: '01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef',
      value: { guid: fromHex('0123456789abcdef0123456789abcdef') },
    },
  ],
  responseErrors: [{ name: '17 bytes', hex: '00'.repeat(17), reason: 'trailing' }],
});
