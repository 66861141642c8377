/**
 * IPMI serial Basic Mode framing (v2.0 §14.4, Table 14-4 "Basic Mode Special Characters"):
 * a packet is A0h (start), the IPMB-format message with special bytes escaped, A5h (stop).
 * A6h is the packet handshake, which a BMC may send after receiving a packet; AAh is the data
 * escape; a raw 1Bh (ESC) aborts the packet being received.
 *
 * Escapes (v2.0 Table 14-5): A0h -> AAh B0h, A5h -> AAh B5h, A6h -> AAh B6h, AAh -> AAh BAh,
 * 1Bh -> AAh 3Bh. ipmitool 1.8.19 escapes the same set (a checksum of 1Bh is sent as AA 3B,
 * captured in our serial notes).
 */
export const BasicChar = { Start: 0xa0, Stop: 0xa5, Handshake: 0xa6, Escape: 0xaa, Esc: 0x1b } as const;

const ESCAPE: ReadonlyMap<number, number> = new Map([
  [0xa0, 0xb0],
  [0xa5, 0xb5],
  [0xa6, 0xb6],
  [0xaa, 0xba],
  [0x1b, 0x3b],
]);
const UNESCAPE: ReadonlyMap<number, number> = new Map([...ESCAPE].map(([k, v]) => [v, k]));

/** Longest message we accept between start and stop (unescaped): a 256-byte IPMI message plus headers. */
export const MAX_BASIC_MESSAGE = 300;

/** A0h, the escaped message, A5h. */
export function encodeBasicFrame(message: Uint8Array): Buffer {
  const out: number[] = [BasicChar.Start];
  for (const b of message) {
    const e = ESCAPE.get(b);
    if (e === undefined) out.push(b);
    else out.push(BasicChar.Escape, e);
  }
  out.push(BasicChar.Stop);
  return Buffer.from(out);
}

export interface FrameSink {
  /** A complete frame's content (unescaped message bytes, or a terminal-mode line's bytes). */
  frame(payload: Buffer): void;
  /** Basic mode A6h. */
  handshake?(): void;
  /** Bytes that could not be framed (bad escape, overlong, bad hex), for counters and logs. */
  garbage?(reason: string): void;
}

/** Reassembles Basic Mode frames from a byte stream that arrives in arbitrary chunks. */
export class BasicDecoder {
  private buf: number[] = [];
  private inFrame = false;
  private escaped = false;
  constructor(private readonly sink: FrameSink) {}

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.byte(b);
  }

  private abort(reason: string): void {
    this.inFrame = false;
    this.escaped = false;
    this.buf = [];
    this.sink.garbage?.(reason);
  }

  private byte(b: number): void {
    if (b === BasicChar.Handshake) return void this.sink.handshake?.();
    if (b === BasicChar.Start) {
      if (this.inFrame && this.buf.length > 0) this.sink.garbage?.('start character inside a packet; partial packet dropped');
      this.inFrame = true;
      this.escaped = false;
      this.buf = [];
      return;
    }
    if (!this.inFrame) return;
    if (b === BasicChar.Stop) {
      if (this.escaped) return this.abort('stop character right after the escape character');
      const payload = Buffer.from(this.buf);
      this.inFrame = false;
      this.buf = [];
      if (payload.length > 0) this.sink.frame(payload);
      return;
    }
    if (b === BasicChar.Esc) return this.abort('ESC (1Bh) aborted the packet');
    if (this.escaped) {
      this.escaped = false;
      const u = UNESCAPE.get(b);
      if (u === undefined) return this.abort(`invalid escape sequence AAh ${b.toString(16).padStart(2, '0')}h`);
      this.buf.push(u);
    } else if (b === BasicChar.Escape) this.escaped = true;
    else this.buf.push(b);
    if (this.buf.length > MAX_BASIC_MESSAGE) this.abort(`packet longer than ${MAX_BASIC_MESSAGE} bytes`);
  }
}
