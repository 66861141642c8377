import { DecodeError } from '../../lib/errors';
import { RMCP_HEADER_LEN, RmcpClass, rmcpHeader, writeRmcpHeader } from '../rmcp';
import { AesCbc128, AuthType, ConfAlg, IntegrityAlg, aesDecrypt, aesEncrypt, integrityCode, integrityLength, v15AuthCode } from './algorithms';
import { HmacSha1 } from './hmac-sha1';

/** RMCP+ payload types (v2.0 §13.27.3, Table 13-16). */
export const PayloadType = {
  Ipmi: 0x00,
  Sol: 0x01,
  Oem: 0x02,
  OpenSessionRequest: 0x10,
  OpenSessionResponse: 0x11,
  Rakp1: 0x12,
  Rakp2: 0x13,
  Rakp3: 0x14,
  Rakp4: 0x15,
} as const;

/** An IPMI v1.5 session packet (v2.0 §13.6, Table 13-8), after the RMCP header. */
export interface V15Packet {
  authType: number;
  seq: number;
  sessionId: number;
  authCode?: Buffer;
  message: Buffer;
}

export function decodeV15(b: Buffer, off = RMCP_HEADER_LEN): V15Packet {
  const what = 'IPMI v1.5 session';
  if (b.length < off + 10) throw new DecodeError(what, 'short', b.length, 'session header needs 10 bytes');
  const authType = b[off];
  if (authType > 5 || authType === 3) throw new DecodeError(what, 'invalid', off, `auth type ${authType}`);
  const seq = b.readUInt32LE(off + 1);
  const sessionId = b.readUInt32LE(off + 5);
  let p = off + 9;
  let authCode: Buffer | undefined;
  if (authType !== AuthType.None) {
    if (b.length < p + 17) throw new DecodeError(what, 'short', b.length, 'auth code');
    authCode = b.subarray(p, p + 16);
    p += 16;
  }
  const len = b[p++];
  // A legacy pad byte may follow the message (v2.0 §13.6 note on "legacy PAD"); it is ignored.
  if (b.length < p + len) throw new DecodeError(what, 'short', b.length, `message length ${len}`);
  return { authType, seq, sessionId, authCode, message: b.subarray(p, p + len) };
}

/** Builds a v1.5 packet with its RMCP header; the AuthCode is computed from the password. */
export function encodeV15(p: Omit<V15Packet, 'authCode'>, password16?: Buffer): Buffer {
  const hdr = Buffer.alloc(9);
  hdr[0] = p.authType;
  hdr.writeUInt32LE(p.seq >>> 0, 1);
  hdr.writeUInt32LE(p.sessionId >>> 0, 5);
  const parts = [rmcpHeader(RmcpClass.Ipmi), hdr];
  if (p.authType !== AuthType.None) parts.push(v15AuthCode(p.authType, password16 ?? Buffer.alloc(16), p.sessionId, p.message, p.seq));
  parts.push(Buffer.from([p.message.length]), p.message);
  return Buffer.concat(parts);
}

/** An IPMI v2.0 / RMCP+ packet (v2.0 §13.6, Table 13-8), after the RMCP header. */
export interface V20Packet {
  payloadType: number;
  encrypted: boolean;
  authenticated: boolean;
  oem?: { iana: number; payloadId: number };
  sessionId: number;
  seq: number;
  /** Payload as on the wire (still encrypted when `encrypted`). */
  payload: Buffer;
  /**
   * For authenticated packets (0 otherwise): the AuthCode covers wire[coveredFrom, coveredTo)
   * (AuthType .. Next Header) and runs from coveredTo to the end. Offsets rather than views: a
   * view costs more than the AuthCode check it serves.
   */
  wire: Buffer;
  coveredFrom: number;
  coveredTo: number;
}

/** Keys and algorithms of an active RMCP+ session. */
export interface SessionKeys {
  integrity: number;
  confidentiality: number;
  k1: Buffer;
  k2: Buffer;
  /** The user's 16-byte key (for MD5-128 integrity). */
  userKey: Buffer;
  /** The session's AES-CBC-128 contexts (faster than one per packet); without it each packet makes its own. */
  aes?: AesCbc128;
  /** HMAC-SHA1-96 keyed once with K1 (faster than node:crypto per packet); without it each packet uses node:crypto. */
  mac?: HmacSha1;
}

/** A session's AuthCode machinery: the fast forms of the algorithms it negotiated. */
export function sessionKeys(integrity: number, confidentiality: number, k1: Buffer, k2: Buffer, userKey: Buffer): SessionKeys {
  return {
    integrity,
    confidentiality,
    k1,
    k2,
    userKey,
    aes: confidentiality === ConfAlg.AesCbc128 ? new AesCbc128(k2) : undefined,
    mac: integrity === IntegrityAlg.HmacSha1_96 ? new HmacSha1(k1) : undefined,
  };
}

const CODE = Buffer.alloc(20);

/**
 * The session ID of an RMCP+ packet without decoding the rest (the receiver needs the session,
 * and so its integrity algorithm, before it can parse the trailer). Undefined when too short.
 */
export function peekV20SessionId(b: Buffer, off = RMCP_HEADER_LEN): number | undefined {
  const at = off + 2 + ((b[off + 1] & 0x3f) === PayloadType.Oem ? 6 : 0);
  return b.length >= at + 4 ? b.readUInt32LE(at) : undefined;
}

/** Without `integrityAlg` the session trailer is not parsed (the session, and so its algorithm, is not known yet). */
export function decodeV20(b: Buffer, integrityAlg?: number, off = RMCP_HEADER_LEN): V20Packet {
  const what = 'RMCP+ session';
  if (b.length < off + 12) throw new DecodeError(what, 'short', b.length, 'session header needs 12 bytes');
  if (b[off] !== AuthType.RmcpPlus) throw new DecodeError(what, 'invalid', off, 'auth type is not 06h');
  const pt = b[off + 1];
  let p = off + 2;
  let oem: V20Packet['oem'];
  if ((pt & 0x3f) === PayloadType.Oem) {
    if (b.length < p + 6 + 10) throw new DecodeError(what, 'short', b.length, 'OEM payload header');
    oem = { iana: b.readUInt32LE(p), payloadId: b.readUInt16LE(p + 4) };
    p += 6;
  }
  const sessionId = b.readUInt32LE(p);
  const seq = b.readUInt32LE(p + 4);
  const len = b.readUInt16LE(p + 8);
  p += 10;
  if (b.length < p + len) throw new DecodeError(what, 'short', b.length, `payload length ${len}`);
  const payload = b.subarray(p, p + len);
  p += len;
  const pkt: V20Packet = { payloadType: pt & 0x3f, encrypted: (pt & 0x80) !== 0, authenticated: (pt & 0x40) !== 0, oem, sessionId, seq, payload, wire: b, coveredFrom: 0, coveredTo: 0 };
  if (pkt.authenticated && sessionId !== 0 && integrityAlg !== undefined) {
    const codeLen = integrityLength(integrityAlg);
    // Integrity pad so that AuthType..Next Header is a multiple of 4 (v2.0 §13.28.4).
    const end = b.length - codeLen;
    if (end < p + 2) throw new DecodeError(what, 'short', b.length, 'session trailer');
    if (b[end - 1] !== 0x07) throw new DecodeError(what, 'invalid', end - 1, 'next header is not 07h');
    const padLen = b[end - 2];
    if (end - 2 - padLen !== p) throw new DecodeError(what, 'invalid', end - 2, `integrity pad length ${padLen} does not fit`);
    pkt.coveredFrom = off;
    pkt.coveredTo = end;
  }
  return pkt;
}

/** Verify and decrypt a session packet; undefined when the AuthCode or the encryption is wrong. */
export function openV20(pkt: V20Packet, keys: SessionKeys): Buffer | undefined {
  if (keys.integrity !== 0) {
    const b = pkt.wire;
    const from = pkt.coveredFrom;
    const end = pkt.coveredTo;
    if (!pkt.authenticated || end === 0) return undefined;
    if (keys.mac) {
      if (b.length - end !== 12) return undefined;
      keys.mac.digestInto(b, CODE, 0, 12, from, end - from);
      let diff = 0;
      for (let i = 0; i < 12; i++) diff |= CODE[i] ^ b[end + i];
      if (diff !== 0) return undefined;
    } else if (!integrityCode(keys.integrity, keys.k1, keys.userKey, b.subarray(from, end)).equals(b.subarray(end))) return undefined;
  }
  if (keys.confidentiality !== 0) {
    if (!pkt.encrypted) return undefined;
    return keys.aes ? keys.aes.decrypt(pkt.payload) : aesDecrypt(keys.k2, pkt.payload);
  }
  return pkt.payload;
}

export interface V20Out {
  payloadType: number;
  sessionId: number;
  seq: number;
  payload: Buffer;
  oem?: { iana: number; payloadId: number };
}

/**
 * Builds an RMCP+ packet with its RMCP header; with keys, authenticated/encrypted as negotiated
 * (the AES IV is then the 16 bytes of `iv` from `ivOff`, used before this returns). One buffer, written in place.
 */
export function encodeV20(p: V20Out, keys?: SessionKeys, iv?: Buffer, ivOff = 0): Buffer {
  const enc = !!keys && keys.confidentiality !== 0;
  const auth = !!keys && keys.integrity !== 0;
  let body = p.payload;
  if (enc) body = keys!.aes ? keys!.aes.encrypt(iv!, p.payload, ivOff) : aesEncrypt(keys!.k2, iv!.subarray(ivOff, ivOff + 16), p.payload).subarray(16);
  const bodyLen = enc ? 16 + body.length : body.length;
  const hdrLen = 12 + (p.oem ? 6 : 0);
  // Integrity pad so that AuthType..Next Header is a multiple of 4 (v2.0 §13.28.4).
  const padLen = auth ? (4 - ((hdrLen + bodyLen + 2) % 4)) % 4 : 0;
  const covered = hdrLen + bodyLen + (auth ? padLen + 2 : 0);
  const codeLen = auth ? integrityLength(keys!.integrity) : 0;
  const b = Buffer.allocUnsafe(RMCP_HEADER_LEN + covered + codeLen);
  writeRmcpHeader(b, 0, RmcpClass.Ipmi);
  let o = RMCP_HEADER_LEN;
  b[o] = AuthType.RmcpPlus;
  b[o + 1] = p.payloadType | (enc ? 0x80 : 0) | (auth ? 0x40 : 0);
  o += 2;
  if (p.oem) {
    b.writeUInt32LE(p.oem.iana, o);
    b.writeUInt16LE(p.oem.payloadId, o + 4);
    o += 6;
  }
  b.writeUInt32LE(p.sessionId >>> 0, o);
  b.writeUInt32LE(p.seq >>> 0, o + 4);
  b.writeUInt16LE(bodyLen, o + 8);
  o += 10;
  // Byte loops and set() rather than copy()/fill(): their argument checks cost more than these few bytes.
  if (enc) for (let i = 0; i < 16; i++) b[o++] = iv![ivOff + i];
  b.set(body, o);
  o += body.length;
  if (!auth) return b;
  for (let i = 0; i < padLen; i++) b[o++] = 0xff;
  b[o++] = padLen;
  b[o++] = 0x07;
  if (keys!.mac) keys!.mac.digestInto(b, b, o, 12, RMCP_HEADER_LEN, o - RMCP_HEADER_LEN);
  else integrityCode(keys!.integrity, keys!.k1, keys!.userKey, b.subarray(RMCP_HEADER_LEN, o)).copy(b, o);
  return b;
}
