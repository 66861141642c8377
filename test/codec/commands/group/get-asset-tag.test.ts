import { GetAssetTag } from '../../../../src/codec/commands/group';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetAssetTag, {
  request: [
    { name: 'offset 0, count 0 (ipmitool dcmi asset_tag asks for the length first)', source: 'capture: ipmitool 1.8.19 -vvvv dcmi asset_tag (request data dc 00 00)', hex: '00 00', value: { offset: 0, count: 0 } },
    { name: '16 bytes from offset 16', source: 'DCMI v1.5 Table 6-8', hex: '10 10', value: { offset: 16, count: 16 } },
  ],
  response: [
    { name: 'the ipmi_sim asset tag "asset-007"', source: 'DCMI v1.5 Table 6-8; tag from peers/ipmi_sim/gen_emu.py', hex: '09 61 73 73 65 74 2d 30 30 37', value: { totalLength: 9, data: Buffer.from('asset-007') } },
    { name: 'length only', source: 'DCMI v1.5 Table 6-8', hex: '09', value: { totalLength: 9, data: Buffer.alloc(0) } },
  ],
  responseErrors: [{ name: '17 data bytes', hex: '20 ' + '41 '.repeat(17), reason: 'invalid' }],
});
