import { sensor_eventCommands } from '../../../../src/codec/commands/sensor-event';
import { fuzzDecoder } from '../../../helpers/vectors';

describe('sensor/event command codecs under random bytes', () => {
  for (const def of sensor_eventCommands)
    it(`${def.name}: DecodeError or a value, never another exception`, () => {
      fuzzDecoder(def.request, 1000, 24);
      fuzzDecoder(def.response, 1000, 24);
    });
});
