import { bits, bits16le, decode, encode, map, struct, u16le, u8, ValueOf } from '../../fields';
import { checksum } from '../../wire/checksum';
import { Reader } from '../../wire/reader';
import { Writer } from '../../wire/writer';
import { FruDecodeContext, fruWarn } from './fields';

/**
 * MultiRecord area (FRU v1.0 §16, Table 16-1): records back to back, each with a 5-byte
 * header: record type ID, [7] end of list / [3:0] record format version (02h), record length,
 * record checksum (zero checksum of the data), header checksum.
 */
export const FRU_MULTIRECORD_VERSION = 0x02;
export const FruMultiRecordType = {
  PowerSupplyInformation: 0x00,
  DcOutput: 0x01,
  DcLoad: 0x02,
  ManagementAccess: 0x03,
  BaseCompatibility: 0x04,
  ExtendedCompatibility: 0x05,
} as const;

/** One 12-bit number in a 16-bit little-endian word whose top nibble is reserved. */
const watts12 = map(bits16le({ value: [0, 12] }), (v) => v.value, (value: number) => ({ value }));

/**
 * Power Supply Information, record type 00h, 24 bytes (FRU v1.0 §18.1, Table 18-1; field order
 * also in FreeIPMI tmpl_fru_power_supply_information). Voltages in 10 mV, frequencies in Hz.
 */
export const powerSupplyInformation = struct({
  overallCapacityWatts: watts12,
  /** FFFFh = not specified. */
  peakVa: u16le,
  /** Inrush current in amps; FFh = not specified. */
  inrushCurrent: u8,
  inrushIntervalMs: u8,
  inputVoltageRange1Low10mV: u16le,
  inputVoltageRange1High10mV: u16le,
  /** 0 when the supply has a single range. */
  inputVoltageRange2Low10mV: u16le,
  inputVoltageRange2High10mV: u16le,
  inputFrequencyLowHz: u8,
  inputFrequencyHighHz: u8,
  inputDropoutToleranceMs: u8,
  flags: bits({
    /** Tachometer pulses per rotation / predictive fail polarity. */
    tachometerPulsesPerRotation: [4, 1],
    hotSwap: [3, 1],
    autoswitch: [2, 1],
    powerFactorCorrection: [1, 1],
    predictiveFailSupport: [0, 1],
  }),
  /** [15:12] hold-up time in seconds, [11:0] peak capacity in watts. */
  peakWattage: bits16le({ holdUpTimeSeconds: [12, 4], peakCapacityWatts: [0, 12] }),
  /** Voltages: 0 = 12 V, 1 = -12 V, 2 = 5 V, 3 = 3.3 V. */
  combinedWattage: bits({ voltage1: [4, 4], voltage2: [0, 4] }),
  totalCombinedWatts: u16le,
  /** Lower threshold in RPS for the predictive fail tachometer. */
  predictiveFailTachometerLowerThreshold: u8,
});
export type PowerSupplyInformation = ValueOf<typeof powerSupplyInformation>;
const POWER_SUPPLY_INFORMATION_LENGTH = 24;

/**
 * One multi-record. Power supply information (type 00h, 24 bytes) is decoded; every other
 * type, and a type 00h record of another length, is kept as bytes.
 */
export type FruMultiRecord =
  | { kind: 'powerSupply'; powerSupply: PowerSupplyInformation }
  | { kind: 'raw'; recordType: number; data: Buffer };

/** Read records from `offset` until one has the end-of-list bit (or the image ends: a warning). */
export function readMultiRecords(image: Buffer, offset: number, ctx: FruDecodeContext): FruMultiRecord[] {
  const r = new Reader(image, 'FRU multirecord area', offset);
  const out: FruMultiRecord[] = [];
  for (;;) {
    if (r.remaining === 0) {
      fruWarn(ctx, r, r.pos, 'no record with the end-of-list bit');
      return out;
    }
    const at = r.pos;
    const [recordType, format, length, dataSum] = r.bytes(5);
    if (checksum(image, at, at + 5) !== 0) fruWarn(ctx, r, at, `record header checksum mismatch`);
    if ((format & 0x0f) !== FRU_MULTIRECORD_VERSION) fruWarn(ctx, r, at + 1, `record format version ${format & 0x0f}, expected 2`);
    const data = Buffer.from(r.bytes(length));
    if (checksum(data) !== dataSum) fruWarn(ctx, r, at + 3, 'record data checksum mismatch');
    out.push(
      recordType === FruMultiRecordType.PowerSupplyInformation && length === POWER_SUPPLY_INFORMATION_LENGTH
        ? { kind: 'powerSupply', powerSupply: decode(powerSupplyInformation, data, 'FRU power supply information') }
        : { kind: 'raw', recordType, data },
    );
    if (format & 0x80) return out;
  }
}

export function writeMultiRecords(recs: readonly FruMultiRecord[]): Buffer {
  if (recs.length === 0) throw new RangeError('a multirecord area needs at least one record');
  const w = new Writer(64);
  recs.forEach((rec, i) => {
    const [recordType, data] = rec.kind === 'powerSupply' ? [FruMultiRecordType.PowerSupplyInformation, encode(powerSupplyInformation, rec.powerSupply)] : [rec.recordType, rec.data];
    if (data.length > 0xff) throw new RangeError(`multirecord of ${data.length} bytes, at most 255`);
    const header = Buffer.from([recordType, FRU_MULTIRECORD_VERSION | (i === recs.length - 1 ? 0x80 : 0), data.length, checksum(data), 0]);
    header[4] = checksum(header, 0, 4);
    w.bytes(header).bytes(data);
  });
  return w.finish();
}
