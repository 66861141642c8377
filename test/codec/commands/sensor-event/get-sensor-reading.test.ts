import { GetSensorReading } from '../../../../src/codec/commands/sensor-event';
import { describeCommand } from '../../../helpers/vectors';

const on = { eventMessagesEnabled: true, scanningEnabled: true, readingUnavailable: false };

describeCommand(GetSensorReading, {
  request: [{ name: 'CPU Temp', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x2d 0x01` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '01', value: { sensorNumber: 1 } }],
  response: [
    // ipmitool sdr elist: "CPU Temp | 01h | ok | 3.1 | 48 degrees C".
    { name: 'CPU Temp 48, ok', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x2d 0x01` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '30 c0 00 00', value: { reading: 48, flags: on, states: 0, states2: 0 } },
    // 12V raw C9h = 12.06 Volts.
    { name: '12V raw C9h', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x2d 0x05` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: 'c9 c0 00 00', value: { reading: 0xc9, flags: on, states: 0, states2: 0 } },
    // 77 degrees C is at or above UNC (70) and UC (75): comparison bits 18h.
    { name: 'Exhaust Temp above UC', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x2d 0x04` against ipmi_sim 2.0.33 (peers/exporter/gen_sdr.py)', hex: '4d c0 18 00', value: { reading: 77, flags: on, states: 0x18, states2: 0 } },
    { name: 'FAN3 at or below LNC', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x2d 0x12` against ipmi_sim 2.0.33 (peers/exporter/gen_sdr.py)', hex: '0c c0 01 00', value: { reading: 12, flags: on, states: 0x01, states2: 0 } },
    // Discrete PSU sensor: state 0 (presence detected) asserted.
    { name: 'PSU1 Status: presence', source: 'capture: ipmitool 1.8.19 `raw 0x04 0x2d 0x40` against ipmi_sim 2.0.33 (peers/exporter/gen_sdr.py)', hex: '00 c0 01 00', value: { reading: 0, flags: on, states: 0x01, states2: 0 } },
    { name: 'reading and flags only', source: 'v2.0 Table 35-15', hex: '30 20', value: { reading: 48, flags: { eventMessagesEnabled: false, scanningEnabled: false, readingUnavailable: true } } },
  ],
  responseErrors: [{ name: 'five bytes', hex: '30 c0 00 00 00', reason: 'trailing' }],
});
