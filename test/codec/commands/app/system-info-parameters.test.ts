import assert from 'node:assert/strict';
import {
  SystemInfoParam,
  sysInfoStringBlocks,
  sysInfoStringFromBlocks,
  systemInfoParameters,
} from '../../../../src/codec/commands/app/system-info-parameters';
import { describeCodec } from '../../../helpers/vectors';
import { fromHex, hex } from '../../../../src/codec/wire/checksum';

describeCodec('System Firmware Version block (v2.0 §22.14a, parameter 1)', SystemInfoParam.systemFirmwareVersion.codec, [
  {
    name: 'set 0 of "2.10.0"',
    source: 'v2.0 §22.14a (set selector, encoding, length, 14 bytes)',
    hex: '00 01 06 32 2e 31 30 2e 30 00 00 00 00 00 00 00 00',
    value: { setSelector: 0, block: fromHex('01 06 32 2e 31 30 2e 30 00 00 00 00 00 00 00 00') },
  },
], [{ name: 'short block', hex: '00 01 06 32', reason: 'short' }]);

describe('system info strings', () => {
  it('splits a 20-byte string into a 14-byte first block and a second block', () => {
    const blocks = sysInfoStringBlocks('PowerEdge R650 node7', 0);
    assert.equal(blocks.length, 2);
    assert.equal(hex(blocks[0]), '00 14 50 6f 77 65 72 45 64 67 65 20 52 36 35 30');
    assert.equal(hex(blocks[1]), '20 6e 6f 64 65 37 00 00 00 00 00 00 00 00 00 00');
    assert.deepEqual(sysInfoStringFromBlocks(blocks), { text: 'PowerEdge R650 node7', encoding: 0 });
  });
  it('reads UTF-8 back', () => {
    assert.deepEqual(sysInfoStringFromBlocks(sysInfoStringBlocks('nœud-1')), { text: 'nœud-1', encoding: 1 });
  });
  it('refuses strings longer than 16 blocks', () => {
    assert.throws(() => sysInfoStringBlocks('x'.repeat(255)), RangeError);
    assert.equal(sysInfoStringBlocks('x'.repeat(254)).length, 16);
  });
  it('declares parameters 0-4', () => {
    assert.deepEqual(systemInfoParameters.all().map((p) => p.id), [0, 1, 2, 3, 4]);
  });
});
