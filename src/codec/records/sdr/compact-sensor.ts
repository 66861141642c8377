import { struct, u8, ValueOf } from '../../fields';
import { idString, recordSharing, reserved, sensorRecordFields } from './fields';

/**
 * Compact Sensor Record, type 02h (v2.0 §43.2, Table 43-2): no conversion factors or
 * thresholds; one record may describe several sensors (share count).
 */
export const compactSensorBody = struct({
  ...sensorRecordFields,
  /** Bytes 24-25. */
  sharing: recordSharing,
  positiveHysteresis: u8,
  negativeHysteresis: u8,
  reserved: reserved(3),
  oem: u8,
  idString,
});
export type CompactSensorBody = ValueOf<typeof compactSensorBody>;
