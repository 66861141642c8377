import { GetSensorEventEnable } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSensorEventEnable, {
  request: [{ name: 'CPU Temp', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x29 0x01` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '01', value: { sensorNumber: 1 } }],
  response: [
    {
      // ipmitool: "Assertions Enabled : lnc- lnc+ lcr- lcr+ lnr- lnr+ unc- unc+ ucr- ucr+ unr- unr+".
      name: 'ipmi_sim: everything enabled',
      source: 'capture: ipmitool 1.8.19 `raw 0x04 0x29 0x01` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)',
      hex: 'c0 ff 0f ff 0f',
      value: { flags: { eventMessagesEnabled: true, scanningEnabled: true }, assertionMask: 0x0fff, deassertionMask: 0x0fff },
    },
    { name: 'sensor with no event enables (flags only)', source: 'v2.0 Table 35-11', hex: '40', value: { flags: { eventMessagesEnabled: false, scanningEnabled: true } } },
  ],
});
