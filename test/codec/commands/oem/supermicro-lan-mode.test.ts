import { SupermicroLanModeCommand } from '../../../../src/codec/commands/oem';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SupermicroLanModeCommand, {
  request: [
    { name: 'get (ipmi_exporter sm-lan-mode)', source: 'ipmi_exporter 1.6.1 runs `ipmi-raw 0x0 0x30 0x70 0x0c 0`', hex: '0c 00', value: { sub: 0x0c, op: 0 } },
    { name: 'set failover', source: 'Supermicro: `ipmitool raw 0x30 0x70 0x0c 1 2`', hex: '0c 01 02', value: { sub: 0x0c, op: 1, mode: 2 } },
  ],
  response: [
    { name: 'get: failover', source: 'Supermicro: the mode byte (0 dedicated, 1 shared, 2 failover)', hex: '02', value: { mode: 2 } },
    { name: 'set: completion only', source: 'Supermicro', hex: '', value: {} },
  ],
  requestErrors: [{ name: 'no operation byte', hex: '0c', reason: 'short' }],
});
