import { DecodeError } from '../../lib/errors';

/** A cursor over a Buffer; every read past the end throws DecodeError('short'). */
export class Reader {
  pos = 0;
  constructor(
    readonly buf: Buffer,
    /** What is being decoded, for error messages. */
    readonly what = 'message',
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }
  get remaining(): number {
    return this.end - this.pos;
  }
  need(n: number): void {
    if (this.pos + n > this.end)
      throw new DecodeError(this.what, 'short', this.pos, `need ${n} byte(s), have ${this.end - this.pos}`);
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }
  u16le(): number {
    this.need(2);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }
  u16be(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u24le(): number {
    this.need(3);
    const v = this.buf.readUIntLE(this.pos, 3);
    this.pos += 3;
    return v;
  }
  u32le(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  u32be(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  rest(): Buffer {
    const v = this.buf.subarray(this.pos, this.end);
    this.pos = this.end;
    return v;
  }
  peek(): number {
    this.need(1);
    return this.buf[this.pos];
  }
  /** Throws DecodeError('trailing') when bytes are left over. */
  done(): void {
    if (this.pos !== this.end)
      throw new DecodeError(this.what, 'trailing', this.pos, `${this.end - this.pos} unexpected trailing byte(s)`);
  }
  invalid(detail: string): never {
    throw new DecodeError(this.what, 'invalid', this.pos, detail);
  }
}
