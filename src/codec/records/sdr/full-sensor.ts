import { bits, struct, u8, ValueOf } from '../../fields';
import { conversionFactors, idString, reserved, sensorRecordFields } from './fields';

/**
 * Full Sensor Record, type 01h (v2.0 §43.1, Table 43-1): the body after the 5-byte record
 * header, fields in table order. Threshold values, hysteresis and normal/nominal readings are
 * raw bytes; sensor/conversion.ts turns them into units.
 */
export const fullSensorBody = struct({
  ...sensorRecordFields,
  /** Byte 24: [6:0] 00h linear, 01h ln, ... 0Bh cube root, 70h-7Fh non-linear (v2.0 §36.3). */
  linearization: u8,
  /** Bytes 25-30. */
  factors: conversionFactors,
  analogFlags: bits({ normalMinSpecified: [2, 1], normalMaxSpecified: [1, 1], nominalSpecified: [0, 1] }),
  nominalReading: u8,
  normalMaximum: u8,
  normalMinimum: u8,
  sensorMaximum: u8,
  sensorMinimum: u8,
  /** Bytes 37-42, in table order. */
  thresholds: struct({
    upperNonRecoverable: u8,
    upperCritical: u8,
    upperNonCritical: u8,
    lowerNonRecoverable: u8,
    lowerCritical: u8,
    lowerNonCritical: u8,
  }),
  /** Raw counts; positive-going applies to upper thresholds, negative-going to lower ones. */
  positiveHysteresis: u8,
  negativeHysteresis: u8,
  reserved: reserved(2),
  oem: u8,
  idString,
});
export type FullSensorBody = ValueOf<typeof fullSensorBody>;
