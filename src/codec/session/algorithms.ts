import crypto from 'node:crypto';
import { md2 } from './md2';
import { HmacSha1 } from './hmac-sha1';

/**
 * RMCP+ algorithms (v2.0 §13.28) and cipher suites (v2.0 §22.15.2, Table 22-20).
 * Pure functions over bytes; callers supply random numbers and IVs.
 */
export const AuthAlg = { None: 0, HmacSha1: 1, HmacMd5: 2, HmacSha256: 3 } as const;
export const IntegrityAlg = { None: 0, HmacSha1_96: 1, HmacMd5_128: 2, Md5_128: 3, HmacSha256_128: 4 } as const;
export const ConfAlg = { None: 0, AesCbc128: 1, XRc4_128: 2, XRc4_40: 3 } as const;

export interface CipherSuite {
  id: number;
  auth: number;
  integrity: number;
  confidentiality: number;
}

/** Table 22-20. Suites using xRC4 (4, 5, 9, 10, 13, 14, 18, 19) are not implemented. */
export const CIPHER_SUITES: readonly CipherSuite[] = [
  { id: 0, auth: AuthAlg.None, integrity: IntegrityAlg.None, confidentiality: ConfAlg.None },
  { id: 1, auth: AuthAlg.HmacSha1, integrity: IntegrityAlg.None, confidentiality: ConfAlg.None },
  { id: 2, auth: AuthAlg.HmacSha1, integrity: IntegrityAlg.HmacSha1_96, confidentiality: ConfAlg.None },
  { id: 3, auth: AuthAlg.HmacSha1, integrity: IntegrityAlg.HmacSha1_96, confidentiality: ConfAlg.AesCbc128 },
  { id: 6, auth: AuthAlg.HmacMd5, integrity: IntegrityAlg.None, confidentiality: ConfAlg.None },
  { id: 7, auth: AuthAlg.HmacMd5, integrity: IntegrityAlg.HmacMd5_128, confidentiality: ConfAlg.None },
  { id: 8, auth: AuthAlg.HmacMd5, integrity: IntegrityAlg.HmacMd5_128, confidentiality: ConfAlg.AesCbc128 },
  { id: 11, auth: AuthAlg.HmacMd5, integrity: IntegrityAlg.Md5_128, confidentiality: ConfAlg.None },
  { id: 12, auth: AuthAlg.HmacMd5, integrity: IntegrityAlg.Md5_128, confidentiality: ConfAlg.AesCbc128 },
  { id: 15, auth: AuthAlg.HmacSha256, integrity: IntegrityAlg.None, confidentiality: ConfAlg.None },
  { id: 16, auth: AuthAlg.HmacSha256, integrity: IntegrityAlg.HmacSha256_128, confidentiality: ConfAlg.None },
  { id: 17, auth: AuthAlg.HmacSha256, integrity: IntegrityAlg.HmacSha256_128, confidentiality: ConfAlg.AesCbc128 },
];
export const suiteById = (id: number) => CIPHER_SUITES.find((s) => s.id === id);
export const suiteByAlgorithms = (auth: number, integ: number, conf: number) =>
  CIPHER_SUITES.find((s) => s.auth === auth && s.integrity === integ && s.confidentiality === conf);

const authHash = (alg: number): string | undefined =>
  alg === AuthAlg.HmacSha1 ? 'sha1' : alg === AuthAlg.HmacMd5 ? 'md5' : alg === AuthAlg.HmacSha256 ? 'sha256' : undefined;

/** HMAC of the RAKP authentication algorithm; empty buffer for RAKP-none (v2.0 §13.28.1). */
export function authHmac(alg: number, key: Buffer, data: Buffer): Buffer {
  // RAKP-HMAC-SHA1 keys (K_UID, K_G, SIK) are at most 20 bytes: the JS HMAC-SHA1 skips OpenSSL's
  // per-call digest fetch, which a login pays five times with cold caches.
  if (alg === AuthAlg.HmacSha1 && key.length <= 64) return new HmacSha1(key).digest(data);
  const h = authHash(alg);
  return h ? crypto.createHmac(h, key).update(data).digest() : Buffer.alloc(0);
}
/** Length of the RAKP 4 integrity check value (v2.0 §13.28: SHA1 96 bits, MD5 128, SHA256 128). */
export function rakp4IcvLength(alg: number): number {
  return alg === AuthAlg.HmacSha1 ? 12 : alg === AuthAlg.HmacMd5 ? 16 : alg === AuthAlg.HmacSha256 ? 16 : 0;
}
/** Length of the hash output, which is also the length of the K1/K2 constants. */
export function authHashLength(alg: number): number {
  return alg === AuthAlg.HmacSha1 ? 20 : alg === AuthAlg.HmacMd5 ? 16 : alg === AuthAlg.HmacSha256 ? 32 : 0;
}

/**
 * K_n = HMAC_SIK(Const_n) where Const_n is 20 bytes of n (v2.0 §13.32). The constant stays
 * 20 bytes for HMAC-SHA256 too: ipmitool 1.8.19 and FreeIPMI both use 20.
 */
export function deriveK(alg: number, sik: Buffer, n: number): Buffer {
  return authHmac(alg, sik, Buffer.alloc(20, n));
}

/** AuthCode length appended by the integrity algorithm (v2.0 §13.28.4). */
export function integrityLength(alg: number): number {
  switch (alg) {
    case IntegrityAlg.HmacSha1_96:
      return 12;
    case IntegrityAlg.HmacMd5_128:
    case IntegrityAlg.Md5_128:
    case IntegrityAlg.HmacSha256_128:
      return 16;
    default:
      return 0;
  }
}

/**
 * The integrity AuthCode over `data` (AuthType byte through Next Header). HMAC algorithms key
 * with K1; MD5-128 is MD5(password + data + password) with the user's 16-byte key.
 */
export function integrityCode(alg: number, k1: Buffer, userKey: Buffer, data: Buffer): Buffer {
  switch (alg) {
    case IntegrityAlg.HmacSha1_96:
      return crypto.createHmac('sha1', k1).update(data).digest().subarray(0, 12);
    case IntegrityAlg.HmacMd5_128:
      return crypto.createHmac('md5', k1).update(data).digest();
    case IntegrityAlg.Md5_128:
      return crypto.createHash('md5').update(userKey).update(data).update(userKey).digest();
    case IntegrityAlg.HmacSha256_128:
      return crypto.createHmac('sha256', k1).update(data).digest().subarray(0, 16);
    default:
      return Buffer.alloc(0);
  }
}

/**
 * AES-CBC-128 payload (v2.0 §13.29): IV, then the encrypted payload with confidentiality pad
 * bytes 01h, 02h, ... and a pad length byte, to a multiple of 16. Key = first 16 bytes of K2.
 */
export function aesEncrypt(k2: Buffer, iv: Buffer, plain: Buffer): Buffer {
  const c = crypto.createCipheriv('aes-128-cbc', k2.subarray(0, 16), iv);
  c.setAutoPadding(false);
  return Buffer.concat([iv, c.update(confidentialityPad(plain)), c.final()]);
}

/** `plain` followed by the confidentiality pad 01h, 02h, ... and the pad length, to a multiple of 16 (v2.0 §13.29), in a new buffer. */
function confidentialityPad(plain: Buffer): Buffer {
  return writePad(Buffer.allocUnsafe(padded(plain.length)), plain);
}

const padded = (n: number) => n + 1 + ((16 - ((n + 1) % 16)) % 16);

function writePad(b: Buffer, plain: Buffer): Buffer {
  const padLen = b.length - 1 - plain.length;
  b.set(plain, 0);
  for (let i = 0; i < padLen; i++) b[plain.length + i] = i + 1;
  b[b.length - 1] = padLen;
  return b;
}

/**
 * confidentialityPad() into a shared scratch block, for input that a cipher consumes before
 * anything else runs (AesCbc128.encrypt): one view per padded length, made once, so the request
 * path allocates nothing for it. Longer payloads than the scratch get a buffer of their own.
 */
const PAD_SCRATCH = Buffer.alloc(512);
const PAD_VIEWS: Buffer[] = [];
function padInScratch(plain: Buffer): Buffer {
  const n = padded(plain.length);
  if (n > PAD_SCRATCH.length) return confidentialityPad(plain);
  const view = (PAD_VIEWS[n >> 4] ??= PAD_SCRATCH.subarray(0, n));
  return writePad(view, plain);
}

/** The payload of decrypted bytes `b[from..]` without the confidentiality pad; undefined when the pad length does not fit. */
function confidentialityUnpad(b: Buffer, from: number): Buffer | undefined {
  const padLen = b[b.length - 1];
  if (padLen > 15 || padLen + 1 > b.length - from) return undefined;
  return b.subarray(from, b.length - 1 - padLen);
}

/**
 * AES-CBC-128 for one session (v2.0 §13.29), the same bytes as aesEncrypt/aesDecrypt but over
 * one long-lived OpenSSL context per direction instead of a new one per packet (a third of the
 * cost). CBC chains each block to the previous ciphertext block; a context left over from the
 * last packet chains to that packet's last block, so when encrypting, the first block of a new
 * packet is corrected by XOR with (packet IV ^ context's last block): E(P1 ^ IV) = E((P1 ^ IV ^ L) ^ L);
 * when decrypting, the IV block itself goes in first. Only whole blocks ever enter a context,
 * so its state is always exactly "last block".
 */
export class AesCbc128 {
  private enc?: crypto.Cipher;
  private dec?: crypto.Decipher;
  /** The last ciphertext block the encrypting context has chained to (its initial IV is zero). */
  private readonly encLast = Buffer.alloc(16);
  private readonly key: Buffer;

  constructor(k2: Buffer) {
    this.key = Buffer.from(k2.subarray(0, 16));
  }

  /**
   * The encrypted payload without its IV: `plain`, the confidentiality pad and pad length,
   * encrypted under the 16 bytes of `iv` from `ivOff`.
   */
  encrypt(iv: Buffer, plain: Buffer, ivOff = 0): Buffer {
    const b = padInScratch(plain);
    const last = this.encLast;
    for (let i = 0; i < 16; i++) b[i] ^= iv[ivOff + i] ^ last[i];
    if (!this.enc) {
      this.enc = crypto.createCipheriv('aes-128-cbc', this.key, Buffer.alloc(16));
      this.enc.setAutoPadding(false);
    }
    const out = this.enc.update(b);
    for (let i = 0, j = out.length - 16; i < 16; i++, j++) last[i] = out[j];
    return out;
  }

  /**
   * IV + ciphertext in, plaintext without pad out; undefined when it is not a valid AES-CBC-128
   * payload. The IV goes through the context too: its own output is discarded, and it leaves the
   * context chained to the IV, so the first real block comes out right with no correction.
   */
  decrypt(data: Buffer): Buffer | undefined {
    if (data.length < 32 || data.length % 16 !== 0) return undefined;
    if (!this.dec) {
      this.dec = crypto.createDecipheriv('aes-128-cbc', this.key, Buffer.alloc(16));
      this.dec.setAutoPadding(false);
    }
    const out = this.dec.update(data);
    if (out.length !== data.length) {
      // Not expected with padding off; start over with a fresh context rather than chain wrongly.
      this.dec = undefined;
      return aesDecrypt(this.key, data);
    }
    return confidentialityUnpad(out, 16);
  }
}

/** Returns undefined when the data is not a valid AES-CBC-128 payload. */
export function aesDecrypt(k2: Buffer, data: Buffer): Buffer | undefined {
  if (data.length < 32 || data.length % 16 !== 0) return undefined;
  const d = crypto.createDecipheriv('aes-128-cbc', k2.subarray(0, 16), data.subarray(0, 16));
  d.setAutoPadding(false);
  return confidentialityUnpad(Buffer.concat([d.update(data.subarray(16)), d.final()]), 0);
}

/** IPMI v1.5 authentication types (v2.0 §13.6, Table 13-8). */
export const AuthType = { None: 0, Md2: 1, Md5: 2, Password: 4, Oem: 5, RmcpPlus: 6 } as const;

/**
 * v1.5 AuthCode (v2.0 §22.17.1, Table 22-22): MD5 or MD2 of (password, session ID, message,
 * session sequence, password) with a 16-byte password; straight password = the password itself.
 * MD2 is ours (session/md2.ts): OpenSSL 3 has none.
 */
export function v15AuthCode(type: number, password16: Buffer, sessionId: number, message: Buffer, seq: number): Buffer {
  if (type === AuthType.Password) return password16;
  if (type === AuthType.Md5 || type === AuthType.Md2) {
    const id = Buffer.alloc(4);
    id.writeUInt32LE(sessionId >>> 0);
    const sq = Buffer.alloc(4);
    sq.writeUInt32LE(seq >>> 0);
    if (type === AuthType.Md2) return md2(password16, id, message, sq, password16);
    return crypto.createHash('md5').update(password16).update(id).update(message).update(sq).update(password16).digest();
  }
  return Buffer.alloc(16);
}
