import { Codec, encode } from '../../fields';
import { Reader } from '../../wire/reader';
import { Writer } from '../../wire/writer';
import { CompactSensorBody, compactSensorBody } from './compact-sensor';
import { EntityAssociationBody, entityAssociationBody } from './entity-association';
import { EventOnlyBody, eventOnlyBody } from './event-only';
import { FruDeviceLocatorBody, fruDeviceLocatorBody } from './fru-device-locator';
import { FullSensorBody, fullSensorBody } from './full-sensor';
import { McDeviceLocatorBody, mcDeviceLocatorBody } from './mc-device-locator';

export * from './fields';
export { fullSensorBody, compactSensorBody, eventOnlyBody, entityAssociationBody, fruDeviceLocatorBody, mcDeviceLocatorBody };
export type { FullSensorBody, CompactSensorBody, EventOnlyBody, EntityAssociationBody, FruDeviceLocatorBody, McDeviceLocatorBody };

/** SDR record type codes (v2.0 §43, Table 43-1 .. 43-8 byte 4). */
export const SdrType = {
  FullSensor: 0x01,
  CompactSensor: 0x02,
  EventOnly: 0x03,
  EntityAssociation: 0x08,
  DeviceRelativeEntityAssociation: 0x09,
  GenericDeviceLocator: 0x10,
  FruDeviceLocator: 0x11,
  McDeviceLocator: 0x12,
  McConfirmation: 0x13,
  BmcMessageChannelInfo: 0x14,
  Oem: 0xc0,
} as const;

/** SDR version byte: 51h = IPMI v1.5/v2.0 SDRs, BCD, LS digit first (v2.0 §43.1). */
export const SDR_VERSION = 0x51;
/** The record header: Record ID (2, LS first), SDR version, record type, record length (v2.0 Table 43-1 bytes 1-5). */
export const SDR_HEADER_LENGTH = 5;

/** Header fields every record value carries. The record length is computed on encode. */
interface SdrHeader {
  recordId: number;
  /** Defaults to 51h on encode. */
  sdrVersion?: number;
}
export type FullSensorRecord = SdrHeader & { kind: 'full' } & FullSensorBody;
export type CompactSensorRecord = SdrHeader & { kind: 'compact' } & CompactSensorBody;
export type EventOnlyRecord = SdrHeader & { kind: 'eventOnly' } & EventOnlyBody;
export type EntityAssociationRecord = SdrHeader & { kind: 'entityAssociation' } & EntityAssociationBody;
export type FruDeviceLocatorRecord = SdrHeader & { kind: 'fruDeviceLocator' } & FruDeviceLocatorBody;
export type McDeviceLocatorRecord = SdrHeader & { kind: 'mcDeviceLocator' } & McDeviceLocatorBody;
/** Any other record type (OEM C0h, generic device locator, ...): the body is kept as bytes. */
export type UnknownSdrRecord = SdrHeader & { kind: 'unknown'; recordType: number; body: Buffer };

export type SdrRecord =
  | FullSensorRecord
  | CompactSensorRecord
  | EventOnlyRecord
  | EntityAssociationRecord
  | FruDeviceLocatorRecord
  | McDeviceLocatorRecord
  | UnknownSdrRecord;
export type SdrKind = SdrRecord['kind'];
/** Records that describe a sensor (they have a sensor number, type and event/reading type). */
export type SensorSdr = FullSensorRecord | CompactSensorRecord | EventOnlyRecord;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bodies: Record<Exclude<SdrKind, 'unknown'>, { type: number; codec: Codec<any> }> = {
  full: { type: SdrType.FullSensor, codec: fullSensorBody },
  compact: { type: SdrType.CompactSensor, codec: compactSensorBody },
  eventOnly: { type: SdrType.EventOnly, codec: eventOnlyBody },
  entityAssociation: { type: SdrType.EntityAssociation, codec: entityAssociationBody },
  fruDeviceLocator: { type: SdrType.FruDeviceLocator, codec: fruDeviceLocatorBody },
  mcDeviceLocator: { type: SdrType.McDeviceLocator, codec: mcDeviceLocatorBody },
};
const kindByType = new Map(Object.entries(bodies).map(([k, v]) => [v.type, k as Exclude<SdrKind, 'unknown'>]));

/** The record type byte of a record value. */
export function sdrRecordType(rec: SdrRecord): number {
  return rec.kind === 'unknown' ? rec.recordType : bodies[rec.kind].type;
}

/**
 * One SDR (header and body), dispatching on the record type. The body is read within the
 * record length; bytes the layout does not use at the end of a body are ignored (as ipmitool
 * and FreeIPMI do), and a body shorter than its fixed fields is a DecodeError.
 */
export const sdrRecord: Codec<SdrRecord> = {
  read(r) {
    const recordId = r.u16le();
    const sdrVersion = r.u8();
    const recordType = r.u8();
    const length = r.u8();
    r.need(length);
    const start = r.pos;
    r.pos += length;
    const kind = kindByType.get(recordType);
    if (!kind) return { recordId, sdrVersion, kind: 'unknown', recordType, body: Buffer.from(r.buf.subarray(start, start + length)) };
    const body = bodies[kind].codec.read(new Reader(r.buf, `SDR record 0x${recordId.toString(16)} type 0x${recordType.toString(16)}`, start, start + length));
    return { recordId, sdrVersion, kind, ...body } as SdrRecord;
  },
  write(w: Writer, rec) {
    const body = rec.kind === 'unknown' ? rec.body : encode(bodies[rec.kind].codec, rec);
    if (body.length > 0xff) throw new RangeError(`SDR body is ${body.length} bytes, at most 255`);
    w.u16le(rec.recordId).u8(rec.sdrVersion ?? SDR_VERSION).u8(sdrRecordType(rec)).u8(body.length).bytes(body);
  },
};

/** Decode exactly one SDR; bytes beyond its record length are a DecodeError. */
export function decodeSdr(buf: Buffer): SdrRecord {
  const r = new Reader(buf, 'SDR');
  const rec = sdrRecord.read(r);
  r.done();
  return rec;
}

export function encodeSdr(rec: SdrRecord): Buffer {
  return encode(sdrRecord, rec);
}

/** Decode back-to-back SDRs, e.g. an `ipmitool sdr dump` file or a repository image. */
export function decodeSdrs(buf: Buffer): SdrRecord[] {
  const r = new Reader(buf, 'SDR repository');
  const out: SdrRecord[] = [];
  while (r.remaining > 0) out.push(sdrRecord.read(r));
  return out;
}

export function encodeSdrs(recs: readonly SdrRecord[]): Buffer {
  const w = new Writer(recs.length * 64);
  for (const rec of recs) sdrRecord.write(w, rec);
  return w.finish();
}

/** True for records with a sensor number (full, compact and event-only). */
export function isSensorRecord(rec: SdrRecord): rec is SensorSdr {
  return rec.kind === 'full' || rec.kind === 'compact' || rec.kind === 'eventOnly';
}
