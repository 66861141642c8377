import { SetLanConfigurationParameters } from '../../../../src/codec/commands/transport';
import { describeCommand } from '../../../helpers/vectors';
import { fromHex } from '../../../../src/codec/wire/checksum';

describeCommand(SetLanConfigurationParameters, {
  request: [
    {
      name: 'ipmitool `lan set 1 ipaddr 10.1.2.3`',
      source: 'ipmitool 1.8.19 lib/ipmi_lanp.c __set_lan_param (chan, param, data)',
      hex: '01 03 0a 01 02 03',
      value: { channel: { number: 1 }, parameter: 3, data: fromHex('0a 01 02 03') },
    },
    {
      name: 'ipmitool lock: set in progress',
      source: 'ipmitool 1.8.19 lib/ipmi_lanp.c ipmi_lanp_lock (01 00 01)',
      hex: '01 00 01',
      value: { channel: { number: 1 }, parameter: 0, data: fromHex('01') },
    },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §23.1', hex: '', value: {} }],
  requestErrors: [{ name: 'channel only', hex: '01', reason: 'short' }],
});
