/**
 * HMAC-SHA1 (RFC 2104 over FIPS 180-4 SHA-1) with the key's inner and outer pad blocks hashed
 * once, for the per-packet AuthCode of HMAC-SHA1-96 (v2.0 §13.28.4). An RMCP+ session keys
 * every packet with the same K1, and node:crypto can only start each HMAC from the key again
 * (createHmac costs twice the digest); starting from the saved states halves the AuthCode's
 * cost on the request path. test/codec/session/hmac-sha1.test.ts checks it against node:crypto.
 */

const W = new Int32Array(80);
/** The round constants of rounds 40-59 and 60-79 as signed 32-bit values (FIPS 180-4 §4.2.1). */
const K3 = 0x8f1bbcdc | 0;
const K4 = 0xca62c1d6 | 0;
/** One last block or two, with the SHA-1 padding (FIPS 180-4 §5.1.1). */
const TAIL = new Uint8Array(128);

/** The SHA-1 compression function (FIPS 180-4 §6.1.2) over the 64-byte block at `off`. */
function compress(h: Int32Array, b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4) W[i] = (b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3];
  for (let i = 16; i < 80; i++) {
    const x = W[i - 3] ^ W[i - 8] ^ W[i - 14] ^ W[i - 16];
    W[i] = (x << 1) | (x >>> 31);
  }
  let a = h[0];
  let bb = h[1];
  let c = h[2];
  let d = h[3];
  let e = h[4];
  for (let i = 0; i < 80; i++) {
    let f: number;
    if (i < 20) f = (((bb & c) | (~bb & d)) + 0x5a827999) | 0;
    else if (i < 40) f = ((bb ^ c ^ d) + 0x6ed9eba1) | 0;
    else if (i < 60) f = (((bb & c) | (bb & d) | (c & d)) + K3) | 0;
    else f = ((bb ^ c ^ d) + K4) | 0;
    const t = (((((a << 5) | (a >>> 27)) + f) | 0) + ((e + W[i]) | 0)) | 0;
    e = d;
    d = c;
    c = (bb << 30) | (bb >>> 2);
    bb = a;
    a = t;
  }
  h[0] = (h[0] + a) | 0;
  h[1] = (h[1] + bb) | 0;
  h[2] = (h[2] + c) | 0;
  h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0;
}

/** Continue the hash in `h` (which has already taken `prefix` bytes, a multiple of 64) over `data`, and finish it. */
function finish(h: Int32Array, prefix: number, data: Uint8Array, dataOff: number, dataLen: number): void {
  let p = dataOff;
  const end = dataOff + dataLen;
  for (; end - p >= 64; p += 64) compress(h, data, p);
  const rest = end - p;
  TAIL.set(data.subarray(p, end), 0);
  TAIL[rest] = 0x80;
  const blocks = rest + 9 <= 64 ? 1 : 2;
  const lenAt = blocks * 64 - 8;
  TAIL.fill(0, rest + 1, lenAt);
  // Message length in bits, 64-bit big-endian; IPMI messages are far below 2^29 bytes.
  const bits = (prefix + dataLen) * 8;
  TAIL[lenAt] = 0;
  TAIL[lenAt + 1] = 0;
  TAIL[lenAt + 2] = 0;
  TAIL[lenAt + 3] = Math.floor(bits / 2 ** 32) & 0xff;
  TAIL[lenAt + 4] = (bits >>> 24) & 0xff;
  TAIL[lenAt + 5] = (bits >>> 16) & 0xff;
  TAIL[lenAt + 6] = (bits >>> 8) & 0xff;
  TAIL[lenAt + 7] = bits & 0xff;
  compress(h, TAIL, 0);
  if (blocks === 2) compress(h, TAIL, 64);
}

const SHA1_IV = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];

export class HmacSha1 {
  private readonly inner = new Int32Array(5);
  private readonly outer = new Int32Array(5);
  private readonly h = new Int32Array(5);
  private readonly mid = new Uint8Array(20);

  constructor(key: Buffer) {
    if (key.length > 64) throw new RangeError('HMAC-SHA1 keys above 64 bytes are not used by IPMI');
    const pad = new Uint8Array(64);
    for (const [state, byte] of [
      [this.inner, 0x36],
      [this.outer, 0x5c],
    ] as const) {
      pad.fill(byte);
      for (let i = 0; i < key.length; i++) pad[i] ^= key[i];
      state.set(SHA1_IV);
      compress(state, pad, 0);
    }
  }

  /**
   * The 20-byte HMAC of `data` (or of its `dataLen` bytes from `dataOff`), written into `out` at
   * `outOff` (first `len` bytes only). `out` may be `data` past the hashed range.
   */
  digestInto(data: Uint8Array, out: Uint8Array, outOff: number, len = 20, dataOff = 0, dataLen = data.length - dataOff): void {
    const h = this.h;
    h.set(this.inner);
    finish(h, 64, data, dataOff, dataLen);
    const mid = this.mid;
    for (let i = 0; i < 5; i++) {
      mid[i * 4] = h[i] >>> 24;
      mid[i * 4 + 1] = (h[i] >>> 16) & 0xff;
      mid[i * 4 + 2] = (h[i] >>> 8) & 0xff;
      mid[i * 4 + 3] = h[i] & 0xff;
    }
    h.set(this.outer);
    finish(h, 64, mid, 0, 20);
    for (let i = 0; i < len; i++) out[outOff + i] = (h[i >> 2] >>> (24 - 8 * (i & 3))) & 0xff;
  }

  digest(data: Uint8Array): Buffer {
    const out = Buffer.allocUnsafe(20);
    this.digestInto(data, out, 0);
    return out;
  }
}
