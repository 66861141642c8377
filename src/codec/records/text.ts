/**
 * The string encodings shared by SDR ID strings (v2.0 §43.15, "Type/Length Byte Format") and
 * FRU type/length fields (Platform Management FRU Information Storage Definition v1.0 §13.1):
 * type code [7:6] = 00b binary (FRU) / Unicode (SDR), 01b BCD plus, 10b 6-bit ASCII packed,
 * 11b 8-bit ASCII + Latin-1.
 */

/** A decoded string field. Plain strings are 8-bit ASCII + Latin-1 (type 11b), the common case. */
export type TypedText =
  | string
  | { encoding: 'bcdPlus' | 'ascii6'; text: string }
  /** Type 00b: FRU "binary or unspecified", SDR "Unicode". Kept as bytes. */
  | { encoding: 'binary' | 'unicode'; bytes: Buffer };

/** Type codes, bits [7:6] of a type/length byte. */
export const TextTypeCode = { binary: 0, bcdPlus: 1, ascii6: 2, latin1: 3 } as const;

// v2.0 §43.15: BCD plus is 0h-9h digits, Ah space, Bh dash, Ch period; Dh-Fh are reserved.
// ipmitool (lib/ipmi_fru.c get_fru_area_str) prints the reserved nibbles as ':', ',' and '_' and
// reads the high nibble first; we do the same so its output and ours agree. FreeIPMI instead
// treats each byte as one digit (libfreeipmi/fru/ipmi-fru.c _bcd_to_ascii).
const BCD_PLUS = '0123456789 -.:,_';

export function decodeBcdPlus(b: Uint8Array): string {
  let s = '';
  for (const byte of b) s += BCD_PLUS[byte >> 4] + BCD_PLUS[byte & 0x0f];
  return s;
}

/** Two characters per byte, high nibble first; an odd-length string is padded with a space. */
export function encodeBcdPlus(s: string): Buffer {
  const nibbles = [...s].map((c) => {
    const n = BCD_PLUS.indexOf(c);
    if (n < 0) throw new RangeError(`BCD plus cannot encode ${JSON.stringify(c)}`);
    return n;
  });
  if (nibbles.length % 2) nibbles.push(0x0a);
  const out = Buffer.alloc(nibbles.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (nibbles[2 * i] << 4) | nibbles[2 * i + 1];
  return out;
}

/**
 * 6-bit packed ASCII (FRU v1.0 §13.1, worked example "IPMI" = 29h DCh A6h): each character is
 * (ASCII - 20h) in six bits, packed from the least significant bit of the first byte upward.
 * n bytes carry floor(8n/6) characters; trailing padding bits decode as spaces, as ipmitool does.
 */
export function decodeAscii6(b: Uint8Array): string {
  const count = Math.floor((b.length * 8) / 6);
  let s = '';
  for (let i = 0; i < count; i++) {
    const bit = i * 6;
    const byte = bit >> 3;
    const word = b[byte] | ((b[byte + 1] ?? 0) << 8);
    s += String.fromCharCode(((word >> (bit & 7)) & 0x3f) + 0x20);
  }
  return s;
}

export function encodeAscii6(s: string): Buffer {
  const out = Buffer.alloc(Math.ceil((s.length * 6) / 8));
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x5f) throw new RangeError(`6-bit ASCII cannot encode ${JSON.stringify(s[i])} (only 20h-5Fh)`);
    const bit = i * 6;
    const byte = bit >> 3;
    const v = (c - 0x20) << (bit & 7);
    out[byte] |= v & 0xff;
    if (v > 0xff) out[byte + 1] |= v >> 8;
  }
  return out;
}

/** Decode the data bytes of a field whose type code is already known. */
export function decodeTypedText(typeCode: number, data: Buffer, zeroType: 'binary' | 'unicode'): TypedText {
  switch (typeCode) {
    case TextTypeCode.bcdPlus:
      return { encoding: 'bcdPlus', text: decodeBcdPlus(data) };
    case TextTypeCode.ascii6:
      return { encoding: 'ascii6', text: decodeAscii6(data) };
    case TextTypeCode.latin1:
      return data.toString('latin1');
    default:
      return { encoding: zeroType, bytes: Buffer.from(data) };
  }
}

/** The type code and data bytes that represent a field value. */
export function encodeTypedText(v: TypedText): { typeCode: number; data: Buffer } {
  if (typeof v === 'string') return { typeCode: TextTypeCode.latin1, data: Buffer.from(v, 'latin1') };
  switch (v.encoding) {
    case 'bcdPlus':
      return { typeCode: TextTypeCode.bcdPlus, data: encodeBcdPlus(v.text) };
    case 'ascii6':
      return { typeCode: TextTypeCode.ascii6, data: encodeAscii6(v.text) };
    default:
      return { typeCode: TextTypeCode.binary, data: v.bytes };
  }
}

/** Readable text of a field: the string itself, or hex bytes for binary/Unicode fields. */
export function typedTextString(v: TypedText): string {
  if (typeof v === 'string') return v;
  if ('text' in v) return v.text;
  return v.bytes.toString('hex');
}
