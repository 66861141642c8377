import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { HmacSha1 } from '../../../src/codec/session/hmac-sha1';
import { decodeV20, encodeV20, openV20, sessionKeys } from '../../../src/codec/session/packet';

describe('HmacSha1 (precomputed pads, HMAC-SHA1-96 AuthCodes)', () => {
  it('RFC 2202 test cases 1, 2 and 6', () => {
    assert.equal(new HmacSha1(Buffer.alloc(20, 0x0b)).digest(Buffer.from('Hi There')).toString('hex'), 'b617318655057264e28bc0b6fb378c8ef146be00');
    assert.equal(new HmacSha1(Buffer.from('Jefe')).digest(Buffer.from('what do ya want for nothing?')).toString('hex'), 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    // Key of 80 bytes is hashed first by RFC 2104; IPMI keys are at most 20 bytes, so this one is refused instead.
    assert.throws(() => new HmacSha1(Buffer.alloc(80, 0xaa)), /above 64 bytes/);
  });
  it('equals node:crypto for every message length 0..300 and key lengths 0..64', () => {
    for (let n = 0; n <= 300; n++) {
      const key = crypto.randomBytes(n % 65);
      const data = crypto.randomBytes(n);
      const want = crypto.createHmac('sha1', key).update(data).digest('hex');
      assert.equal(new HmacSha1(key).digest(data).toString('hex'), want, `length ${n}`);
    }
  });
  it('one instance serves many messages; digestInto writes only the first len bytes', () => {
    const key = crypto.randomBytes(20);
    const h = new HmacSha1(key);
    for (const n of [55, 56, 63, 64, 65, 119, 120]) {
      const data = crypto.randomBytes(n);
      const out = Buffer.alloc(14, 0xee);
      h.digestInto(data, out, 1, 12);
      assert.equal(out.toString('hex'), 'ee' + crypto.createHmac('sha1', key).update(data).digest('hex').slice(0, 24) + 'ee');
      // A range of a larger buffer, the code written right after it (as encodeV20 does).
      const framed = Buffer.concat([Buffer.from('0600ff07', 'hex'), data, Buffer.alloc(12)]);
      h.digestInto(framed, framed, 4 + n, 12, 4, n);
      assert.equal(framed.subarray(4 + n).toString('hex'), crypto.createHmac('sha1', key).update(data).digest('hex').slice(0, 24));
    }
  });
  it('RMCP+ packets built and opened with the fast keys are byte-equal to the node:crypto ones (suite 3)', () => {
    const k1 = crypto.randomBytes(20);
    const k2 = crypto.randomBytes(20);
    const user = Buffer.alloc(16);
    const fast = sessionKeys(1, 1, k1, k2, user);
    const plain = { integrity: 1, confidentiality: 1, k1, k2, userKey: user };
    assert.ok(fast.mac && fast.aes);
    for (let n = 0; n < 40; n++) {
      const iv = crypto.randomBytes(16);
      const p = { payloadType: 0, sessionId: 0x01020304, seq: n + 1, payload: crypto.randomBytes(n) };
      const a = encodeV20(p, fast, iv);
      assert.equal(a.toString('hex'), encodeV20(p, plain, iv).toString('hex'));
      assert.deepEqual(openV20(decodeV20(a, 1), fast), p.payload);
      a[a.length - 1] ^= 1;
      assert.equal(openV20(decodeV20(a, 1), fast), undefined, 'a changed AuthCode is refused');
    }
  });
});
