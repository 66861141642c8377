import assert from 'node:assert/strict';
import { decodeV15, encodeV15, decodeV20, encodeV20, openV20, peekV20SessionId, SessionKeys, PayloadType, AuthType } from '../../../src/codec/session';
import { decodeRmcpHeader, presencePong, decodeAsf } from '../../../src/codec/rmcp';
import { DecodeError } from '../../../src/lib/errors';

describe('RMCP, ASF and session packets (v2.0 §13.6, ASF 2.0 §3.2)', () => {
  it('ipmitool 1.8.19 -I lan Get Channel Authentication Capabilities request (captured bytes)', () => {
    const b = Buffer.from('0600ff0700000000000000000009201 8c881043 80e0431'.replace(/ /g, ''), 'hex');
    assert.deepEqual(decodeRmcpHeader(b), { sequence: 0xff, cls: 0x07, ack: false });
    const p = decodeV15(b);
    assert.equal(p.authType, AuthType.None);
    assert.equal(p.message.toString('hex'), '2018c88104380e0431');
    assert.equal(encodeV15({ authType: 0, seq: 0, sessionId: 0, message: p.message }).toString('hex'), b.toString('hex'));
  });
  it('presence pong: the 28 bytes ipmitool 1.8.19 -I lan -vvvv printed as received (tag 0)', () => {
    const pong = presencePong(0x00);
    assert.equal(pong.toString('hex'), '0600ff06000011be40000010000011be000000008100000000000000');
    assert.equal(decodeAsf(pong).type, 0x40);
  });
  it('RMCP+ packet with HMAC-SHA1-96 and AES-CBC-128 round-trips; a flipped byte fails integrity', () => {
    const keys: SessionKeys = { integrity: 1, confidentiality: 1, k1: Buffer.alloc(20, 1), k2: Buffer.alloc(20, 2), userKey: Buffer.alloc(16) };
    const payload = Buffer.from('2018c881040100', 'hex');
    const b = encodeV20({ payloadType: PayloadType.Ipmi, sessionId: 0x11223344, seq: 7, payload }, keys, Buffer.alloc(16, 9));
    // AuthType .. Next Header is a multiple of 4 (integrity pad), then 12 bytes of AuthCode.
    assert.equal((b.length - 4 - 12) % 4, 0);
    assert.equal(peekV20SessionId(b), 0x11223344);
    const pkt = decodeV20(b, 1);
    assert.equal(pkt.encrypted && pkt.authenticated, true);
    assert.deepEqual(openV20(pkt, keys), payload);
    const bad = Buffer.from(b);
    bad[20] ^= 1;
    assert.equal(openV20(decodeV20(bad, 1), keys), undefined);
  });
  it('random bytes give DecodeError or a packet, never another exception', () => {
    for (let i = 0; i < 20000; i++) {
      const b = Buffer.alloc(Math.floor(Math.random() * 70));
      for (let j = 0; j < b.length; j++) b[j] = Math.floor(Math.random() * 256);
      for (const f of [() => decodeRmcpHeader(b), () => decodeV15(b), () => decodeV20(b), () => decodeV20(b, 1), () => decodeAsf(b)]) {
        try {
          f();
        } catch (e) {
          if (!(e instanceof DecodeError)) throw new Error(`${b.toString('hex')}: ${e}`);
        }
      }
    }
  });
});
