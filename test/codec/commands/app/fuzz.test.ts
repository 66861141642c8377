import { appCommands } from '../../../../src/codec/commands/app';
import { systemInfoParameters } from '../../../../src/codec/commands/app/system-info-parameters';
import { fuzzDecoder } from '../../../helpers/vectors';

describe('app command codecs under random bytes', () => {
  for (const def of appCommands)
    it(`${def.name}: DecodeError or a value, never another exception`, () => {
      fuzzDecoder(def.request, 1000, 40);
      fuzzDecoder(def.response, 1000, 40);
    });
  for (const p of systemInfoParameters.all()) it(`system info parameter ${p.id} (${p.name})`, () => fuzzDecoder(p.codec, 1000, 24));
});
