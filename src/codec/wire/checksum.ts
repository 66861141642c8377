/** IPMI 2's-complement checksum: the byte that makes the 8-bit sum of the range zero (v2.0 §13.8). */
export function checksum(buf: Uint8Array, start = 0, end = buf.length): number {
  let s = 0;
  for (let i = start; i < end; i++) s = (s + buf[i]) & 0xff;
  return -s & 0xff;
}

/** Spaced lowercase hex, for logs and test diffs. */
export function hex(buf: Uint8Array): string {
  return Buffer.from(buf).toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

/** Parse hex with optional spaces/colons/0x prefixes. */
export function fromHex(s: string): Buffer {
  const clean = s.replace(/0x/gi, '').replace(/[^0-9a-fA-F]/g, '');
  if (clean.length % 2) throw new RangeError(`odd hex length: ${s}`);
  return Buffer.from(clean, 'hex');
}
