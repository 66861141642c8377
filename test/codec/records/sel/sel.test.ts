import assert from 'node:assert/strict';
import {
  SelRecord,
  decodeSel,
  decodeSels,
  encodeSel,
  isPreInitTimestamp,
  makeEventData1,
  parseEventData1,
  parseGeneratorId,
  selRecord,
} from '../../../../src/codec/records/sel';
import { fromHex } from '../../../../src/codec/wire/checksum';
import { DecodeError } from '../../../../src/lib/errors';
import { describeCodec, fuzzDecoder } from '../../../helpers/vectors';

describeCodec<SelRecord>('SEL records (v2.0 §32)', selRecord, [
  {
    // peers/ipmi_sim/gen_emu.py sel_entry(ts, 0x0020, 0x01, 1, 0x01, 0x57, 90, 85) with record ID 1 and
    // timestamp 5F5E1000h; ipmitool printed it as "Temperature CPU Temp | Upper Non-critical going high |
    // Asserted | Reading 90 > Threshold 85 degrees C" (peers/ipmi_sim/outputs/lanplusc3.sel_elist.txt).
    name: 'system event: CPU Temp upper non-critical going high',
    source: 'peers/ipmi_sim/gen_emu.py, v2.0 Table 32-1',
    hex: '01 00 02 00 10 5e 5f 20 00 04 01 01 01 57 5a 55',
    value: {
      kind: 'system',
      recordId: 1,
      timestamp: 0x5f5e1000,
      generatorId: 0x0020,
      evmRev: 4,
      sensorType: 0x01,
      sensorNumber: 1,
      eventDirType: { deassertion: false, eventType: 0x01 },
      eventData1: 0x57,
      eventData2: 90,
      eventData3: 85,
    },
  },
  {
    // gen_emu.py third entry: FAN1 lower critical going low, deasserted (event dir bit set: 81h).
    name: 'system event: FAN1 lower critical deassertion',
    source: 'peers/ipmi_sim/gen_emu.py, v2.0 Table 32-1',
    hex: '03 00 02 78 10 5e 5f 20 00 04 04 03 81 52 5a 10',
    value: {
      kind: 'system',
      recordId: 3,
      timestamp: 0x5f5e1078,
      generatorId: 0x0020,
      evmRev: 4,
      sensorType: 0x04,
      sensorNumber: 3,
      eventDirType: { deassertion: true, eventType: 0x01 },
      eventData1: 0x52,
      eventData2: 90,
      eventData3: 16,
    },
  },
  {
    // peers/exporter/gen_sdr.py: "BIOS system firmware progress" from generator 0041h (software ID 20h).
    name: 'system event: BIOS firmware progress, software generator',
    source: 'peers/exporter/gen_sdr.py, v2.0 Table 32-1',
    hex: '05 00 02 40 c0 a0 65 41 00 04 0f 00 6f 02 ff ff',
    value: {
      kind: 'system',
      recordId: 5,
      timestamp: 0x65a0c040,
      generatorId: 0x0041,
      evmRev: 4,
      sensorType: 0x0f,
      sensorNumber: 0,
      eventDirType: { deassertion: false, eventType: 0x6f },
      eventData1: 0x02,
      eventData2: 0xff,
      eventData3: 0xff,
    },
  },
  {
    // v2.0 §32.2, Table 32-2: C1h, timestamp, manufacturer ID 7154 (F2h 1Bh 00h), 6 OEM bytes.
    name: 'OEM timestamped (C1h)',
    source: 'v2.0 Table 32-2 (hand-assembled)',
    hex: '10 00 c1 00 00 00 20 f2 1b 00 01 02 03 04 05 06',
    value: { kind: 'oemTimestamped', recordId: 0x10, recordType: 0xc1, timestamp: 0x20000000, manufacturerId: 7154, oemData: fromHex('01 02 03 04 05 06') },
  },
  {
    name: 'OEM non-timestamped (E0h)',
    source: 'v2.0 Table 32-3 (hand-assembled)',
    hex: 'ff fe e0 00 01 02 03 04 05 06 07 08 09 0a 0b 0c',
    value: { kind: 'oemNonTimestamped', recordId: 0xfeff, recordType: 0xe0, oemData: fromHex('00 01 02 03 04 05 06 07 08 09 0a 0b 0c') },
  },
  {
    name: 'reserved record type 10h: kept as bytes',
    source: 'v2.0 §32 (hand-assembled)',
    hex: '02 00 10 00 01 02 03 04 05 06 07 08 09 0a 0b 0c',
    value: { kind: 'unknown', recordId: 2, recordType: 0x10, data: fromHex('00 01 02 03 04 05 06 07 08 09 0a 0b 0c') },
  },
], [
  { name: '15 bytes', hex: '01 00 02 00 10 5e 5f 20 00 04 01 01 01 57 5a', reason: 'short' },
  { name: '17 bytes', hex: '01 00 02 00 10 5e 5f 20 00 04 01 01 01 57 5a 55 00', reason: 'trailing' },
]);

describe('SEL helpers', () => {
  it('event data 1: ipmi_sim threshold events carry the reading and the threshold (50h | offset)', () => {
    assert.deepEqual(parseEventData1(0x57), { byte2: 1, byte3: 1, offset: 7 });
    assert.equal(makeEventData1({ byte2: 1, byte3: 1, offset: 2 }), 0x52);
  });
  it('generator ID 0041h is system software ID 20h; 0020h the IPMB address 20h', () => {
    assert.deepEqual(parseGeneratorId(0x0041), { softwareId: true, id: 0x20, channel: 0, lun: 0 });
    assert.deepEqual(parseGeneratorId(0x0020), { softwareId: false, id: 0x10, channel: 0, lun: 0 });
  });
  it('pre-init timestamps are at most 20000000h (v2.0 §37.1)', () => {
    assert.equal(isPreInitTimestamp(351), true);
    assert.equal(isPreInitTimestamp(0x65a0c000), false);
  });
  it('encode refuses a kind/type mismatch and short OEM data', () => {
    assert.throws(() => encodeSel({ kind: 'oemTimestamped', recordId: 1, recordType: 0xe0, timestamp: 0, manufacturerId: 0, oemData: Buffer.alloc(6) }), /not a oemTimestamped record/);
    assert.throws(() => encodeSel({ kind: 'oemNonTimestamped', recordId: 1, recordType: 0xe0, oemData: Buffer.alloc(3) }), /13 data bytes/);
    assert.equal(decodeSel(encodeSel({ kind: 'unknown', recordId: 9, recordType: 0, data: Buffer.alloc(13) })).kind, 'unknown');
  });
  it('decodeSels reads an `ipmitool sel writeraw` file (16 bytes a record)', () => {
    const file = fromHex('01 00 02 00 10 5e 5f 20 00 04 01 01 01 57 5a 55 02 00 10 00 01 02 03 04 05 06 07 08 09 0a 0b 0c');
    assert.deepEqual(decodeSels(file).map((r) => [r.kind, r.recordId]), [['system', 1], ['unknown', 2]]);
    assert.throws(() => decodeSels(file.subarray(0, 20)), (e: unknown) => e instanceof DecodeError && e.reason === 'short');
  });
  it('random bytes give a record or a DecodeError', () => fuzzDecoder(selRecord, 3000, 20));
});
