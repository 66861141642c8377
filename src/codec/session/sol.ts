import type { Codec } from '../fields';
import { bits, map, rest, struct, u8 } from '../fields';

/**
 * The SOL payload (RMCP+ payload type 01h): v2.0 §15.9, Table 15-2. Four header bytes, then
 * the character data. Byte 4 means "operation" from the remote console to the BMC and
 * "status" from the BMC to the console; everything else is the same in both directions.
 */

/** A 4-bit sequence number in the low nibble; the high nibble is reserved (written 0, ignored on read). */
const seq4: Codec<number> = map(
  bits({ n: [0, 4] }),
  (b) => b.n,
  (n) => ({ n }),
);

/** Byte 4, remote console to BMC (Table 15-2 "Operation/Status", console-to-BMC column). */
export const solOperation = bits({
  /** 1 = this packet NACKs the one named by the ACK/NACK sequence number. */
  nack: [6, 1],
  /** Assert RI (ring indicate / wake on ring) to the baseboard serial controller. */
  ringWor: [5, 1],
  /** Generate a break on the system serial port (about 300 ms). */
  generateBreak: [4, 1],
  /** Deassert CTS to the system: it stops sending characters until CTS comes back. */
  ctsPause: [3, 1],
  /** Deassert DCD and DSR to the system (a modem hang-up, as the system sees it). */
  dropDcdDsr: [2, 1],
  /** Discard characters the BMC holds for the system (console to system). */
  flushInbound: [1, 1],
  /** Discard characters the BMC holds for the console (system to console). */
  flushOutbound: [0, 1],
});
export type SolOperation = ReturnType<typeof solOperation.read>;

/** Byte 4, BMC to remote console (Table 15-2, BMC-to-console column). */
export const solStatus = bits({
  nack: [6, 1],
  /** The system's serial port is not available to SOL now (powered off, port taken by another user). */
  transferUnavailable: [5, 1],
  /** The BMC is deactivating the payload: this is the last packet of the instance. */
  deactivating: [4, 1],
  /** Characters from the system were dropped since the previous packet (the BMC's buffer overflowed). */
  transmitOverrun: [3, 1],
  /** The system sent a break. */
  breakDetected: [2, 1],
});
export type SolStatus = ReturnType<typeof solStatus.read>;

/** Largest character count one packet may carry: Accepted Character Count is one byte. */
export const SOL_MAX_CHARACTERS = 255;
/** Packet sequence numbers run 1..15 and wrap to 1; 0 means "no character data, ACK/NACK only". */
export const SOL_SEQ_MAX = 15;
export const nextSolSeq = (n: number): number => (n >= SOL_SEQ_MAX ? 1 : n + 1);

// v2.0 §15.9, Table 15-2: packet from the remote console.
export const SolConsolePacket = struct({
  seq: seq4,
  ackSeq: seq4,
  accepted: u8,
  operation: solOperation,
  data: rest(SOL_MAX_CHARACTERS),
});
export type SolConsolePacketValue = ReturnType<typeof SolConsolePacket.read>;

// v2.0 §15.9, Table 15-2: packet from the BMC.
export const SolBmcPacket = struct({
  seq: seq4,
  ackSeq: seq4,
  accepted: u8,
  status: solStatus,
  data: rest(SOL_MAX_CHARACTERS),
});
export type SolBmcPacketValue = ReturnType<typeof SolBmcPacket.read>;

export const NO_OPERATION: SolOperation = Object.freeze({
  nack: false,
  ringWor: false,
  generateBreak: false,
  ctsPause: false,
  dropDcdDsr: false,
  flushInbound: false,
  flushOutbound: false,
});
export const NO_STATUS: SolStatus = Object.freeze({ nack: false, transferUnavailable: false, deactivating: false, transmitOverrun: false, breakDetected: false });
