import { GetChannelPayloadVersion } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetChannelPayloadVersion, {
  request: [{ name: 'SOL on this channel', source: 'v2.0 §24.9 (channel 0Eh = present interface)', hex: '0e 01', value: { channel: { number: 14 }, payloadType: 1 } }],
  response: [{ name: 'format 1.0', source: 'v2.0 §24.9 (10h = version 1.0)', hex: '10', value: { version: { major: 1, minor: 0 } } }],
  responseErrors: [{ name: 'empty', hex: '', reason: 'short' }],
});
