import { SolBmcPacket, SolConsolePacket } from '../../../src/codec/session/sol';
import { NO_OPERATION, NO_STATUS } from '../../../src/codec/session/sol';
import { describeCodec, fuzzDecoder } from '../../helpers/vectors';

const CAP = 'capture: ipmitool 1.8.19 against the bmcbridge virtual BMC, SOL payload after decryption (issue 9 SOL tests)';
const none = Buffer.alloc(0);

describeCodec('SOL payload, console to BMC (v2.0 §15.9, Table 15-2)', SolConsolePacket, [
  { name: 'ipmitool: Enter as packet 1', source: CAP, hex: '01 00 00 00 0d', value: { seq: 1, ackSeq: 0, accepted: 0, operation: NO_OPERATION, data: Buffer.from('\r') } },
  { name: 'ipmitool: ACK of the BMC\'s packet 1, 13 characters accepted', source: CAP, hex: '00 01 0d 00', value: { seq: 0, ackSeq: 1, accepted: 13, operation: NO_OPERATION, data: none } },
  { name: 'ipmitool ~B: packet 2, no characters, generate break', source: CAP, hex: '02 00 00 10', value: { seq: 2, ackSeq: 0, accepted: 0, operation: { ...NO_OPERATION, generateBreak: true }, data: none } },
  {
    name: 'every operation bit',
    source: 'v2.0 §15.9, Table 15-2 byte 4: [6] NACK [5] ring/WOR [4] break [3] CTS pause [2] drop DCD/DSR [1] flush inbound [0] flush outbound',
    hex: '0f 0e ff 7f',
    value: { seq: 15, ackSeq: 14, accepted: 255, operation: { nack: true, ringWor: true, generateBreak: true, ctsPause: true, dropDcdDsr: true, flushInbound: true, flushOutbound: true }, data: none },
  },
], [
  { name: 'three bytes', hex: '01 00 00', reason: 'short' },
  { name: '256 characters', hex: '01 00 00 00' + ' 41'.repeat(256), reason: 'oversize' },
]);

describeCodec('SOL payload, BMC to console (v2.0 §15.9, Table 15-2)', SolBmcPacket, [
  { name: 'ACK of a console packet 4 whose characters the system could not take', source: 'v2.0 §15.9, Table 15-2 byte 4 [5] character transfer unavailable', hex: '00 04 02 20', value: { seq: 0, ackSeq: 4, accepted: 2, status: { ...NO_STATUS, transferUnavailable: true }, data: none } },
  { name: 'deactivation notice NACKing console packet 7', source: 'v2.0 §15.9, Table 15-2 byte 4 [6] NACK [4] SOL deactivating', hex: '00 07 00 50', value: { seq: 0, ackSeq: 7, accepted: 0, status: { ...NO_STATUS, nack: true, deactivating: true }, data: none } },
  { name: 'packet 3 with "hi", break detected and transmit overrun', source: 'v2.0 §15.9, Table 15-2 byte 4 [3] overrun [2] break', hex: '03 00 00 0c 68 69', value: { seq: 3, ackSeq: 0, accepted: 0, status: { ...NO_STATUS, transmitOverrun: true, breakDetected: true }, data: Buffer.from('hi') } },
]);

describe('SOL payload codecs under random bytes', () => {
  it('console to BMC', () => fuzzDecoder(SolConsolePacket, 2000, 300));
  it('BMC to console', () => fuzzDecoder(SolBmcPacket, 2000, 300));
});
