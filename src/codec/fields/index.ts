import { DecodeError } from '../../lib/errors';
import { Reader } from '../wire/reader';
import { Writer } from '../wire/writer';

/**
 * A codec reads a value from a Reader and writes it to a Writer. Every command, record and
 * packet layout in the project is one composition of these, used by both the virtual BMC
 * and the client, so no byte layout is written twice.
 */
export interface Codec<T> {
  read(r: Reader): T;
  write(w: Writer, v: T): void;
}
export type ValueOf<C> = C extends Codec<infer T> ? T : never;

/** Decode a whole buffer; trailing bytes are an error unless `allowTrailing`. */
export function decode<T>(c: Codec<T>, buf: Buffer, what = 'message', allowTrailing = false): T {
  const r = new Reader(buf, what);
  const v = c.read(r);
  if (!allowTrailing) r.done();
  return v;
}
export function encode<T>(c: Codec<T>, v: T): Buffer {
  const w = new Writer();
  c.write(w, v);
  return w.take();
}

function checkRange(v: number, max: number, name: string): number {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${name}: ${v} out of range 0..${max}`);
  return v;
}

export const empty: Codec<Record<string, never>> = {
  read: () => ({}) as Record<string, never>,
  write: () => undefined,
};
export const u8: Codec<number> = { read: (r) => r.u8(), write: (w, v) => void w.u8(checkRange(v, 0xff, 'u8')) };
export const u16le: Codec<number> = {
  read: (r) => r.u16le(),
  write: (w, v) => void w.u16le(checkRange(v, 0xffff, 'u16')),
};
export const u16be: Codec<number> = {
  read: (r) => r.u16be(),
  write: (w, v) => void w.u16be(checkRange(v, 0xffff, 'u16')),
};
export const u24le: Codec<number> = {
  read: (r) => r.u24le(),
  write: (w, v) => void w.u24le(checkRange(v, 0xffffff, 'u24')),
};
export const u32le: Codec<number> = {
  read: (r) => r.u32le(),
  write: (w, v) => void w.u32le(checkRange(v, 0xffffffff, 'u32')),
};
export const u32be: Codec<number> = {
  read: (r) => r.u32be(),
  write: (w, v) => void w.u32be(checkRange(v, 0xffffffff, 'u32')),
};
/** Signed 8-bit, two's complement. */
export const s8: Codec<number> = {
  read: (r) => ((r.u8() << 24) >> 24),
  write: (w, v) => void w.u8(v & 0xff),
};

/** Exactly n bytes. */
export function bytes(n: number): Codec<Buffer> {
  return {
    read: (r) => Buffer.from(r.bytes(n)),
    write: (w, v) => {
      if (v.length !== n) throw new RangeError(`bytes(${n}): got ${v.length}`);
      w.bytes(v);
    },
  };
}
/** All remaining bytes (possibly none), optionally bounded. */
export function rest(max = Infinity): Codec<Buffer> {
  return {
    read: (r) => {
      if (r.remaining > max) throw new DecodeError(r.what, 'oversize', r.pos, `at most ${max} byte(s)`);
      return Buffer.from(r.rest());
    },
    write: (w, v) => void w.bytes(v),
  };
}

/** Fixed-width ASCII, NUL-padded on write, NULs stripped on read. */
export function asciiz(n: number): Codec<string> {
  return {
    read: (r) => {
      const b = r.bytes(n);
      const z = b.indexOf(0);
      return b.subarray(0, z < 0 ? n : z).toString('latin1');
    },
    write: (w, v) => {
      const b = Buffer.alloc(n);
      b.write(v.slice(0, n), 'latin1');
      w.bytes(b);
    },
  };
}

/**
 * Named bit fields of one byte (or little-endian word): `{ name: [lsb, width] }`.
 * Width 1 fields read as boolean, wider fields as numbers. Unnamed bits write 0.
 */
type BitSpec = Record<string, readonly [number, number]>;
type BitValues<S extends BitSpec> = { [K in keyof S]: S[K][1] extends 1 ? boolean : number };
function bitsN<S extends BitSpec>(spec: S, size: 1 | 2 | 4): Codec<BitValues<S>> {
  // Every command passes through these on every request: plain arrays and indexed loops, no
  // per-call destructuring or powers.
  const keys = Object.keys(spec);
  const scale = keys.map((k) => 2 ** spec[k][0]);
  const span = keys.map((k) => 2 ** spec[k][1]);
  const n = keys.length;
  return {
    read: (r) => {
      const b = size === 1 ? r.u8() : size === 2 ? r.u16le() : r.u32le();
      const o: Record<string, number | boolean> = {};
      for (let i = 0; i < n; i++) {
        const v = Math.floor(b / scale[i]) % span[i];
        o[keys[i]] = span[i] === 2 ? v === 1 : v;
      }
      return o as BitValues<S>;
    },
    write: (w, v) => {
      let b = 0;
      for (let i = 0; i < n; i++) {
        const raw = (v as Record<string, number | boolean>)[keys[i]];
        const x = typeof raw === 'boolean' ? (raw ? 1 : 0) : (raw ?? 0);
        if (!(x >= 0 && x < span[i] && Number.isInteger(x))) checkRange(x, span[i] - 1, keys[i]);
        b += x * scale[i];
      }
      if (size === 1) w.u8(b);
      else if (size === 2) w.u16le(b);
      else w.u32le(b);
    },
  };
}
export const bits = <const S extends BitSpec>(spec: S) => bitsN(spec, 1);
export const bits16le = <const S extends BitSpec>(spec: S) => bitsN(spec, 2);
export const bits32le = <const S extends BitSpec>(spec: S) => bitsN(spec, 4);

/** A struct: fields in wire order. */
type Fields = Record<string, Codec<any>>;
type StructValue<F extends Fields> = { [K in keyof F]: ValueOf<F[K]> } extends infer O
  ? { [K in keyof O as undefined extends O[K] ? never : K]: O[K] } & {
      [K in keyof O as undefined extends O[K] ? K : never]?: O[K];
    }
  : never;
export function struct<F extends Fields>(fields: F): Codec<StructValue<F>> {
  const keys = Object.keys(fields);
  const codecs = keys.map((k) => fields[k]);
  const n = keys.length;
  return {
    read: (r) => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const v = codecs[i].read(r);
        if (v !== undefined) o[keys[i]] = v;
      }
      return o as StructValue<F>;
    },
    write: (w, v) => {
      for (let i = 0; i < n; i++) codecs[i].write(w, (v as Record<string, unknown>)[keys[i]]);
    },
  };
}

/** Present only when bytes remain (trailing optional fields of a request or response). */
export function optional<T>(c: Codec<T>): Codec<T | undefined> {
  return {
    read: (r) => (r.remaining > 0 ? c.read(r) : undefined),
    write: (w, v) => {
      if (v !== undefined) c.write(w, v);
    },
  };
}

/** A fixed count of items. */
export function array<T>(c: Codec<T>, count: number): Codec<T[]> {
  return {
    read: (r) => Array.from({ length: count }, () => c.read(r)),
    write: (w, v) => {
      if (v.length !== count) throw new RangeError(`array(${count}): got ${v.length}`);
      for (const x of v) c.write(w, x);
    },
  };
}
/** Items until the data ends. */
export function many<T>(c: Codec<T>): Codec<T[]> {
  return {
    read: (r) => {
      const out: T[] = [];
      while (r.remaining > 0) out.push(c.read(r));
      return out;
    },
    write: (w, v) => {
      for (const x of v) c.write(w, x);
    },
  };
}

/** A byte that must be one of the listed values (e.g. an enumeration or a reserved constant). */
export function oneOf(allowed: readonly number[], name = 'value'): Codec<number> {
  const set = new Set(allowed);
  return {
    read: (r) => {
      const v = r.u8();
      if (!set.has(v)) {
        r.pos--;
        r.invalid(`${name} 0x${v.toString(16)} not one of ${allowed.map((a) => '0x' + a.toString(16)).join(', ')}`);
      }
      return v;
    },
    write: (w, v) => void w.u8(v),
  };
}

/** A constant byte sequence (written always; on read it must match). */
export function constant(b: Buffer, name = 'constant'): Codec<undefined> {
  return {
    read: (r) => {
      const got = r.bytes(b.length);
      if (!got.equals(b)) {
        r.pos -= b.length;
        r.invalid(`${name} expected ${b.toString('hex')}, got ${got.toString('hex')}`);
      }
      return undefined;
    },
    write: (w) => void w.bytes(b),
  };
}

/** Map a codec's value to another representation. */
export function map<A, B>(c: Codec<A>, to: (a: A) => B, from: (b: B) => A): Codec<B> {
  return { read: (r) => to(c.read(r)), write: (w, v) => c.write(w, from(v)) };
}

/** Two BCD digits in one byte (firmware minor revision, v2.0 Table 20-2). */
export const bcd8: Codec<number> = {
  read: (r) => {
    const b = r.u8();
    return (b >> 4) * 10 + (b & 0x0f);
  },
  write: (w, v) => void w.u8(((Math.floor(v / 10) % 10) << 4) | v % 10),
};

/** A 16-byte GUID kept as wire bytes; formatting happens above the codec. */
export const guid16 = bytes(16);
