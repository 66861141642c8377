import { DecodeError } from '../../../lib/errors';
import { Codec, bits, map, rest, struct, u16le, u8 } from '../../fields';

/**
 * Field codecs shared by the storage commands (v2.0 §31 SEL, §33 SDR repository, §34 FRU) and
 * reused by the sensor/event and DCMI commands with the same layouts.
 */

/** Reservation ID, record IDs and timestamps are all little-endian (v2.0 §31-§33). */
export const reservationId = u16le;
/** "Bytes to read" value asking for the whole record (v2.0 Table 31-5, Table 33-6). */
export const READ_ENTIRE_RECORD = 0xff;
/** Record ID 0000h = first record, FFFFh = last record (v2.0 Table 31-5, Table 33-6). */
export const FIRST_RECORD_ID = 0x0000;
export const LAST_RECORD_ID = 0xffff;

/** Request of Get SDR, Get Device SDR and Get SEL Entry (v2.0 Tables 33-6, 35-3, 31-5). */
export const recordReadRequest = struct({
  /** LS byte first; 0000h is allowed when `offset` is 0 (v2.0 §33.11). */
  reservationId,
  recordId: u16le,
  offset: u8,
  /** FFh = the entire record. */
  bytesToRead: u8,
});
/** Response of the same three commands: next record ID (FFFFh after the last), then record bytes. */
export const recordReadResponse = struct({ nextRecordId: u16le, data: rest() });

/** Response of Get SDR Repository Allocation Info and Get SEL Allocation Info (v2.0 Tables 33-4, 31-3). */
export const allocationInfo = struct({
  /** Number of possible allocation units; 0000h = unspecified. */
  allocationUnits: u16le,
  /** Allocation unit size in bytes; 0000h = unspecified. */
  allocationUnitSize: u16le,
  freeAllocationUnits: u16le,
  /** Largest free block, in allocation units. */
  largestFreeBlock: u16le,
  /** Maximum record size, in allocation units. */
  maxRecordSize: u8,
});

/** Signed 16-bit little-endian (SEL Time UTC Offset, v2.0 §31.11a). */
export const s16le: Codec<number> = {
  read: (r) => {
    const v = r.u16le();
    return v >= 0x8000 ? v - 0x10000 : v;
  },
  write: (w, v) => {
    if (!Number.isInteger(v) || v < -0x8000 || v > 0x7fff) throw new RangeError(`s16: ${v} out of range`);
    w.u16le(v & 0xffff);
  },
};

/** A count byte followed by that many bytes (Read FRU Data response, DCMI Set Asset Tag request ...). */
export function countedBytes(max = 0xff): Codec<Buffer> {
  return {
    read: (r) => {
      const n = r.u8();
      if (n > max) throw new DecodeError(r.what, 'invalid', r.pos - 1, `count ${n} exceeds ${max}`);
      return Buffer.from(r.bytes(n));
    },
    write: (w, v) => {
      if (v.length > max) throw new RangeError(`${v.length} bytes, at most ${max}`);
      w.u8(v.length).bytes(v);
    },
  };
}

/** A count byte followed by that many items. */
export function countedArray<T>(item: Codec<T>, max = 0xff): Codec<T[]> {
  return {
    read: (r) => {
      const n = r.u8();
      if (n > max) throw new DecodeError(r.what, 'invalid', r.pos - 1, `count ${n} exceeds ${max}`);
      return Array.from({ length: n }, () => item.read(r));
    },
    write: (w, v) => {
      if (v.length > max) throw new RangeError(`${v.length} items, at most ${max}`);
      w.u8(v.length);
      for (const x of v) item.write(w, x);
    },
  };
}

/**
 * A 16-bit little-endian mask that may arrive as one byte (v2.0 Tables 35-11 .. 35-14 let the
 * event mask bytes stop after any byte). One byte reads as the low byte; encode writes both.
 */
export const partialMask16: Codec<number> = {
  read: (r) => (r.remaining >= 2 ? r.u16le() : r.u8()),
  write: (w, v) => {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new RangeError(`mask16: ${v} out of range`);
    w.u16le(v);
  },
};

/** One byte whose bit 0 is a flag and the other bits reserved. */
export function flagBit(bit: number): Codec<boolean> {
  return map(bits({ flag: [bit, 1] }), (v) => v.flag, (flag: boolean) => ({ flag }));
}
