import { GetSensorHysteresis } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSensorHysteresis, {
  request: [{ name: 'CPU Temp', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x25 0x01 0xff` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '01 ff', value: { sensorNumber: 1, hysteresisMask: 0xff } }],
  // ipmitool sensor get printed "Positive Hysteresis : 2.000" (peers/ipmi_sim/outputs/lanplusc3.sensor_get.txt).
  response: [{ name: 'CPU Temp: 2 and 2', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x25 0x01 0xff` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '02 02', value: { positiveHysteresis: 2, negativeHysteresis: 2 } }],
});
