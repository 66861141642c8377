/**
 * Deterministic pseudo-random numbers addressed by (seed, index) rather than drawn in sequence,
 * so a behaviour's value at any time is a pure function of that time: nothing needs to run
 * between reads, and two reads of the same instant agree.
 */

/** FNV-1a, 32 bits: a string seed (profile, device, sensor name) as a number. */
export function hashSeed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The MurmurHash3 finaliser: spreads every input bit over the output. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) for (seed, k); k may be any integer a double holds exactly. */
export function rand01(seed: number, k: number): number {
  const lo = k >>> 0;
  const hi = Math.floor(k / 0x1_0000_0000) >>> 0;
  return fmix(seed ^ fmix(lo ^ Math.imul(hi, 0x9e3779b1))) / 0x1_0000_0000;
}

/** A number in [-1, 1) for (seed, k). */
export function randSigned(seed: number, k: number): number {
  return 2 * rand01(seed, k) - 1;
}
