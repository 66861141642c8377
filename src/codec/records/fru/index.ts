import { DecodeError } from '../../../lib/errors';
import { Codec } from '../../fields';
import { checksum } from '../../wire/checksum';
import { Reader } from '../../wire/reader';
import {
  FRU_AREA_VERSION,
  FruBoardInfo,
  FruChassisInfo,
  FruProductInfo,
  boardLayout,
  chassisLayout,
  productLayout,
  readInfoArea,
  writeInfoArea,
} from './areas';
import { FruDecodeContext, fruWarn } from './fields';
import { FruMultiRecord, readMultiRecords, writeMultiRecords } from './multirecord';

export * from './areas';
export * from './fields';
export * from './multirecord';

/**
 * A FRU information image (Platform Management FRU Information Storage Definition v1.0 rev 1.3):
 * the common header (§8, Table 8-1) locates up to five areas. Absent areas are undefined.
 */
export interface FruImage {
  /** Internal Use Area data after its format version byte (§9). Decoded length is a multiple of 8 minus 1. */
  internalUse?: Buffer;
  chassis?: FruChassisInfo;
  board?: FruBoardInfo;
  product?: FruProductInfo;
  multiRecords?: FruMultiRecord[];
  /** Problems real tools tolerate (area checksums, missing end markers); only present when there were any. */
  warnings?: string[];
}

/** Common header format version (§8: [7:4] reserved, [3:0] 1h). */
export const FRU_HEADER_VERSION = 0x01;
export const FRU_HEADER_LENGTH = 8;

/**
 * Decode a FRU image. As ipmitool does (lib/ipmi_fru.c: "Bad header checksum", "Unknown FRU
 * header version"), a bad common header is a DecodeError; area and record checksum mismatches
 * and missing end-of-fields markers only add `warnings` (ipmitool prints "INVALID" and goes
 * on), unless `strict` makes them DecodeErrors too. Bytes after the last area are ignored.
 */
export function decodeFru(image: Buffer, opts: { strict?: boolean } = {}): FruImage {
  const r = new Reader(image, 'FRU common header');
  const header = r.bytes(FRU_HEADER_LENGTH);
  if ((header[0] & 0x0f) !== FRU_HEADER_VERSION) throw new DecodeError(r.what, 'invalid', 0, `unknown FRU header version 0x${header[0].toString(16)}`);
  if (checksum(header) !== 0) throw new DecodeError(r.what, 'invalid', 7, 'bad header checksum');
  const ctx: FruDecodeContext = { warnings: [], strict: opts.strict ?? false };
  const [, internalAt, chassisAt, boardAt, productAt, multiAt] = [...header].map((o) => o * 8);
  const out: FruImage = {};
  if (internalAt) {
    // The internal use area has no length byte; it runs to the next area (or the end of the image).
    const next = Math.min(...[chassisAt, boardAt, productAt, multiAt, image.length].filter((o) => o > internalAt));
    if (internalAt >= image.length) throw new DecodeError('FRU internal use area', 'short', internalAt, 'starts past the image');
    if ((image[internalAt] & 0x0f) !== FRU_AREA_VERSION)
      fruWarn(ctx, new Reader(image, 'FRU internal use area'), internalAt, `format version 0x${image[internalAt].toString(16)}, expected 01h`);
    out.internalUse = Buffer.from(image.subarray(internalAt + 1, next));
  }
  if (chassisAt) out.chassis = readInfoArea(image, chassisAt, chassisLayout, ctx);
  if (boardAt) out.board = readInfoArea(image, boardAt, boardLayout, ctx);
  if (productAt) out.product = readInfoArea(image, productAt, productLayout, ctx);
  if (multiAt) out.multiRecords = readMultiRecords(image, multiAt, ctx);
  if (ctx.warnings.length) out.warnings = ctx.warnings;
  return out;
}

/**
 * Build a FRU image: common header, then the areas in the order internal use, chassis, board,
 * product, multirecord, each padded to 8 bytes with its checksum. `size` pads the image with
 * 00h to the inventory area size the device reports (Get FRU Inventory Area Info).
 */
export function encodeFru(image: FruImage, opts: { size?: number } = {}): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(FRU_HEADER_LENGTH);
  header[0] = FRU_HEADER_VERSION;
  let at = FRU_HEADER_LENGTH;
  const place = (slot: number, area: Buffer) => {
    if (at / 8 > 0xff) throw new RangeError('FRU areas end past offset 2040, beyond the common header\'s reach');
    header[slot] = at / 8;
    parts.push(area);
    at += area.length;
  };
  if (image.internalUse) {
    const area = Buffer.alloc(Math.ceil((image.internalUse.length + 1) / 8) * 8);
    area[0] = FRU_AREA_VERSION;
    image.internalUse.copy(area, 1);
    place(1, area);
  }
  if (image.chassis) place(2, writeInfoArea(image.chassis, chassisLayout));
  if (image.board) place(3, writeInfoArea(image.board, boardLayout));
  if (image.product) place(4, writeInfoArea(image.product, productLayout));
  if (image.multiRecords?.length) place(5, writeMultiRecords(image.multiRecords));
  header[7] = checksum(header, 0, 7);
  const out = Buffer.concat([header, ...parts]);
  if (opts.size === undefined) return out;
  if (out.length > opts.size) throw new RangeError(`FRU image is ${out.length} bytes, more than the ${opts.size}-byte inventory area`);
  return Buffer.concat([out, Buffer.alloc(opts.size - out.length)]);
}

/** The whole remaining buffer as a FRU image (tolerant decode), for code that composes codecs. */
export const fruImage: Codec<FruImage> = {
  read: (r) => decodeFru(Buffer.from(r.rest())),
  write: (w, v) => void w.bytes(encodeFru(v)),
};

/** Board manufacturing date: minutes since 1996-01-01 00:00 UTC (FRU v1.0 §11, Table 11-1). */
const FRU_EPOCH_MS = Date.UTC(1996, 0, 1);
export function fruMinutesToDate(minutes: number): Date | undefined {
  return minutes === 0 ? undefined : new Date(FRU_EPOCH_MS + minutes * 60_000);
}
export function dateToFruMinutes(d: Date): number {
  const m = Math.floor((d.getTime() - FRU_EPOCH_MS) / 60_000);
  if (m < 0 || m > 0xffffff) throw new RangeError(`${d.toISOString()} is outside the FRU date range (1996 + 2^24 minutes)`);
  return m;
}

/**
 * Chassis type names as ipmitool prints them (lib/ipmi_fru.c chassis_type_desc, after SMBIOS
 * 3.x Table 17). ipmitool 1.8.19 knows codes up to 1Dh and prints "Unknown" above; so do we.
 */
const CHASSIS_TYPES = [
  'Unspecified', 'Other', 'Unknown', 'Desktop', 'Low Profile Desktop', 'Pizza Box', 'Mini Tower', 'Tower',
  'Portable', 'LapTop', 'Notebook', 'Hand Held', 'Docking Station', 'All in One', 'Sub Notebook', 'Space-saving',
  'Lunch Box', 'Main Server Chassis', 'Expansion Chassis', 'SubChassis', 'Bus Expansion Chassis', 'Peripheral Chassis',
  'RAID Chassis', 'Rack Mount Chassis', 'Sealed-case PC', 'Multi-system Chassis', 'CompactPCI', 'AdvancedTCA',
  'Blade', 'Blade Enclosure',
] as const;
export function fruChassisTypeName(code: number): string {
  return CHASSIS_TYPES[code] ?? 'Unknown';
}
