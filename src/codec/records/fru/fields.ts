import { DecodeError } from '../../../lib/errors';
import { Reader } from '../../wire/reader';
import { Writer } from '../../wire/writer';
import { TypedText, decodeTypedText, encodeTypedText } from '../text';

/**
 * FRU type/length fields (Platform Management FRU Information Storage Definition v1.0 rev 1.3,
 * §13.1, Table 13-1): [7:6] type (00b binary, 01b BCD plus, 10b 6-bit ASCII, 11b 8-bit ASCII +
 * Latin-1), [5:0] number of data bytes. C1h ends the fields of an area.
 *
 * Deviation: the spec reads type 11b as 2-byte Unicode when the area's language code is not
 * English. ipmitool always prints it as 8-bit text (lib/ipmi_fru.c get_fru_area_str) and so do
 * the BMCs it is used against; we keep the bytes as Latin-1 text whatever the language code.
 */
export const FRU_END_OF_FIELDS = 0xc1;
/** FRU v1.0 §13.1: C0h = an empty field (8-bit type, length 0). */
export const FRU_EMPTY_FIELD = 0xc0;

/** Where decode problems that real tools tolerate are collected (checksums, missing end marker). */
export interface FruDecodeContext {
  warnings: string[];
  /** When true, every tolerated problem is a DecodeError instead of a warning. */
  strict: boolean;
}
export function fruWarn(ctx: FruDecodeContext, r: Reader, offset: number, msg: string): void {
  if (ctx.strict) throw new DecodeError(r.what, 'invalid', offset, msg);
  ctx.warnings.push(`${r.what}: ${msg} at offset ${offset}`);
}

/**
 * Read type/length fields until C1h or the end of the reader's range. The first `named` are
 * the area's defined fields; the rest are custom fields. A missing end marker or missing
 * defined fields are warnings (the defined fields then read as empty strings).
 */
export function readFruFields(r: Reader, named: number, ctx: FruDecodeContext): { fields: TypedText[]; custom: TypedText[] } {
  const all: TypedText[] = [];
  let ended = false;
  while (r.remaining > 0) {
    const tl = r.u8();
    if (tl === FRU_END_OF_FIELDS) {
      ended = true;
      break;
    }
    all.push(decodeTypedText(tl >> 6, r.bytes(tl & 0x3f), 'binary'));
  }
  if (!ended) fruWarn(ctx, r, r.pos, 'no end-of-fields marker (C1h)');
  if (all.length < named) fruWarn(ctx, r, r.pos, `${all.length} of ${named} defined fields present`);
  while (all.length < named) all.push('');
  return { fields: all.slice(0, named), custom: all.slice(named) };
}

/** Write one type/length field. */
export function writeFruField(w: Writer, v: TypedText): void {
  const { typeCode, data } = encodeTypedText(v);
  if (data.length > 0x3f) throw new RangeError(`FRU field is ${data.length} bytes, at most 63`);
  const tl = (typeCode << 6) | data.length;
  // FRU v1.0 §13.1: C1h is the end-of-fields marker, so a 1-byte 8-bit field cannot be written.
  if (tl === FRU_END_OF_FIELDS) throw new RangeError(`FRU field ${JSON.stringify(v)}: a one-character 8-bit field would read as the end marker C1h`);
  w.u8(tl).bytes(data);
}
