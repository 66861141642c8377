import { GetDcmiSensorInfo } from '../../../../src/codec/commands/group';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetDcmiSensorInfo, {
  request: [{ name: 'inlet temperature sensors (ipmitool dcmi sensors)', source: 'capture: ipmitool 1.8.19 -vvvv dcmi sensors (request data dc 01 40 00 00)', hex: '01 40 00 00', value: { sensorType: 1, entityId: 0x40, entityInstance: 0, entityInstanceStart: 0 } }],
  response: [
    { name: 'two processor sensors, records 1 and 2', source: 'DCMI v1.5 Table 6-14', hex: '02 02 01 00 02 00', value: { totalInstances: 2, recordIds: [1, 2] } },
    { name: 'none', source: 'DCMI v1.5 Table 6-14', hex: '00 00', value: { totalInstances: 0, recordIds: [] } },
  ],
  responseErrors: [
    { name: 'nine record IDs', hex: '09 09' + ' 01 00'.repeat(9), reason: 'invalid' },
    { name: 'fewer IDs than counted', hex: '02 02 01 00', reason: 'short' },
  ],
});
