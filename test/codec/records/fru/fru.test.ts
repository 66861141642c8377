import assert from 'node:assert/strict';
import {
  dateToFruMinutes,
  decodeFru,
  encodeFru,
  fruChassisTypeName,
  fruImage,
  fruMinutesToDate,
} from '../../../../src/codec/records/fru';
import { fromHex, hex } from '../../../../src/codec/wire/checksum';
import { DecodeError } from '../../../../src/lib/errors';
import { describeCodec, fuzzDecoder } from '../../../helpers/vectors';
import { FULL_FRU, FULL_FRU_HEX, GEN_EMU_FRU, GEN_EMU_FRU_HEX } from './fixtures';

describeCodec('FRU image (FRU v1.0 §8-§18)', fruImage, [
  { name: 'ipmi_sim reference FRU: chassis, board, product', source: 'peers/ipmi_sim/gen_emu.py, FRU v1.0 Tables 8-1, 10-1, 11-1, 12-1', hex: GEN_EMU_FRU_HEX, value: GEN_EMU_FRU },
  { name: 'every area, custom fields, field encodings, multirecords', source: 'FRU v1.0 Tables 8-1..18-1 (hand-assembled)', hex: FULL_FRU_HEX, value: FULL_FRU },
  { name: 'header only, no areas', source: 'FRU v1.0 Table 8-1', hex: '01 00 00 00 00 00 00 ff', value: {} },
], [
  { name: 'a short header', hex: '01 00 00 00', reason: 'short' },
  { name: 'header version 2', hex: '02 00 00 00 00 00 00 fe', reason: 'invalid' },
  { name: 'a bad header checksum', hex: '01 00 00 00 00 00 00 00', reason: 'invalid' },
  { name: 'an area past the image', hex: '01 00 01 00 00 00 00 fe 01 04 17', reason: 'short' },
  { name: 'a field past its area', hex: '01 00 01 00 00 00 00 fe 01 01 17 cf 41 42 43 00', reason: 'short' },
]);

describe('FRU decode tolerance and helpers', () => {
  it('an area checksum mismatch is a warning (ipmitool: "Area Checksum : INVALID"), or a DecodeError when strict', () => {
    const bad = fromHex(GEN_EMU_FRU_HEX);
    bad[39] ^= 0xff; // the chassis area checksum byte
    const got = decodeFru(bad);
    assert.deepEqual(got.chassis, GEN_EMU_FRU.chassis);
    assert.deepEqual(got.warnings, ['FRU chassis info area: area checksum mismatch at offset 39']);
    assert.throws(() => decodeFru(bad, { strict: true }), (e: unknown) => e instanceof DecodeError && e.reason === 'invalid');
  });

  it('a missing end marker and missing defined fields are warnings; the fields read as empty', () => {
    // Chassis area of 8 bytes: type 17h, one field "ABC" and no C1h before the checksum.
    const area = fromHex('01 01 17 c3 41 42 43 00');
    area[7] = -area.reduce((a, b) => a + b, 0) & 0xff;
    const img = Buffer.concat([fromHex('01 00 01 00 00 00 00 fe'), area]);
    const got = decodeFru(img);
    assert.deepEqual(got.chassis, { chassisType: 0x17, partNumber: 'ABC', serialNumber: '', custom: [] });
    assert.equal(got.warnings?.length, 2);
  });

  it('multirecord checksum problems are warnings; a record without end-of-list runs to the image end', () => {
    const img = fromHex(FULL_FRU_HEX);
    img[img.length - 9] = 0x02; // clear the end-of-list bit of the OEM record
    img[img.length - 7] ^= 1; // and break its data checksum
    const got = decodeFru(img);
    assert.deepEqual(got.multiRecords, FULL_FRU.multiRecords);
    assert.equal(got.warnings?.length, 3); // header checksum (we changed the format byte), data checksum, no end-of-list
  });

  it('pads to the inventory size and refuses what does not fit', () => {
    const img = encodeFru(GEN_EMU_FRU, { size: 256 });
    assert.equal(img.length, 256);
    assert.deepEqual(decodeFru(img), GEN_EMU_FRU);
    assert.throws(() => encodeFru(GEN_EMU_FRU, { size: 100 }), /more than the 100-byte inventory area/);
  });

  it('refuses one-character 8-bit fields (they would read as the C1h end marker)', () => {
    assert.throws(() => encodeFru({ chassis: { chassisType: 1, partNumber: 'A', serialNumber: '', custom: [] } }), /end marker C1h/);
  });

  it('board mfg date: minutes since 1996-01-01 UTC (ipmitool: Wed Feb 24 01:39:00 2016 UTC)', () => {
    assert.equal(fruMinutesToDate(0xa1b2c3)?.toISOString(), '2016-02-24T01:39:00.000Z');
    assert.equal(fruMinutesToDate(0), undefined);
    assert.equal(dateToFruMinutes(new Date('2016-02-24T01:39:00Z')), 0xa1b2c3);
    assert.throws(() => dateToFruMinutes(new Date('1990-01-01T00:00:00Z')), RangeError);
  });

  it('chassis type names follow ipmitool', () => {
    assert.equal(fruChassisTypeName(0x17), 'Rack Mount Chassis');
    assert.equal(fruChassisTypeName(0x11), 'Main Server Chassis');
    assert.equal(fruChassisTypeName(0x1d), 'Blade Enclosure');
    assert.equal(fruChassisTypeName(0x24), 'Unknown');
  });

  it('encodes what it decodes from the reference image byte for byte', () => {
    assert.equal(hex(encodeFru(decodeFru(fromHex(GEN_EMU_FRU_HEX)))), hex(fromHex(GEN_EMU_FRU_HEX)));
  });

  it('random bytes give an image or a DecodeError', () => {
    fuzzDecoder(fruImage, 3000, 64);
    // Valid header pointing at a random chassis area, to get past the header check.
    for (let i = 0; i < 2000; i++) {
      const b = Buffer.alloc(8 + Math.floor(Math.random() * 64));
      for (let j = 8; j < b.length; j++) b[j] = Math.floor(Math.random() * 256);
      b.set([1, 0, 1, 0, 0, 1 + (i % 3), 0], 0);
      b[7] = -b.subarray(0, 7).reduce((a, c) => a + c, 0) & 0xff;
      try {
        decodeFru(b);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
    }
  });
});
