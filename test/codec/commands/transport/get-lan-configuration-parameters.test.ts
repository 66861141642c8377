import { GetLanConfigurationParameters } from '../../../../src/codec/commands/transport';
import { describeCommand } from '../../../helpers/vectors';
import { fromHex } from '../../../../src/codec/wire/checksum';

describeCommand(GetLanConfigurationParameters, {
  request: [
    {
      name: 'ipmitool `lan print 1`: IP address',
      source: 'ipmitool 1.8.19 lib/ipmi_lanp.c get_lan_param_select (chan, param, 0, 0)',
      hex: '01 03 00 00',
      value: { channel: { revisionOnly: false, number: 1 }, parameter: 3, setSelector: 0, blockSelector: 0 },
    },
    {
      name: 'revision only',
      source: 'v2.0 §23.2 (byte 1 bit 7)',
      hex: '81 00 00 00',
      value: { channel: { revisionOnly: true, number: 1 }, parameter: 0, setSelector: 0, blockSelector: 0 },
    },
  ],
  response: [
    {
      name: 'auth type enables',
      source: 'capture: ipmitool 1.8.19 `raw 0x0c 0x02 0x01 0x02 0x00 0x00` against ipmi_sim 2.0.33',
      hex: '11 17 17 17 17 00',
      value: { revision: 0x11, data: fromHex('17 17 17 17 00') },
    },
    {
      name: 'community string',
      source: 'capture: ipmitool 1.8.19 `raw 0x0c 0x02 0x01 0x10 0x00 0x00` against ipmi_sim 2.0.33',
      hex: '11 70 75 62 6c 69 63 00 00 00 00 00 00 00 00 00 00 00 00',
      value: { revision: 0x11, data: fromHex('70 75 62 6c 69 63 00 00 00 00 00 00 00 00 00 00 00 00') },
    },
  ],
  requestErrors: [{ name: 'two bytes', hex: '01 03', reason: 'short' }],
});
