import assert from 'node:assert/strict';
import { randomBytes, randomPool, randomUInt32, takeRandom } from '../../src/lib/random';

describe('pooled random bytes (src/lib/random.ts)', () => {
  it('hands out each pool byte once, then refills the pool with new bytes', () => {
    const pool = randomPool();
    const seen: number[] = [];
    const before = Buffer.from(pool);
    // Walk far enough to force at least two refills; offsets never overlap within one fill.
    let last = -1;
    let refills = 0;
    for (let i = 0; i < 700; i++) {
      const o = takeRandom(16);
      if (o <= last) refills++;
      else if (last >= 0) assert.equal(o, last + 16, 'consecutive takes are adjacent');
      last = o;
      seen.push(o);
    }
    assert.ok(refills >= 2, `expected refills, saw ${refills}`);
    assert.equal(randomPool(), pool, 'the pool is one buffer, refilled in place');
    assert.notDeepEqual(Buffer.from(pool), before);
  });

  it('randomBytes gives a buffer of its own that later takes do not change', () => {
    const a = randomBytes(16);
    const copy = Buffer.from(a);
    for (let i = 0; i < 600; i++) takeRandom(16);
    assert.equal(a.length, 16);
    assert.deepEqual(a, copy);
    assert.notEqual(a.buffer, randomPool().buffer);
    // Above the pool's per-take limit it goes to node:crypto directly.
    assert.equal(randomBytes(1000).length, 1000);
  });

  it('refuses takes above 256 bytes', () => {
    assert.throws(() => takeRandom(257), RangeError);
  });

  it('random values look random: 2000 UInt32s are distinct and cover both halves of the range', () => {
    const xs = Array.from({ length: 2000 }, () => randomUInt32());
    assert.equal(new Set(xs).size, xs.length);
    for (const x of xs) assert.ok(Number.isInteger(x) && x >= 0 && x <= 0xffffffff);
    const high = xs.filter((x) => x >= 0x80000000).length;
    assert.ok(high > 850 && high < 1150, `${high} of 2000 in the upper half`);
  });
});
