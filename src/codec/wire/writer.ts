const EMPTY = Buffer.alloc(0);

/** A growable byte writer. */
export class Writer {
  private buf: Buffer;
  length = 0;
  constructor(initial = 64) {
    this.buf = Buffer.allocUnsafe(initial);
  }
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  u8(v: number): this {
    this.room(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }
  u16le(v: number): this {
    this.room(2);
    this.buf.writeUInt16LE(v & 0xffff, this.length);
    this.length += 2;
    return this;
  }
  u16be(v: number): this {
    this.room(2);
    this.buf.writeUInt16BE(v & 0xffff, this.length);
    this.length += 2;
    return this;
  }
  u24le(v: number): this {
    this.room(3);
    this.buf.writeUIntLE(v & 0xffffff, this.length, 3);
    this.length += 3;
    return this;
  }
  u32le(v: number): this {
    this.room(4);
    this.buf.writeUInt32LE(v >>> 0, this.length);
    this.length += 4;
    return this;
  }
  u32be(v: number): this {
    this.room(4);
    this.buf.writeUInt32BE(v >>> 0, this.length);
    this.length += 4;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }
  /** A copy of what was written. */
  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length));
  }
  /** What was written, without a copy; the writer is not used again after this. */
  take(): Buffer {
    const b = this.buf.subarray(0, this.length);
    this.buf = EMPTY;
    this.length = 0;
    return b;
  }
}
