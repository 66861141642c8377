import { DecodeError } from '../../../lib/errors';
import { checksum } from '../../wire/checksum';
import { Reader } from '../../wire/reader';
import { Writer } from '../../wire/writer';
import { TypedText } from '../text';
import { FRU_END_OF_FIELDS, FruDecodeContext, fruWarn, readFruFields, writeFruField } from './fields';

/** Area format version 01h (FRU v1.0 §10, §11, §12: [7:4] reserved, [3:0] = 1h). */
export const FRU_AREA_VERSION = 0x01;
/** Language code 0 and 25 (19h) both mean English (FRU v1.0 §15, Table 15-1). */
export const FRU_LANGUAGE_ENGLISH = 0;

/** Chassis Info Area (FRU v1.0 §10, Table 10-1). */
export interface FruChassisInfo {
  /** SMBIOS chassis type (17h = Rack Mount Chassis); see fruChassisTypeName. */
  chassisType: number;
  partNumber: TypedText;
  serialNumber: TypedText;
  custom: TypedText[];
}
/** Board Info Area (FRU v1.0 §11, Table 11-1). */
export interface FruBoardInfo {
  languageCode: number;
  /** Manufacturing date/time: minutes since 1996-01-01 00:00 UTC, 0 = unspecified (fruMinutesToDate). */
  mfgDateMinutes: number;
  manufacturer: TypedText;
  productName: TypedText;
  serialNumber: TypedText;
  partNumber: TypedText;
  fruFileId: TypedText;
  custom: TypedText[];
}
/** Product Info Area (FRU v1.0 §12, Table 12-1). */
export interface FruProductInfo {
  languageCode: number;
  manufacturer: TypedText;
  productName: TypedText;
  /** "Product Part/Model Number". */
  partNumber: TypedText;
  version: TypedText;
  serialNumber: TypedText;
  assetTag: TypedText;
  fruFileId: TypedText;
  custom: TypedText[];
}

/** How one info area differs from the others: its fixed bytes after the length, and its named fields. */
interface AreaLayout<T> {
  what: string;
  readFixed(r: Reader): Partial<T>;
  writeFixed(w: Writer, v: T): void;
  fields: readonly (keyof T & string)[];
}

export const chassisLayout: AreaLayout<FruChassisInfo> = {
  what: 'FRU chassis info area',
  readFixed: (r) => ({ chassisType: r.u8() }),
  writeFixed: (w, v) => void w.u8(v.chassisType),
  fields: ['partNumber', 'serialNumber'],
};
export const boardLayout: AreaLayout<FruBoardInfo> = {
  what: 'FRU board info area',
  readFixed: (r) => ({ languageCode: r.u8(), mfgDateMinutes: r.u24le() }),
  writeFixed: (w, v) => void w.u8(v.languageCode).u24le(v.mfgDateMinutes),
  fields: ['manufacturer', 'productName', 'serialNumber', 'partNumber', 'fruFileId'],
};
export const productLayout: AreaLayout<FruProductInfo> = {
  what: 'FRU product info area',
  readFixed: (r) => ({ languageCode: r.u8() }),
  writeFixed: (w, v) => void w.u8(v.languageCode),
  fields: ['manufacturer', 'productName', 'partNumber', 'version', 'serialNumber', 'assetTag', 'fruFileId'],
};

/**
 * Read an info area at `offset` of the image: version, length in 8-byte units, the fixed
 * bytes, the fields up to C1h, padding, and the zero checksum over the whole area. A bad
 * version or checksum is a warning (ipmitool prints "Area Checksum : INVALID" and goes on);
 * an area that runs past the image, or a field past its area, is a DecodeError.
 */
export function readInfoArea<T extends { custom: TypedText[] }>(image: Buffer, offset: number, layout: AreaLayout<T>, ctx: FruDecodeContext): T {
  const head = new Reader(image, layout.what, offset);
  const version = head.u8();
  const length = head.u8() * 8;
  if (length < 8) throw new DecodeError(layout.what, 'invalid', offset + 1, 'area length is 0');
  if (offset + length > image.length)
    throw new DecodeError(layout.what, 'short', offset, `area of ${length} bytes runs past the ${image.length}-byte image`);
  if ((version & 0x0f) !== FRU_AREA_VERSION) fruWarn(ctx, head, offset, `format version 0x${version.toString(16)}, expected 01h`);
  if (checksum(image, offset, offset + length) !== 0) fruWarn(ctx, head, offset + length - 1, 'area checksum mismatch');
  // Fields live between the fixed bytes and the checksum byte.
  const r = new Reader(image, layout.what, offset + 2, offset + length - 1);
  const v = layout.readFixed(r) as Record<string, unknown>;
  const { fields, custom } = readFruFields(r, layout.fields.length, ctx);
  layout.fields.forEach((k, i) => (v[k] = fields[i]));
  v.custom = custom;
  return v as T;
}

/** Encode an info area: padded with 00h to a multiple of 8 bytes, zero checksum last. */
export function writeInfoArea<T extends { custom: TypedText[] }>(v: T, layout: AreaLayout<T>): Buffer {
  const w = new Writer(64);
  w.u8(FRU_AREA_VERSION).u8(0);
  layout.writeFixed(w, v);
  for (const k of layout.fields) writeFruField(w, v[k] as TypedText);
  for (const c of v.custom) writeFruField(w, c);
  w.u8(FRU_END_OF_FIELDS);
  const body = w.finish();
  const total = Math.ceil((body.length + 1) / 8) * 8;
  if (total > 255 * 8) throw new RangeError(`${layout.what} is ${total} bytes, at most 2040`);
  const area = Buffer.alloc(total);
  body.copy(area);
  area[1] = total / 8;
  area[total - 1] = checksum(area, 0, total - 1);
  return area;
}
