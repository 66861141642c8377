import assert from 'node:assert/strict';
import { groupCommands } from '../../../../src/codec/commands/group';
import { fuzzDecoder } from '../../../helpers/vectors';

describe('DCMI command codecs under random bytes', () => {
  it('every DCMI command is group DCh on NetFn 2Ch', () => {
    for (const def of groupCommands) assert.deepEqual([def.netFn, def.group], [0x2c, 0xdc], def.name);
  });
  for (const def of groupCommands)
    it(`${def.name}: DecodeError or a value, never another exception`, () => {
      fuzzDecoder(def.request, 1000, 24);
      fuzzDecoder(def.response, 1000, 24);
    });
});
