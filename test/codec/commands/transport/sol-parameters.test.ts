import { SolParam, solParameters } from '../../../../src/codec/commands/transport/sol-parameters';
import { describeCodec, fuzzDecoder } from '../../../helpers/vectors';

const S = 'capture: ipmitool 1.8.19 `sol info` against the bmcbridge virtual BMC (issue 9 SOL tests)';
describeCodec('SOL Enable (v2.0 §26.2, Table 26-5, parameter 1)', SolParam.enable.codec, [{ name: 'enabled', source: S, hex: '01', value: { enabled: true } }]);
describeCodec('SOL Authentication (parameter 2)', SolParam.authentication.codec, [
  { name: 'force encryption and authentication, User may activate', source: S, hex: 'c2', value: { forceEncryption: true, forceAuthentication: true, privilege: 2 } },
  { name: 'nothing forced, Administrator', source: 'v2.0 Table 26-5 ([7] [6] [3:0])', hex: '04', value: { forceEncryption: false, forceAuthentication: false, privilege: 4 } },
]);
describeCodec('Character Accumulate Interval & Send Threshold (parameter 3)', SolParam.accumulate.codec, [
  { name: '50 ms, 96 characters', source: S, hex: '0a 60', value: { interval5ms: 10, threshold: 96 } },
], [{ name: 'one byte', hex: '0a', reason: 'short' }]);
describeCodec('SOL Retry (parameter 4)', SolParam.retry.codec, [
  { name: '7 retries, 500 ms apart', source: S, hex: '07 32', value: { count: { retries: 7 }, interval10ms: 50 } },
]);
describeCodec('SOL non-volatile bit rate (parameter 5)', SolParam.nonVolatileBitRate.codec, [
  { name: '115.2 kbit/s', source: S, hex: '0a', value: 0x0a },
  { name: 'the IPMI-over-serial setting', source: 'v2.0 Table 26-5 (0h)', hex: '00', value: 0 },
]);
describeCodec('SOL Payload Channel (parameter 7)', SolParam.payloadChannel.codec, [{ name: 'channel 1', source: S, hex: '01', value: { channel: 1 } }]);
describeCodec('SOL Payload Port Number (parameter 8)', SolParam.payloadPort.codec, [
  { name: '623, LS byte first', source: 'v2.0 Table 26-5 (26Fh)', hex: '6f 02', value: 623 },
]);

describe('SOL parameters under random bytes', () => {
  for (const p of solParameters.all()) it(`parameter ${p.id} (${p.name})`, () => fuzzDecoder(p.codec, 1000, 8));
});
