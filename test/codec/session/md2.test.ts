import assert from 'node:assert/strict';
import { md2 } from '../../../src/codec/session/md2';
import { AuthType, v15AuthCode } from '../../../src/codec/session/algorithms';

describe('MD2 (RFC 1319) for IPMI v1.5 MD2 authentication', () => {
  // RFC 1319 appendix A.5, the test suite.
  const suite: Array<[string, string]> = [
    ['', '8350e5a3e24c153df2275c9f80692773'],
    ['a', '32ec01ec4a6dac72c0ab96fb34c0b5d1'],
    ['abc', 'da853b0d3f88d99b30283a69e6ded6bb'],
    ['message digest', 'ab4f496bfb2a530b219ff33031fe06b0'],
    ['abcdefghijklmnopqrstuvwxyz', '4e8ddff3650292ab5a4108c3aa47940b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'da33def2a42df13975352846c30338cd'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', 'd5976f79d83d3a0dc9806c3c66f3efd8'],
  ];
  for (const [input, digest] of suite)
    it(`MD2("${input.length > 20 ? input.slice(0, 20) + '...' : input}") = ${digest}`, () => {
      assert.equal(md2(Buffer.from(input, 'latin1')).toString('hex'), digest);
    });

  it('parts hash as their concatenation, at every split of a 40-byte input', () => {
    const data = Buffer.from(Array.from({ length: 40 }, (_, i) => (i * 37 + 11) & 0xff));
    const whole = md2(data).toString('hex');
    for (let i = 0; i <= data.length; i++) assert.equal(md2(data.subarray(0, i), data.subarray(i)).toString('hex'), whole, `split at ${i}`);
  });

  it('the v1.5 AuthCode: MD2(password, session ID, message, sequence, password) (v2.0 §22.17.1)', () => {
    const pw = Buffer.alloc(16);
    pw.write('password');
    const msg = Buffer.from('20183bc8810c01', 'hex');
    const id = Buffer.from([0x78, 0x56, 0x34, 0x12]);
    const seq = Buffer.from([0x05, 0x00, 0x00, 0x00]);
    assert.equal(v15AuthCode(AuthType.Md2, pw, 0x12345678, msg, 5).toString('hex'), md2(pw, id, msg, seq, pw).toString('hex'));
  });
});
