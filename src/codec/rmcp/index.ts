import { DecodeError } from '../../lib/errors';

/**
 * RMCP header (ASF 2.0 §3.2.2.1; v2.0 §13.1.3): version 06h, reserved, sequence (FFh = no
 * RMCP ACK, what IPMI uses), class (06h ASF, 07h IPMI; bit 7 = ACK).
 */
export const RMCP_VERSION = 0x06;
export const RmcpClass = { Asf: 0x06, Ipmi: 0x07 } as const;
export const RMCP_HEADER_LEN = 4;

export interface RmcpHeader {
  sequence: number;
  cls: number;
  ack: boolean;
}

export function decodeRmcpHeader(b: Buffer): RmcpHeader {
  if (b.length < RMCP_HEADER_LEN) throw new DecodeError('RMCP header', 'short', b.length, 'need 4 bytes');
  if (b[0] !== RMCP_VERSION) throw new DecodeError('RMCP header', 'invalid', 0, `version 0x${b[0].toString(16)} is not 06h`);
  return { sequence: b[2], cls: b[3] & 0x7f, ack: (b[3] & 0x80) !== 0 };
}
export function rmcpHeader(cls: number, sequence = 0xff): Buffer {
  const b = Buffer.allocUnsafe(RMCP_HEADER_LEN);
  writeRmcpHeader(b, 0, cls, sequence);
  return b;
}
/** The same four bytes written into `b` at `off` (no allocation, for the per-packet path). */
export function writeRmcpHeader(b: Buffer, off: number, cls: number, sequence = 0xff): void {
  b[off] = RMCP_VERSION;
  b[off + 1] = 0x00;
  b[off + 2] = sequence;
  b[off + 3] = cls;
}

/** ASF message types (ASF 2.0 §3.2.4): Presence Ping 80h, Presence Pong 40h. */
export const AsfType = { Ping: 0x80, Pong: 0x40 } as const;
/** The ASF IANA enterprise number 4542 (0x000011BE), MS byte first on the wire. */
export const ASF_IANA = 4542;

export interface AsfMessage {
  type: number;
  tag: number;
  data: Buffer;
}
export function decodeAsf(b: Buffer, off = RMCP_HEADER_LEN): AsfMessage {
  if (b.length < off + 8) throw new DecodeError('ASF message', 'short', b.length, 'need 8 bytes');
  if (b.readUInt32BE(off) !== ASF_IANA) throw new DecodeError('ASF message', 'invalid', off, 'IANA is not ASF (4542)');
  const len = b[off + 7];
  if (b.length < off + 8 + len) throw new DecodeError('ASF message', 'short', b.length, `data length ${len}`);
  return { type: b[off + 4], tag: b[off + 5], data: b.subarray(off + 8, off + 8 + len) };
}
export function encodeAsf(m: AsfMessage, sequence = 0xff): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(ASF_IANA, 0);
  h[4] = m.type;
  h[5] = m.tag;
  h[7] = m.data.length;
  return Buffer.concat([rmcpHeader(RmcpClass.Asf, sequence), h, m.data]);
}

/**
 * Presence Pong data (ASF 2.0 §3.2.4.3): IANA 4542, OEM-defined 0, supported entities 81h
 * (IPMI supported, ASF version 1.0), supported interactions 00h, 6 reserved bytes.
 */
export function presencePong(tag: number, sequence = 0xff): Buffer {
  const d = Buffer.alloc(16);
  d.writeUInt32BE(ASF_IANA, 0);
  d[8] = 0x81;
  return encodeAsf({ type: AsfType.Pong, tag, data: d }, sequence);
}
export function presencePing(tag: number, sequence = 0xff): Buffer {
  return encodeAsf({ type: AsfType.Ping, tag, data: Buffer.alloc(0) }, sequence);
}
