import { SetManagementControllerIdString } from '../../../../src/codec/commands/group';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetManagementControllerIdString, {
  // ipmitool sends the terminating NUL with the string.
  request: [{ name: 'ipmitool dcmi set_mc_id_string vbmc-01', source: 'capture: ipmitool 1.8.19 -vvvv dcmi set_mc_id_string vbmc-01', hex: '00 08 76 62 6d 63 2d 30 31 00', value: { offset: 0, data: Buffer.from('vbmc-01\0') } }],
  response: [{ name: 'total length 7', source: 'DCMI v1.5 Table 6-13', hex: '07', value: { totalLength: 7 } }],
});
