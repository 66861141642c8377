import { struct, u8 } from '../../fields';

/**
 * The payload enables of Set/Get User Payload Access (v2.0 §24.6-24.7): standard payload
 * enables 1 (bit 1 = SOL, payload type 1; the rest reserved), standard payload enables 2
 * (reserved), OEM payload enables 1 (bit n = OEM payload type 20h + n), OEM payload enables 2
 * (reserved). Whole bytes, so that a handler can refuse reserved bits.
 */
export const PAYLOAD_ENABLES = struct({ standard1: u8, standard2: u8, oem1: u8, oem2: u8 });

/** Standard payload enables 1, bit 1: Serial over LAN. */
export const SOL_PAYLOAD_ENABLE = 0x02;
