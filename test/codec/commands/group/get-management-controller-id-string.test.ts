import { GetManagementControllerIdString } from '../../../../src/codec/commands/group';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetManagementControllerIdString, {
  request: [{ name: 'offset 0, 1 byte (ipmitool dcmi get_mc_id_string)', source: 'capture: ipmitool 1.8.19 -vvvv dcmi get_mc_id_string (request data dc 00 01)', hex: '00 01', value: { offset: 0, count: 1 } }],
  response: [{ name: '"vbmc-01", first byte', source: 'DCMI v1.5 Table 6-12', hex: '07 76', value: { totalLength: 7, data: Buffer.from('v') } }],
});
