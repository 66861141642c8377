import assert from 'node:assert/strict';
import { PlatformEventMessage } from '../../../../src/codec/commands/sensor-event';
import { encode } from '../../../../src/codec/fields';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(PlatformEventMessage, {
  request: [
    {
      // lib/ipmi_event.c sample 1 "Temperature - Upper Critical - Going High", 7 bytes over LAN.
      name: 'ipmitool event 1 over LAN (no generator ID)',
      source: 'capture: ipmitool 1.8.19 -vvvv event 1 against ipmi_sim 2.0.33',
      hex: '04 01 30 01 09 ff ff',
      value: { evmRev: 4, sensorType: 1, sensorNumber: 0x30, eventDirType: { deassertion: false, eventType: 1 }, eventData1: 0x09, eventData2: 0xff, eventData3: 0xff },
    },
    {
      // System interface form: generator ID 41h (software ID 20h) first, as ipmitool sends it in-band.
      name: 'system interface: generator ID 41h, correctable ECC deassertion',
      source: 'v2.0 Table 29-3; ipmitool lib/ipmi_event.c (EVENT_GENERATOR(SMS, 0))',
      hex: '41 04 0c 53 ef 00 ff ff',
      value: { generatorId: 0x41, evmRev: 4, sensorType: 0x0c, sensorNumber: 0x53, eventDirType: { deassertion: true, eventType: 0x6f }, eventData1: 0, eventData2: 0xff, eventData3: 0xff },
    },
    {
      name: 'event data 2 and 3 omitted',
      source: 'v2.0 Table 29-3',
      hex: '04 08 40 6f 01',
      value: { evmRev: 4, sensorType: 8, sensorNumber: 0x40, eventDirType: { deassertion: false, eventType: 0x6f }, eventData1: 1 },
    },
  ],
  response: [{ name: 'empty', source: 'v2.0 Table 29-3', hex: '', value: {} }],
  requestErrors: [
    { name: 'four bytes', hex: '04 01 30 01', reason: 'short' },
    { name: 'nine bytes', hex: '41 04 01 30 01 09 ff ff 00', reason: 'trailing' },
  ],
});

describe('Platform Event Message encode checks', () => {
  it('refuses a generator ID without all three event data bytes (the length could not tell them apart)', () => {
    const ev = { generatorId: 0x41, evmRev: 4, sensorType: 1, sensorNumber: 1, eventDirType: { deassertion: false, eventType: 1 }, eventData1: 0x57, eventData2: 90 };
    assert.throws(() => encode(PlatformEventMessage.request, ev), /all three event data bytes/);
    assert.throws(() => encode(PlatformEventMessage.request, { ...ev, generatorId: undefined, eventData2: undefined, eventData3: 1 }), /event data 3 without event data 2/);
  });
});
