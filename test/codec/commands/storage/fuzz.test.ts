import { storageCommands } from '../../../../src/codec/commands/storage';
import { fuzzDecoder } from '../../../helpers/vectors';

describe('storage command codecs under random bytes', () => {
  for (const def of storageCommands)
    it(`${def.name}: DecodeError or a value, never another exception`, () => {
      fuzzDecoder(def.request, 1000, 40);
      fuzzDecoder(def.response, 1000, 40);
    });
});
