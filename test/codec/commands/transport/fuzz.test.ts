import { transportCommands } from '../../../../src/codec/commands/transport';
import { lanParameters } from '../../../../src/codec/commands/transport/lan-parameters';
import { fuzzDecoder } from '../../../helpers/vectors';

describe('transport command codecs under random bytes', () => {
  for (const def of transportCommands)
    it(`${def.name}: DecodeError or a value, never another exception`, () => {
      fuzzDecoder(def.request, 1000, 40);
      fuzzDecoder(def.response, 1000, 40);
    });
  for (const p of lanParameters.all()) it(`LAN parameter ${p.id} (${p.name})`, () => fuzzDecoder(p.codec, 1000, 24));
});
