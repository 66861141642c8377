import { bits, optional, struct, u8 } from '../../fields';
import { partialMask16 } from '../storage/fields';

/**
 * Field codecs shared by the sensor device commands (v2.0 §35).
 *
 * Threshold values in command order: LNC, LC, LNR, UNC, UC, UNR (v2.0 Tables 35-8 and 35-9;
 * the Full Sensor Record stores them the other way round). Raw bytes, as the record's.
 */
export const thresholdValues = struct({
  lowerNonCritical: u8,
  lowerCritical: u8,
  lowerNonRecoverable: u8,
  upperNonCritical: u8,
  upperCritical: u8,
  upperNonRecoverable: u8,
});

/**
 * The sensor status byte of Get Sensor Reading and Get Sensor Event Status (v2.0 Tables 35-15,
 * 35-13): [7] 0 = all event messages disabled, [6] 0 = scanning disabled, [5] 1 = reading/state
 * unavailable (IPMI v1.5 called it "initial update in progress"). [4:0] reserved.
 */
export const sensorStatusFlags = bits({ eventMessagesEnabled: [7, 1], scanningEnabled: [6, 1], readingUnavailable: [5, 1] });

/**
 * Optional assertion and deassertion event masks (16 bits each, LS byte first; the sender may
 * stop after any byte). Bits are event offsets; for threshold sensors the 12 threshold events.
 */
export const eventMasks = {
  assertionMask: optional(partialMask16),
  deassertionMask: optional(partialMask16),
};
