import assert from 'node:assert/strict';
import {
  decodeAscii6,
  decodeBcdPlus,
  decodeTypedText,
  encodeAscii6,
  encodeBcdPlus,
  encodeTypedText,
  typedTextString,
} from '../../../src/codec/records/text';
import { fromHex, hex } from '../../../src/codec/wire/checksum';

describe('record text encodings (v2.0 §43.15, FRU v1.0 §13.1)', () => {
  it('6-bit packed ASCII: the FRU spec example "IPMI" = 29h DCh A6h', () => {
    assert.equal(hex(encodeAscii6('IPMI')), '29 dc a6');
    assert.equal(decodeAscii6(fromHex('29 dc a6')), 'IPMI');
  });

  it('6-bit packed ASCII: n bytes hold floor(8n/6) characters; padding bits read as spaces', () => {
    assert.equal(hex(encodeAscii6('AB')), 'a1 08');
    assert.equal(decodeAscii6(fromHex('a1 08')), 'AB');
    assert.equal(hex(encodeAscii6('ABC')), 'a1 38 02');
    assert.equal(decodeAscii6(fromHex('a1 38 02')), 'ABC ');
    assert.equal(decodeAscii6(Buffer.alloc(0)), '');
    assert.throws(() => encodeAscii6('abc'), /only 20h-5Fh/);
  });

  it('BCD plus: high nibble first, Ah space, Bh dash, Ch period (ipmitool get_fru_area_str)', () => {
    assert.equal(hex(encodeBcdPlus('12-3.4')), '12 b3 c4');
    assert.equal(decodeBcdPlus(fromHex('12 b3 c4')), '12-3.4');
    assert.equal(hex(encodeBcdPlus('987')), '98 7a');
    // Reserved nibbles D-F print as ':', ',' and '_' in ipmitool.
    assert.equal(decodeBcdPlus(fromHex('de f0')), ':,_0');
    assert.throws(() => encodeBcdPlus('12a'), /BCD plus cannot encode "a"/);
  });

  it('type codes map to TypedText values and back', () => {
    assert.equal(decodeTypedText(3, Buffer.from('abc'), 'binary'), 'abc');
    assert.deepEqual(decodeTypedText(0, fromHex('01 02'), 'binary'), { encoding: 'binary', bytes: fromHex('01 02') });
    assert.deepEqual(decodeTypedText(0, fromHex('01 02'), 'unicode'), { encoding: 'unicode', bytes: fromHex('01 02') });
    assert.deepEqual(decodeTypedText(1, fromHex('12'), 'binary'), { encoding: 'bcdPlus', text: '12' });
    assert.deepEqual(decodeTypedText(2, fromHex('29 dc a6'), 'binary'), { encoding: 'ascii6', text: 'IPMI' });
    assert.deepEqual(encodeTypedText('é'), { typeCode: 3, data: Buffer.from([0xe9]) });
    assert.deepEqual(encodeTypedText({ encoding: 'ascii6', text: 'IPMI' }), { typeCode: 2, data: fromHex('29 dc a6') });
    assert.equal(typedTextString({ encoding: 'binary', bytes: fromHex('0a ff') }), '0aff');
    assert.equal(typedTextString({ encoding: 'bcdPlus', text: '1.0' }), '1.0');
  });
});
