import assert from 'node:assert/strict';
import { SetSensorEventEnable } from '../../../../src/codec/commands/sensor-event';
import { decode, encode } from '../../../../src/codec/fields';
import { fromHex, hex } from '../../../../src/codec/wire/checksum';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetSensorEventEnable, {
  request: [
    {
      name: 'enable messages and scanning, enable selected: UNC/UC going high asserted and deasserted',
      source: 'v2.0 Table 35-10',
      hex: '01 d0 80 02 80 02',
      value: { sensorNumber: 1, flags: { eventMessagesEnabled: true, scanningEnabled: true, action: 1 }, assertionMask: 0x0280, deassertionMask: 0x0280 },
    },
    {
      name: 'disable all messages, keep individual enables',
      source: 'v2.0 Table 35-10',
      hex: '01 40',
      value: { sensorNumber: 1, flags: { eventMessagesEnabled: false, scanningEnabled: true, action: 0 } },
    },
  ],
  response: [{ name: 'empty', source: 'v2.0 Table 35-10', hex: '', value: {} }],
});

describe('Set Sensor Event Enable: masks cut after any byte', () => {
  it('a single assertion byte reads as the low byte and encodes as two (same meaning: unset bits are unchanged)', () => {
    const v = decode(SetSensorEventEnable.request, fromHex('01 d0 80'));
    assert.deepEqual(v, { sensorNumber: 1, flags: { eventMessagesEnabled: true, scanningEnabled: true, action: 1 }, assertionMask: 0x80 });
    assert.equal(hex(encode(SetSensorEventEnable.request, v)), '01 d0 80 00');
  });
});
