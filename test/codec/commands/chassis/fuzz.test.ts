import { chassisCommands } from '../../../../src/codec/commands/chassis';
import { bootOptionParameters } from '../../../../src/codec/commands/chassis/boot-option-parameters';
import { fuzzDecoder } from '../../../helpers/vectors';

describe('chassis command codecs under random bytes', () => {
  for (const def of chassisCommands)
    it(`${def.name}: DecodeError or a value, never another exception`, () => {
      fuzzDecoder(def.request, 1000, 40);
      fuzzDecoder(def.response, 1000, 40);
    });
  for (const p of bootOptionParameters.all()) it(`boot option parameter ${p.id} (${p.name})`, () => fuzzDecoder(p.codec, 1000, 16));
});
