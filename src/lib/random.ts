import crypto from 'node:crypto';

/**
 * Cryptographically random bytes drawn from a block filled by node:crypto 4 KiB at a time.
 * Each node:crypto call (randomBytes, randomFillSync) costs a trip into OpenSSL of about a
 * microsecond whatever its size; a login needs several small random values (session IDs,
 * RAKP random numbers, challenges, sequence numbers) and every encrypted packet an IV. The
 * bytes are the same CSPRNG output either way; each byte is handed out once.
 */
const POOL = Buffer.alloc(4096);
let at = POOL.length;

/** Offset in `randomPool()` of `n` (at most 256) fresh random bytes, valid until the next call. */
export function takeRandom(n: number): number {
  if (n > 256) throw new RangeError('takeRandom: at most 256 bytes at a time');
  if (at + n > POOL.length) {
    crypto.randomFillSync(POOL);
    at = 0;
  }
  const o = at;
  at += n;
  return o;
}

/** The pool `takeRandom()` offsets point into. Read the bytes before taking more. */
export function randomPool(): Buffer {
  return POOL;
}

/** `n` random bytes in a buffer of their own. */
export function randomBytes(n: number): Buffer {
  if (n > 256) return crypto.randomBytes(n);
  const o = takeRandom(n);
  return Buffer.from(POOL.subarray(o, o + n));
}

/** A random unsigned 32-bit integer. */
export function randomUInt32(): number {
  return POOL.readUInt32LE(takeRandom(4));
}
