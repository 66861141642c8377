import { ActivateDeactivatePowerLimit } from '../../../../src/codec/commands/group';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(ActivateDeactivatePowerLimit, {
  request: [
    { name: 'activate (ipmitool dcmi power activate)', source: 'capture: ipmitool 1.8.19 -vvvv dcmi power activate (request data dc 01 00 00)', hex: '01 00 00', value: { activate: true } },
    { name: 'deactivate', source: 'DCMI v1.5 Table 6-19', hex: '00 00 00', value: { activate: false } },
  ],
  response: [{ name: 'empty', source: 'DCMI v1.5 Table 6-19', hex: '', value: {} }],
  requestErrors: [{ name: 'activation 02h', hex: '02 00 00', reason: 'invalid' }],
});
