import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  RakpContext,
  rakp2AuthCode,
  rakp3AuthCode,
  sessionIntegrityKey,
  rakp4Icv,
  deriveK,
  rakp4IcvLength,
  suiteById,
  integrityCode,
  integrityLength,
  aesEncrypt,
  aesDecrypt,
  AesCbc128,
  v15AuthCode,
  AuthType,
} from '../../../src/codec/session';

/**
 * RAKP and key derivation (v2.0 §13.31-13.32) against values ipmitool 1.8.19 computed itself
 * (-vvvv) while logging in: the HMAC inputs it built, and the MACs, SIK, K1 and K2 it derived.
 */
const CAPTURES = path.join(__dirname, '../../fixtures/captures/ipmitool-1.8.19');

for (const suiteId of [3, 17]) {
  const cap = JSON.parse(fs.readFileSync(path.join(CAPTURES, `rakp-suite${suiteId}.json`), 'utf8'));
  const hex = (k: string) => Buffer.from(cap[k], 'hex');
  describe(`RAKP with cipher suite ${suiteId} (${cap.source})`, () => {
    // rakp2 input: SIDm(4) SIDc(4) Rm(16) Rc(16) GUIDc(16) ROLEm(1) ULENGTHm(1) UNAMEm
    const in2 = hex('rakp2Input');
    const key = Buffer.alloc(20);
    Buffer.from(cap.password).copy(key);
    const ctx: RakpContext = {
      auth: suiteById(suiteId)!.auth,
      consoleSessionId: in2.readUInt32LE(0),
      bmcSessionId: in2.readUInt32LE(4),
      consoleRandom: in2.subarray(8, 24),
      bmcRandom: in2.subarray(24, 40),
      bmcGuid: in2.subarray(40, 56),
      role: in2[56],
      userName: in2.subarray(58, 58 + in2[57]).toString('latin1'),
      userKey: key,
    };
    it('parses the capture as the spec lays RAKP 2 input out', () => {
      assert.equal(ctx.userName, 'admin');
      assert.equal(ctx.role, 0x14);
    });
    it('RAKP 2 key exchange authentication code', () => assert.equal(rakp2AuthCode(ctx).toString('hex'), cap.rakp2Mac));
    it('RAKP 3 key exchange authentication code', () => assert.equal(rakp3AuthCode(ctx).toString('hex'), cap.rakp3Mac));
    it('SIK', () => assert.equal(sessionIntegrityKey(ctx).toString('hex'), cap.sik));
    it('K1 and K2 (20-byte constants, also for SHA-256)', () => {
      assert.equal(deriveK(ctx.auth, hex('sik'), 1).toString('hex'), cap.k1);
      assert.equal(deriveK(ctx.auth, hex('sik'), 2).toString('hex'), cap.k2);
    });
    it('RAKP 4 integrity check value, truncated as the algorithm says', () => {
      const icv = rakp4Icv(ctx, hex('sik'), rakp4IcvLength(ctx.auth));
      assert.equal(icv.length, suiteId === 3 ? 12 : 16);
      assert.equal(icv.toString('hex'), cap.rakp4Mac.slice(0, icv.length * 2));
    });
  });
}

describe('integrity and confidentiality algorithms (v2.0 §13.28-13.29)', () => {
  const k1 = Buffer.alloc(20, 0x11);
  it('AuthCode lengths: HMAC-SHA1-96 12, HMAC-MD5-128 16, MD5-128 16, HMAC-SHA256-128 16', () => {
    assert.deepEqual([1, 2, 3, 4].map(integrityLength), [12, 16, 16, 16]);
    for (const alg of [1, 2, 3, 4]) assert.equal(integrityCode(alg, k1, Buffer.alloc(16), Buffer.from('x')).length, integrityLength(alg));
  });
  it('AES-CBC-128 pads with 01 02 .. N and a pad length, to 16-byte blocks, and round-trips', () => {
    const k2 = Buffer.alloc(20, 0x22);
    const iv = Buffer.alloc(16, 0x33);
    for (const n of [0, 1, 14, 15, 16, 17, 40]) {
      const plain = Buffer.alloc(n, 0xab);
      const enc = aesEncrypt(k2, iv, plain);
      assert.equal(enc.length, 16 + Math.ceil((n + 1) / 16) * 16);
      assert.deepEqual(aesDecrypt(k2, enc), plain);
    }
    assert.equal(aesDecrypt(k2, Buffer.alloc(20)), undefined);
  });
  it('AesCbc128 (one context per direction, kept across packets) gives the bytes of a fresh AES-CBC per packet', () => {
    const crypto = require('node:crypto') as typeof import('node:crypto');
    const k2 = crypto.randomBytes(20);
    const a = new AesCbc128(k2);
    const b = new AesCbc128(k2);
    for (let i = 0; i < 200; i++) {
      const plain = crypto.randomBytes(i % 70);
      const iv = crypto.randomBytes(16);
      const want = aesEncrypt(k2, iv, plain);
      const got = a.encrypt(iv, plain);
      assert.equal(Buffer.concat([iv, got]).toString('hex'), want.toString('hex'), `packet ${i}`);
      // The peer's context decrypts it, interleaved with packets it did not send and bad ones.
      assert.deepEqual(b.decrypt(want), plain, `packet ${i}`);
      assert.deepEqual(b.decrypt(aesEncrypt(k2, crypto.randomBytes(16), Buffer.from('other'))), Buffer.from('other'));
      assert.equal(b.decrypt(want.subarray(0, want.length - 1)), undefined);
    }
    // A pad length byte above 15 is refused (one block of 20h under IV 0), and the context still works afterwards.
    const forged = Buffer.concat([Buffer.alloc(16), crypto.createCipheriv('aes-128-ecb', k2.subarray(0, 16), null).setAutoPadding(false).update(Buffer.alloc(16, 0x20))]);
    assert.equal(b.decrypt(forged), undefined);
    assert.deepEqual(b.decrypt(aesEncrypt(k2, Buffer.alloc(16, 7), Buffer.from('ok'))), Buffer.from('ok'));
  });
  it('v1.5 MD5 AuthCode = MD5(password, session ID, message, sequence, password) (v2.0 §22.17.1)', () => {
    const pw = Buffer.alloc(16);
    Buffer.from('password').copy(pw);
    // Recomputed independently with node:crypto over the concatenation the spec gives.
    const msg = Buffer.from('2018c88104380e0431', 'hex');
    const want = require('node:crypto')
      .createHash('md5')
      .update(Buffer.concat([pw, Buffer.from('78563412', 'hex'), msg, Buffer.from('01000000', 'hex'), pw]))
      .digest('hex');
    assert.equal(v15AuthCode(AuthType.Md5, pw, 0x12345678, msg, 1).toString('hex'), want);
    assert.deepEqual(v15AuthCode(AuthType.Password, pw, 1, msg, 1), pw);
  });
});
