import { Codec, bits, bytes, decode, encode, many, struct, u24le, u32le, u8, u16le, ValueOf } from '../../fields';
import { Reader } from '../../wire/reader';

/**
 * SEL records, always 16 bytes (v2.0 §32.1, Table 32-1 system event record; §32.2 OEM
 * timestamped; §32.3 OEM non-timestamped). Record types: 02h system event, C0h-DFh OEM with
 * timestamp and manufacturer ID, E0h-FFh OEM without timestamp. Other types are reserved;
 * we keep their 13 bytes as-is.
 */
export const SEL_RECORD_LENGTH = 16;
export const SelRecordType = { System: 0x02, OemTimestampedFirst: 0xc0, OemNonTimestampedFirst: 0xe0 } as const;
/** EvM Rev 04h = IPMI v2.0/v1.5 event messages; 03h = IPMI v1.0 (v2.0 §29.7). */
export const EVM_REV = 0x04;
/** Generator ID 0020h: the BMC (IPMB slave address 20h, LUN 0) (v2.0 §32.1, Table 32-1 bytes 8-9). */
export const BMC_GENERATOR_ID = 0x0020;

/** Timestamps (v2.0 §37.1): FFFFFFFFh = unspecified; 00000000h-20000000h = seconds since device initialisation. */
export const TIMESTAMP_UNSPECIFIED = 0xffffffff;
export const TIMESTAMP_PRE_INIT_MAX = 0x20000000;
export function isPreInitTimestamp(t: number): boolean {
  return t <= TIMESTAMP_PRE_INIT_MAX;
}

/** Event Dir / Event Type byte: [7] 0 = assertion, 1 = deassertion; [6:0] event/reading type code. */
export const eventDirType = bits({ deassertion: [7, 1], eventType: [0, 7] });

/** Record type 02h, bytes 4-16 (v2.0 Table 32-1). */
const systemEventBody = struct({
  timestamp: u32le,
  /**
   * Bytes 8-9, LS byte first: [7:1] IPMB slave address or system software ID, [0] 1 = software ID;
   * second byte [7:4] channel, [1:0] LUN. Kept as one number (0020h = BMC, 0041h = BIOS), as ipmitool prints it.
   */
  generatorId: u16le,
  evmRev: u8,
  sensorType: u8,
  sensorNumber: u8,
  eventDirType,
  /** [7:6]/[5:4] what bytes 2 and 3 hold, [3:0] the event offset (v2.0 Table 29-6). */
  eventData1: u8,
  eventData2: u8,
  eventData3: u8,
});
/** Record types C0h-DFh, bytes 4-16. */
const oemTimestampedBody = struct({ timestamp: u32le, manufacturerId: u24le, oemData: bytes(6) });

export type SystemEventRecord = { kind: 'system'; recordId: number } & ValueOf<typeof systemEventBody>;
export type OemTimestampedRecord = { kind: 'oemTimestamped'; recordId: number; recordType: number } & ValueOf<typeof oemTimestampedBody>;
export type OemNonTimestampedRecord = { kind: 'oemNonTimestamped'; recordId: number; recordType: number; oemData: Buffer };
/** A reserved record type (00h-01h, 03h-BFh): the 13 bytes after the type are kept as-is. */
export type UnknownSelRecord = { kind: 'unknown'; recordId: number; recordType: number; data: Buffer };
export type SelRecord = SystemEventRecord | OemTimestampedRecord | OemNonTimestampedRecord | UnknownSelRecord;

function kindOf(recordType: number): SelRecord['kind'] {
  if (recordType === SelRecordType.System) return 'system';
  if (recordType >= SelRecordType.OemNonTimestampedFirst) return 'oemNonTimestamped';
  if (recordType >= SelRecordType.OemTimestampedFirst) return 'oemTimestamped';
  return 'unknown';
}

function checkType(rec: SelRecord): number {
  if (rec.kind === 'system') return SelRecordType.System;
  if (kindOf(rec.recordType) !== rec.kind) throw new RangeError(`SEL record type 0x${rec.recordType.toString(16)} is not a ${rec.kind} record`);
  return rec.recordType;
}

/** One 16-byte SEL record (Get SEL Entry data, Add SEL Entry request). */
export const selRecord: Codec<SelRecord> = {
  read(r: Reader) {
    r.need(SEL_RECORD_LENGTH);
    const recordId = r.u16le();
    const recordType = r.u8();
    switch (kindOf(recordType)) {
      case 'system':
        return { kind: 'system', recordId, ...systemEventBody.read(r) };
      case 'oemTimestamped':
        return { kind: 'oemTimestamped', recordId, recordType, ...oemTimestampedBody.read(r) };
      case 'oemNonTimestamped':
        return { kind: 'oemNonTimestamped', recordId, recordType, oemData: Buffer.from(r.bytes(13)) };
      default:
        return { kind: 'unknown', recordId, recordType, data: Buffer.from(r.bytes(13)) };
    }
  },
  write(w, rec) {
    w.u16le(rec.recordId).u8(checkType(rec));
    if (rec.kind === 'system') systemEventBody.write(w, rec);
    else if (rec.kind === 'oemTimestamped') oemTimestampedBody.write(w, rec);
    else {
      const data = rec.kind === 'unknown' ? rec.data : rec.oemData;
      if (data.length !== 13) throw new RangeError(`SEL record type 0x${rec.recordType.toString(16)}: 13 data bytes needed, got ${data.length}`);
      w.bytes(data);
    }
  },
};

export function decodeSel(buf: Buffer): SelRecord {
  return decode(selRecord, buf, 'SEL record');
}
export function encodeSel(rec: SelRecord): Buffer {
  return encode(selRecord, rec);
}
/** Back-to-back 16-byte records, e.g. an `ipmitool sel writeraw` file. */
export function decodeSels(buf: Buffer): SelRecord[] {
  return decode(many(selRecord), buf, 'SEL records');
}

/**
 * Event Data 1 (v2.0 §29.7, Table 29-6): [7:6] what byte 2 holds, [5:4] what byte 3 holds,
 * [3:0] the offset from the event/reading type code. For threshold events 1 = trigger reading
 * (byte 2) / trigger threshold (byte 3); for discrete events byte 2 = 1 means previous state and
 * severity; 2 = OEM code, 3 = sensor-specific event extension code; 0 = unspecified.
 */
export interface EventData1 {
  byte2: number;
  byte3: number;
  offset: number;
}
export function parseEventData1(d1: number): EventData1 {
  return { byte2: (d1 >> 6) & 3, byte3: (d1 >> 4) & 3, offset: d1 & 0x0f };
}
export function makeEventData1(v: EventData1): number {
  return ((v.byte2 & 3) << 6) | ((v.byte3 & 3) << 4) | (v.offset & 0x0f);
}

/**
 * Generator ID parts (v2.0 Table 32-1 bytes 8-9). `id` is the 7-bit field [7:1]: a system
 * software ID (v2.0 Table 5-4), or an IPMB slave address, usually written in 8-bit form (id << 1, 20h for the BMC).
 */
export function parseGeneratorId(g: number): { softwareId: boolean; id: number; channel: number; lun: number } {
  return { softwareId: (g & 1) === 1, id: (g >> 1) & 0x7f, channel: (g >> 12) & 0x0f, lun: (g >> 8) & 3 };
}
