import assert from 'node:assert/strict';
import { fromHex, hex } from '../../src/codec/wire/checksum';
import {
  BasicDecoder,
  SerialMode,
  SerialPacket,
  TerminalDecoder,
  decodeSerialPacket,
  encodeBasicFrame,
  encodeSerialPacket,
  encodeTerminalFrame,
  serialDecoder,
  serialResponse,
} from '../../src/transport/serial';

/**
 * Golden vectors: bytes ipmitool 1.8.19 sent on a socat pty (`-I serial-basic` / `-I
 * serial-terminal`, `mc info`), and the answers it accepted from a minimal responder (0xC1 to
 * the PICMG and VITA probes, then Get Device ID). Framing: v2.0 §14.4 (basic mode, Tables
 * 14-4/14-5) and §14.7 (terminal mode).
 */
const SOURCE = 'ipmitool 1.8.19 on a socat pty pair, mc info';
interface Exchange {
  name: string;
  request: string;
  packet: SerialPacket;
  cc: number;
  data: string;
  response: string;
}
const BASIC: Exchange[] = [
  {
    name: 'Get PICMG Properties probe (NetFn 2Ch cmd 00h, data 00h) answered C1h; the checksum 1Bh is escaped AAh 3Bh',
    request: 'a0 20 b0 30 81 04 00 00 7b a5',
    packet: { netFn: 0x2c, lun: 0, seq: 1, cmd: 0x00, data: Buffer.from([0x00]), destAddr: 0x20, srcAddr: 0x81, srcLun: 0 },
    cc: 0xc1,
    data: '',
    response: 'a0 81 b4 cb 20 04 00 c1 aa 3b a5',
  },
  {
    name: 'VITA probe (data 03h) answered C1h',
    request: 'a0 20 b0 30 81 08 00 03 74 a5',
    packet: { netFn: 0x2c, lun: 0, seq: 2, cmd: 0x00, data: Buffer.from([0x03]), destAddr: 0x20, srcAddr: 0x81, srcLun: 0 },
    cc: 0xc1,
    data: '',
    response: 'a0 81 b4 cb 20 08 00 c1 17 a5',
  },
  {
    name: 'Get Device ID',
    request: 'a0 20 18 c8 81 0c 01 72 a5',
    packet: { netFn: 0x06, lun: 0, seq: 3, cmd: 0x01, data: Buffer.alloc(0), destAddr: 0x20, srcAddr: 0x81, srcLun: 0 },
    cc: 0x00,
    data: '20 01 02 05 02 9f b3 a2 00 34 12',
    response: 'a0 81 1c 63 20 0c 01 00 20 01 02 05 02 9f b3 a2 00 34 12 6f a5',
  },
];
const ascii = (s: string) => hex(Buffer.from(s, 'latin1'));
const TERMINAL: Exchange[] = [
  {
    name: 'Get PICMG Properties probe answered C1h',
    request: ascii('[b0040000]\r\n'),
    packet: { netFn: 0x2c, lun: 0, seq: 1, bridge: 0, cmd: 0x00, data: Buffer.from([0x00]) },
    cc: 0xc1,
    data: '',
    response: ascii('[B40400C1]\r\n'),
  },
  {
    name: 'VITA probe answered C1h',
    request: ascii('[b0080003]\r\n'),
    packet: { netFn: 0x2c, lun: 0, seq: 2, bridge: 0, cmd: 0x00, data: Buffer.from([0x03]) },
    cc: 0xc1,
    data: '',
    response: ascii('[B40800C1]\r\n'),
  },
  {
    name: 'Get Device ID',
    request: ascii('[180c01]\r\n'),
    packet: { netFn: 0x06, lun: 0, seq: 3, bridge: 0, cmd: 0x01, data: Buffer.alloc(0) },
    cc: 0x00,
    data: '20 01 02 05 02 9f b3 a2 00 34 12',
    response: ascii('[1C0C010020010205029FB3A2003412]\r\n'),
  },
];

/** Feed bytes to a mode's decoder, collecting packets, handshakes and garbage reasons. */
function feed(mode: SerialMode, chunks: Buffer[]) {
  const packets: SerialPacket[] = [];
  const garbage: string[] = [];
  let handshakes = 0;
  const d = serialDecoder(mode, { packet: (p) => packets.push(p), handshake: () => handshakes++, garbage: (r) => garbage.push(r) });
  for (const c of chunks) d.push(c);
  return { packets, garbage, handshakes };
}

describe('serial framing (v2.0 §14)', () => {
  for (const [mode, vectors] of [
    ['basic', BASIC],
    ['terminal', TERMINAL],
  ] as const) {
    describe(`${mode} mode: ${SOURCE}`, () => {
      for (const v of vectors) {
        it(`${v.name}: request decodes, response encodes byte for byte`, () => {
          const { packets, garbage } = feed(mode, [fromHex(v.request)]);
          assert.deepEqual(garbage, []);
          assert.deepEqual(packets, [v.packet]);
          const rsp = serialResponse(packets[0], v.cc, fromHex(v.data));
          assert.equal(hex(encodeSerialPacket(mode, rsp)), v.response);
          // The console side: our client's request encodes to what ipmitool sent ...
          const req: SerialPacket = { netFn: v.packet.netFn, lun: 0, seq: v.packet.seq, cmd: v.packet.cmd, data: v.packet.data };
          // (ipmitool writes terminal-mode hex in lowercase, we in uppercase: both are valid.)
          const sent = encodeSerialPacket(mode, req);
          assert.equal(sent.toString('latin1').toLowerCase(), fromHex(v.request).toString('latin1').toLowerCase());
          // ... and the response decodes back.
          const back = feed(mode, [fromHex(v.response)]).packets[0];
          assert.deepEqual(back.data, Buffer.concat([Buffer.from([v.cc]), fromHex(v.data)]));
          assert.equal(back.netFn, v.packet.netFn | 1);
          assert.equal(back.seq, v.packet.seq);
        });
      }
      it('reassembles frames split anywhere and back to back', () => {
        const all = Buffer.concat(vectors.map((v) => fromHex(v.request)));
        const bytewise = [...all].map((b) => Buffer.from([b]));
        assert.deepEqual(feed(mode, bytewise).packets, vectors.map((v) => v.packet));
        assert.deepEqual(feed(mode, [all]).packets, vectors.map((v) => v.packet));
      });
      it('random bytes produce packets or garbage reports, never exceptions, and the next frame still decodes', () => {
        for (let i = 0; i < 500; i++) {
          const b = Buffer.alloc(Math.floor(Math.random() * 80));
          for (let j = 0; j < b.length; j++) b[j] = mode === 'terminal' && Math.random() < 0.5 ? '[]0123456789abcdefXZ \r\n'.charCodeAt(Math.floor(Math.random() * 23)) : Math.floor(Math.random() * 256);
          const r = feed(mode, [b, fromHex(vectors[2].request)]);
          // A valid frame after any noise is still read (its start character resynchronises).
          assert.deepEqual(r.packets[r.packets.length - 1], vectors[2].packet);
        }
      });
    });
  }

  describe('basic mode details', () => {
    it('escapes all five special bytes (v2.0 Table 14-5) and round-trips them', () => {
      const msg = Buffer.from([0xa0, 0xa5, 0xa6, 0xaa, 0x1b, 0x42]);
      assert.equal(hex(encodeBasicFrame(msg)), 'a0 aa b0 aa b5 aa b6 aa ba aa 3b 42 a5');
      const frames: Buffer[] = [];
      new BasicDecoder({ frame: (f) => frames.push(f) }).push(encodeBasicFrame(msg));
      assert.deepEqual(frames, [msg]);
    });
    it('reports the A6h handshake and ignores bytes between frames', () => {
      const r = feed('basic', [Buffer.from([0xa6, 0x55, 0x13]), fromHex(BASIC[2].request), Buffer.from([0xa6])]);
      assert.equal(r.handshakes, 2);
      assert.deepEqual(r.packets, [BASIC[2].packet]);
      assert.deepEqual(r.garbage, []);
    });
    it('drops a frame with a bad escape, an ESC, a bad checksum or a restart, and recovers', () => {
      const good = fromHex(BASIC[2].request);
      const r = feed('basic', [fromHex('a0 20 aa 11 a5'), good, fromHex('a0 20 18 1b'), good, fromHex('a0 20 18 c8 81 0c 01 73 a5'), fromHex('a0 20 18'), good]);
      assert.equal(r.packets.length, 3);
      assert.deepEqual(r.garbage, [
        'invalid escape sequence AAh 11h',
        'ESC (1Bh) aborted the packet',
        'basic mode message: data checksum mismatch at offset 6',
        'start character inside a packet; partial packet dropped',
      ]);
    });
    it('drops overlong frames', () => {
      const r = feed('basic', [Buffer.concat([Buffer.from([0xa0]), Buffer.alloc(400, 0x11), Buffer.from([0xa5])]), fromHex(BASIC[0].request)]);
      assert.deepEqual(r.garbage, ['packet longer than 300 bytes']);
      assert.equal(r.packets.length, 1);
    });
  });

  describe('terminal mode details', () => {
    it('accepts lowercase, uppercase and spaces between pairs (v2.0 §14.7.3)', () => {
      const frames: Buffer[] = [];
      new TerminalDecoder({ frame: (f) => frames.push(f) }).push(Buffer.from('junk[18 0C 01]\r\n[18 0c01]\n', 'latin1'));
      assert.deepEqual(frames.map((f) => hex(f)), ['18 0c 01', '18 0c 01']);
      assert.equal(encodeTerminalFrame(Buffer.from([0x1c, 0x0c, 0x01, 0x00])).toString('latin1'), '[1C0C0100]\r\n');
    });
    it('reports bad hex, a line ending inside brackets and too-short messages', () => {
      const r = feed('terminal', [Buffer.from('[1x0c01]\r\n[180c\r\n[18]\r\n[180c01]\r\n', 'latin1')]);
      assert.deepEqual(r.garbage, ['not a hex message: [1x0c01]', 'line ended inside a message', 'terminal mode message: needs NetFn/LUN, seq/bridge and cmd at offset 1']);
      assert.equal(r.packets.length, 1);
    });
    it('decodes the bridge field of byte 2', () => {
      assert.deepEqual(decodeSerialPacket('terminal', Buffer.from([0x18, 0x0e, 0x01])), { netFn: 6, lun: 0, seq: 3, bridge: 2, cmd: 1, data: Buffer.alloc(0) });
    });
  });
});
