import { SetAssetTag } from '../../../../src/codec/commands/group';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetAssetTag, {
  request: [
    { name: 'ipmitool dcmi set_asset_tag rack-42', source: 'capture: ipmitool 1.8.19 -vvvv dcmi set_asset_tag rack-42', hex: '00 07 72 61 63 6b 2d 34 32', value: { offset: 0, data: Buffer.from('rack-42') } },
  ],
  response: [{ name: 'total length 7', source: 'DCMI v1.5 Table 6-9', hex: '07', value: { totalLength: 7 } }],
  requestErrors: [
    { name: 'count beyond the data', hex: '00 07 72 61', reason: 'short' },
    { name: 'count 17', hex: '00 11 ' + '41 '.repeat(17), reason: 'invalid' },
  ],
});
