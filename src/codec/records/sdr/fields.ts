import { Codec, bits, bits16le, map, u16le, u8 } from '../../fields';
import { Reader } from '../../wire/reader';
import { Writer } from '../../wire/writer';
import { TypedText, decodeTypedText, encodeTypedText } from '../text';

/**
 * Field codecs shared by the SDR record types (v2.0 §43). Each is named after the spec's own
 * field; the record files compose them in table order.
 */

/** Entity Instance byte: [7] 0 = physical, 1 = logical container entity; [6:0] instance number (v2.0 §39.1). */
export const entityInstance = bits({ logical: [7, 1], instance: [0, 7] });

/** Sensor Owner LUN byte: [7:4] channel number, [1:0] owner LUN (v2.0 Table 43-1 byte 7). */
export const ownerLun = bits({ channel: [4, 4], lun: [0, 2] });

/** Sensor Initialization byte (v2.0 Table 43-1 byte 11; 43-2 byte 11). */
export const sensorInitialization = bits({
  settable: [7, 1],
  initScanning: [6, 1],
  initEvents: [5, 1],
  initThresholds: [4, 1],
  initHysteresis: [3, 1],
  initSensorType: [2, 1],
  /** Power-up default: event generation enabled. */
  eventGenerationEnabled: [1, 1],
  /** Power-up default: sensor scanning enabled. */
  scanningEnabled: [0, 1],
});

/**
 * Sensor Capabilities byte (v2.0 Table 43-1 byte 12). hysteresisSupport and thresholdAccess:
 * 0 none, 1 readable, 2 readable and settable, 3 fixed and unreadable. eventMessageControl:
 * 0 per threshold/discrete state, 1 entire sensor only, 2 global disable only, 3 no events.
 */
export const sensorCapabilities = bits({
  ignoreSensor: [7, 1],
  autoRearm: [6, 1],
  hysteresisSupport: [4, 2],
  thresholdAccess: [2, 2],
  eventMessageControl: [0, 2],
});

/**
 * Sensor Units 1 byte (v2.0 Table 43-1 byte 21): analog data format 0 unsigned, 1 one's
 * complement, 2 two's complement, 3 no analog reading; rate unit (Table 43-1 note, see
 * sensor/units.ts); modifier unit 0 none, 1 base/modifier, 2 base*modifier.
 */
export const sensorUnits1 = bits({
  analogDataFormat: [6, 2],
  rateUnit: [3, 3],
  modifierUnit: [1, 2],
  percentage: [0, 1],
});

/**
 * Sensor Record Sharing / Sensor Direction, two bytes (v2.0 Table 43-2 bytes 24-25, Table 43-3
 * bytes 13-14): sensor direction 0 unspecified, 1 input, 2 output; ID string instance modifier
 * type 0 numeric, 1 alpha.
 */
export const recordSharing = bits16le({
  sensorDirection: [6, 2],
  idInstanceModifierType: [4, 2],
  shareCount: [0, 4],
  entityInstanceSharing: [15, 1],
  idInstanceModifierOffset: [8, 7],
});

/** ID string instance modifier types (v2.0 Table 43-2 byte 24 [5:4]). */
export const IdInstanceModifier = { numeric: 0, alpha: 1 } as const;

/**
 * The ID string suffix of the sensor `n` places into a shared record, counting from the record's
 * modifier offset: numeric gives the number ("DIMM 1"), alpha gives A-Z, then AA, AB... ("DIMM A").
 */
export function idInstanceModifier(type: number, n: number): string {
  if (type === IdInstanceModifier.numeric) return String(n);
  let s = '';
  let v = n;
  do {
    s = String.fromCharCode(0x41 + (v % 26)) + s;
    v = Math.floor(v / 26) - 1;
  } while (v >= 0);
  return s;
}

/**
 * Bytes 6-23 of the Full and Compact Sensor Records, identical in both (v2.0 Table 43-1 and
 * Table 43-2): record key (owner, LUN, sensor number) and the body up to the units.
 */
export const sensorRecordFields = {
  /** Byte 6: [7:1] IPMB slave address or system software ID, [0] 1 = software ID (kept in the 8-bit form, e.g. 20h). */
  ownerId: u8,
  ownerLun,
  sensorNumber: u8,
  entityId: u8,
  entityInstance,
  sensorInitialization,
  sensorCapabilities,
  sensorType: u8,
  eventReadingType: u8,
  /**
   * Bytes 15-16: assertion event mask; for threshold sensors bits [14:12] are the lower
   * threshold reading mask (LNR, LC, LNC comparison returned), bits [11:0] the 12 threshold
   * events (sensor/thresholds.ts thresholdEventOffset).
   */
  assertionMask: u16le,
  /** Bytes 17-18: deassertion event mask; bits [14:12] upper threshold reading mask (UNR, UC, UNC). */
  deassertionMask: u16le,
  /**
   * Bytes 19-20: discrete reading mask, or for threshold sensors byte 19 = readable and byte 20 =
   * settable threshold mask, [5] UNR ... [0] LNC (FreeIPMI tmpl_sdr_full_sensor_record_threshold_based_sensors).
   */
  readingMask: u16le,
  units: sensorUnits1,
  /** Sensor Units 2: base unit code (v2.0 Table 43-15, sensor/units.ts). */
  baseUnit: u8,
  /** Sensor Units 3: modifier unit code. */
  modifierUnitCode: u8,
};

/** A two's-complement number in `width` bits. */
function signed(v: number, width: number): number {
  return v >= 2 ** (width - 1) ? v - 2 ** width : v;
}
function unsignedBits(v: number, width: number, name: string): number {
  const min = -(2 ** (width - 1));
  const max = 2 ** (width - 1) - 1;
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name}: ${v} out of range ${min}..${max}`);
  return v < 0 ? v + 2 ** width : v;
}
function field(v: number, max: number, name: string): number {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${name}: ${v} out of range 0..${max}`);
  return v;
}

/**
 * The conversion factors M, tolerance, B, accuracy, accuracy exponent, (sensor direction),
 * R (K2) and B (K1) exponents: six bytes shared by the Full Sensor Record (v2.0 Table 43-1
 * bytes 25-30) and the Get Sensor Reading Factors response (v2.0 §35.5, Table 35-5 bytes 3-8).
 * M and B are 10-bit two's complement, the exponents 4-bit two's complement, accuracy is an
 * unsigned 10-bit value in 1/100 percent scaled by 10^accuracyExp.
 */
export interface ConversionFactors {
  m: number;
  /** Unsigned 6 bits, in +/- 1/2 raw counts. */
  tolerance: number;
  b: number;
  accuracy: number;
  accuracyExp: number;
  /** Full Sensor Record only (byte 29 [1:0]); reserved in Get Sensor Reading Factors. */
  sensorDirection?: number;
  /** R (result) exponent, K2. */
  rExp: number;
  /** B exponent, K1. */
  bExp: number;
}

export const conversionFactors: Codec<ConversionFactors> = {
  read(r: Reader) {
    const [mLs, mTol, bLs, bAcc, accDir, exps] = r.bytes(6);
    return {
      m: signed(((mTol >> 6) << 8) | mLs, 10),
      tolerance: mTol & 0x3f,
      b: signed(((bAcc >> 6) << 8) | bLs, 10),
      accuracy: ((accDir >> 4) << 6) | (bAcc & 0x3f),
      accuracyExp: (accDir >> 2) & 3,
      sensorDirection: accDir & 3,
      rExp: signed(exps >> 4, 4),
      bExp: signed(exps & 0x0f, 4),
    };
  },
  write(w: Writer, v) {
    const m = unsignedBits(v.m, 10, 'M');
    const b = unsignedBits(v.b, 10, 'B');
    const accuracy = field(v.accuracy, 0x3ff, 'accuracy');
    w.u8(m & 0xff)
      .u8(((m >> 8) << 6) | field(v.tolerance, 0x3f, 'tolerance'))
      .u8(b & 0xff)
      .u8(((b >> 8) << 6) | (accuracy & 0x3f))
      .u8(((accuracy >> 6) << 4) | (field(v.accuracyExp, 3, 'accuracyExp') << 2) | field(v.sensorDirection ?? 0, 3, 'sensorDirection'))
      .u8((unsignedBits(v.rExp, 4, 'R exponent') << 4) | unsignedBits(v.bExp, 4, 'B exponent'));
  },
};

/** The same six bytes with [1:0] of the fifth byte reserved (Get Sensor Reading Factors). */
export const readingFactors: Codec<Omit<ConversionFactors, 'sensorDirection'>> = map(
  conversionFactors,
  ({ sensorDirection: _reserved, ...f }) => f,
  (f) => ({ ...f, sensorDirection: 0 }),
);

/** Longest ID string a sensor or locator record carries (v2.0 Table 43-1 bytes 49:64). */
export const SDR_ID_MAX = 16;

/**
 * ID String Type/Length Code and the ID string bytes (v2.0 §43.15): [7:6] type (00b Unicode,
 * 01b BCD plus, 10b 6-bit packed ASCII, 11b 8-bit ASCII + Latin-1), [4:0] length in bytes.
 * The string ends the record. When the length claims more bytes than the record holds we take
 * what is there, as ipmitool does (it bounds the copy by the record it read).
 */
export const idString: Codec<TypedText> = {
  read(r) {
    const tl = r.u8();
    const n = Math.min(tl & 0x1f, r.remaining);
    return decodeTypedText(tl >> 6, r.bytes(n), 'unicode');
  },
  write(w, v) {
    const { typeCode, data } = encodeTypedText(v);
    if (data.length > SDR_ID_MAX) throw new RangeError(`SDR ID string is ${data.length} bytes, at most ${SDR_ID_MAX}`);
    w.u8((typeCode << 6) | data.length).bytes(data);
  },
};

/** One byte of which only bits [lsb+width-1:lsb] carry a number; the other bits are reserved (written 0). */
export function bitField(lsb: number, width: number, name = 'field'): Codec<number> {
  return {
    read: (r) => (r.u8() >> lsb) & (2 ** width - 1),
    write: (w, v) => void w.u8(field(v, 2 ** width - 1, name) << lsb),
  };
}

/** A byte that is reserved: ignored on read, written as 0 (v2.0 §43 "reserved" bytes). */
export function reserved(n: number): Codec<undefined> {
  return {
    read: (r) => void r.bytes(n),
    write: (w) => void w.bytes(Buffer.alloc(n)),
  };
}
