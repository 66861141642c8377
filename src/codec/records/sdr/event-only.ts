import { bits, struct, u8, ValueOf } from '../../fields';
import { entityInstance, idString, recordSharing, reserved } from './fields';

/**
 * Event-Only Record, type 03h (v2.0 §43.3, Table 43-3): a sensor that only generates events
 * and has no reading (e.g. the watchdog, ipmi_sim's sensor 0).
 */
export const eventOnlyBody = struct({
  ownerId: u8,
  /** Byte 7: [7:4] channel, [3:2] FRU inventory device owner LUN, [1:0] sensor owner LUN. */
  ownerLun: bits({ channel: [4, 4], fruOwnerLun: [2, 2], lun: [0, 2] }),
  sensorNumber: u8,
  entityId: u8,
  entityInstance,
  sensorType: u8,
  eventReadingType: u8,
  sharing: recordSharing,
  reserved: reserved(1),
  oem: u8,
  idString,
});
export type EventOnlyBody = ValueOf<typeof eventOnlyBody>;
