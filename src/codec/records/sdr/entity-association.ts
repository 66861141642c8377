import { array, bits, struct, u8, ValueOf } from '../../fields';

/**
 * Entity Association Record, type 08h (v2.0 §43.4, Table 43-4): a container entity and up to
 * four contained entities, either listed (entity ID, instance) or as two ranges whose pairs are
 * (entity ID, first instance) and (same entity ID, last instance). Unused slots are 00h 00h.
 */
export const entityAssociationBody = struct({
  containerEntityId: u8,
  containerEntityInstance: u8,
  flags: bits({
    /** 1 = contained entities are ranges (slots 1-2 and 3-4 pair up). */
    range: [7, 1],
    /** 1 = linked Entity Association records exist. */
    linked: [6, 1],
    /** 1 = the container's presence sensor should always be accessible. */
    presenceSensorAlwaysAccessible: [5, 1],
  }),
  contained: array(struct({ entityId: u8, instance: u8 }), 4),
});
export type EntityAssociationBody = ValueOf<typeof entityAssociationBody>;
