import type { FrameSink } from './basic';

/**
 * IPMI serial Terminal Mode framing (v2.0 §14.7, "Terminal Mode Message Syntax"): a message is
 * '[', hex-ASCII pairs (upper or lower case, optionally separated by spaces), ']', then a line
 * ending. ipmitool 1.8.19 sends `[b0040000]\r\n` (lowercase, no spaces) and accepts replies in
 * uppercase (our serial notes' captures). Text commands (SYS ...) are not supported.
 */
export const MAX_TERMINAL_LINE = 1200;

/** '[' + uppercase hex + ']' CR LF. */
export function encodeTerminalFrame(message: Uint8Array): Buffer {
  return Buffer.from(`[${Buffer.from(message).toString('hex').toUpperCase()}]\r\n`, 'latin1');
}

/** Collects bracketed hex messages from a byte stream; anything outside brackets is ignored. */
export class TerminalDecoder {
  private text = '';
  private inFrame = false;
  constructor(private readonly sink: FrameSink) {}

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.char(String.fromCharCode(b));
  }

  private char(c: string): void {
    if (c === '[') {
      if (this.inFrame && this.text.length > 0) this.sink.garbage?.("'[' inside a message; partial message dropped");
      this.inFrame = true;
      this.text = '';
      return;
    }
    if (!this.inFrame) return;
    if (c === ']') {
      this.inFrame = false;
      const hex = this.text.replace(/[ \t]/g, '');
      this.text = '';
      if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) return this.sink.garbage?.(`not a hex message: [${hex.slice(0, 40)}]`);
      this.sink.frame(Buffer.from(hex, 'hex'));
      return;
    }
    if (c === '\r' || c === '\n') {
      this.inFrame = false;
      this.text = '';
      return this.sink.garbage?.('line ended inside a message');
    }
    this.text += c;
    if (this.text.length > MAX_TERMINAL_LINE) {
      this.inFrame = false;
      this.text = '';
      this.sink.garbage?.(`message longer than ${MAX_TERMINAL_LINE} characters`);
    }
  }
}
