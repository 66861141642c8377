import assert from 'node:assert/strict';
import { Codec, decode, encode } from '../../src/codec/fields';
import { DecodeError } from '../../src/lib/errors';
import { fromHex, hex } from '../../src/codec/wire/checksum';
import type { AnyCommandDef } from '../../src/codec/commands/define';

/** A golden vector: bytes and the value they mean, with where they came from. */
export interface Vector<T = unknown> {
  name: string;
  /** Where the bytes come from: a spec table, or a capture (tool + version). */
  source: string;
  hex: string;
  value: T;
}
export interface ErrorVector {
  name: string;
  hex: string;
  reason: DecodeError['reason'];
}

/** decode(hex) == value, encode(value) == hex, and the round trip, for each vector. */
export function describeCodec<T>(title: string, codec: Codec<T>, vectors: Vector<T>[], errors: ErrorVector[] = []): void {
  describe(title, () => {
    for (const v of vectors) {
      it(`${v.name} (${v.source})`, () => {
        const bytes = fromHex(v.hex);
        assert.deepEqual(decode(codec, bytes), v.value);
        assert.equal(hex(encode(codec, v.value)), hex(bytes));
        assert.deepEqual(decode(codec, encode(codec, decode(codec, bytes))), v.value);
      });
    }
    for (const e of errors) {
      it(`rejects ${e.name}`, () => {
        assert.throws(
          () => decode(codec, fromHex(e.hex)),
          (err: unknown) => err instanceof DecodeError && err.reason === e.reason,
        );
      });
    }
  });
}

/** Vectors for one command's request and response codecs. */
export function describeCommand(
  def: AnyCommandDef,
  v: { request?: Vector[]; response?: Vector[]; requestErrors?: ErrorVector[]; responseErrors?: ErrorVector[] },
): void {
  describe(`${def.name} (${def.spec})`, () => {
    if (v.request) describeCodec('request', def.request, v.request, v.requestErrors);
    if (v.response) describeCodec('response', def.response, v.response, v.responseErrors);
  });
}

/** Random bytes into a decoder: a DecodeError or a value, never another exception. */
export function fuzzDecoder(codec: Codec<unknown>, iterations = 2000, maxLen = 64): void {
  for (let i = 0; i < iterations; i++) {
    const b = Buffer.alloc(Math.floor(Math.random() * maxLen));
    for (let j = 0; j < b.length; j++) b[j] = Math.floor(Math.random() * 256);
    try {
      decode(codec, b);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw new Error(`non-DecodeError for ${b.toString('hex')}: ${e}`);
    }
  }
}
