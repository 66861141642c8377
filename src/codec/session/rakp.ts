import { Codec, bits, bytes, rest, struct, u16le, u32le, u8, optional } from '../fields';
import { DecodeError } from '../../lib/errors';
import { authHmac } from './algorithms';

/** RMCP+ and RAKP message status codes (v2.0 §13.24, Table 13-15). */
export const RakpStatus = {
  Ok: 0x00,
  InsufficientResources: 0x01,
  InvalidSessionId: 0x02,
  InvalidPayloadType: 0x03,
  InvalidAuthAlgorithm: 0x04,
  InvalidIntegrityAlgorithm: 0x05,
  NoMatchingAuthPayload: 0x06,
  NoMatchingIntegrityPayload: 0x07,
  InactiveSessionId: 0x08,
  InvalidRole: 0x09,
  UnauthorizedRole: 0x0a,
  InsufficientResourcesForRole: 0x0b,
  InvalidNameLength: 0x0c,
  UnauthorizedName: 0x0d,
  UnauthorizedGuid: 0x0e,
  InvalidIntegrityCheckValue: 0x0f,
  InvalidConfidentialityAlgorithm: 0x10,
  NoCipherSuiteMatch: 0x11,
  IllegalParameter: 0x12,
} as const;
export const rakpStatusText: Readonly<Record<number, string>> = {
  0x00: 'no errors',
  0x01: 'insufficient resources to create a session',
  0x02: 'invalid session ID',
  0x03: 'invalid payload type',
  0x04: 'invalid authentication algorithm',
  0x05: 'invalid integrity algorithm',
  0x06: 'no matching authentication payload',
  0x07: 'no matching integrity payload',
  0x08: 'inactive session ID',
  0x09: 'invalid role',
  0x0a: 'unauthorized role or privilege level requested',
  0x0b: 'insufficient resources to create a session at the requested role',
  0x0c: 'invalid name length',
  0x0d: 'unauthorized name',
  0x0e: 'unauthorized GUID',
  0x0f: 'invalid integrity check value',
  0x10: 'invalid confidentiality algorithm',
  0x11: 'no cipher suite match with proposed security algorithms',
  0x12: 'illegal or unrecognized parameter',
};

/** One algorithm payload of Open Session (v2.0 §13.17, Tables 13-17..13-19): type, length 08h, algorithm. */
export interface AlgorithmPayload {
  type: number;
  algorithm: number;
}
const algorithmPayload: Codec<AlgorithmPayload> = {
  read: (r) => {
    const type = r.u8();
    r.u16le();
    const len = r.u8();
    if (len !== 8 && len !== 0) r.invalid(`algorithm payload length ${len}`);
    if (len === 0) return { type, algorithm: 0 };
    const algorithm = r.u8() & 0x3f;
    r.bytes(3);
    return { type, algorithm };
  },
  write: (w, v) => void w.u8(v.type).u16le(0).u8(8).u8(v.algorithm).u8(0).u16le(0),
};

// v2.0 §13.17, Table 13-17
export const OpenSessionRequest = struct({
  tag: u8,
  /** 0 = highest level matching proposed algorithms. */
  privilege: bits({ level: [0, 4] }),
  reserved: u16le,
  consoleSessionId: u32le,
  auth: algorithmPayload,
  integrity: algorithmPayload,
  confidentiality: algorithmPayload,
});

// v2.0 §13.18, Table 13-18. On a non-zero status only tag, status, privilege, reserved and the
// console session ID are sent.
export interface OpenSessionResponseValue {
  tag: number;
  status: number;
  maxPrivilege: number;
  consoleSessionId: number;
  bmcSessionId?: number;
  auth?: AlgorithmPayload;
  integrity?: AlgorithmPayload;
  confidentiality?: AlgorithmPayload;
}
export const OpenSessionResponse: Codec<OpenSessionResponseValue> = {
  read: (r) => {
    const v: OpenSessionResponseValue = { tag: r.u8(), status: r.u8(), maxPrivilege: r.u8() & 0x0f, consoleSessionId: 0 };
    r.u8();
    v.consoleSessionId = r.u32le();
    if (r.remaining > 0) {
      v.bmcSessionId = r.u32le();
      v.auth = algorithmPayload.read(r);
      v.integrity = algorithmPayload.read(r);
      v.confidentiality = algorithmPayload.read(r);
    }
    return v;
  },
  write: (w, v) => {
    w.u8(v.tag).u8(v.status).u8(v.maxPrivilege).u8(0).u32le(v.consoleSessionId);
    if (v.bmcSessionId !== undefined) {
      w.u32le(v.bmcSessionId);
      algorithmPayload.write(w, v.auth!);
      algorithmPayload.write(w, v.integrity!);
      algorithmPayload.write(w, v.confidentiality!);
    }
  },
};

/** User name, 0-16 bytes with a length byte before it. */
const userName: Codec<string> = {
  read: (r) => {
    const n = r.u8();
    if (n > 16) throw new DecodeError(r.what, 'invalid', r.pos - 1, `user name length ${n}`);
    return r.bytes(n).toString('latin1');
  },
  write: (w, v) => void w.u8(Buffer.byteLength(v, 'latin1')).bytes(Buffer.from(v, 'latin1')),
};

// v2.0 §13.20, Table 13-20
export const Rakp1 = struct({
  tag: u8,
  reserved: bytes(3),
  bmcSessionId: u32le,
  consoleRandom: bytes(16),
  /** Requested maximum privilege (bits 3:0) and name-only lookup (bit 4): the ROLEm byte. */
  role: u8,
  reserved2: u16le,
  userName,
});

// v2.0 §13.21, Table 13-21
export const Rakp2 = struct({
  tag: u8,
  status: u8,
  reserved: u16le,
  consoleSessionId: u32le,
  bmcRandom: optional(bytes(16)),
  bmcGuid: optional(bytes(16)),
  authCode: optional(rest()),
});

// v2.0 §13.22, Table 13-22
export const Rakp3 = struct({
  tag: u8,
  status: u8,
  reserved: u16le,
  bmcSessionId: u32le,
  authCode: optional(rest()),
});

// v2.0 §13.23, Table 13-23
export const Rakp4 = struct({
  tag: u8,
  status: u8,
  reserved: u16le,
  consoleSessionId: u32le,
  integrityCheck: optional(rest()),
});

/** The values both sides of a RAKP exchange know after RAKP 1 and 2. */
export interface RakpContext {
  auth: number;
  consoleSessionId: number;
  bmcSessionId: number;
  consoleRandom: Buffer;
  bmcRandom: Buffer;
  bmcGuid: Buffer;
  role: number;
  userName: string;
  /** Kuid: the user's password as a 20-byte (or 16) key. */
  userKey: Buffer;
  /** K_g; when empty/undefined, Kuid is used (v2.0 §13.31). */
  kg?: Buffer;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const nameBytes = (c: RakpContext) => Buffer.concat([Buffer.from([c.role, Buffer.byteLength(c.userName, 'latin1')]), Buffer.from(c.userName, 'latin1')]);

/** RAKP 2 Key Exchange Authentication Code: HMAC_Kuid(SIDm, SIDc, Rm, Rc, GUIDc, ROLEm, ULENGTHm, UNAMEm). */
export function rakp2AuthCode(c: RakpContext): Buffer {
  return authHmac(c.auth, c.userKey, Buffer.concat([u32(c.consoleSessionId), u32(c.bmcSessionId), c.consoleRandom, c.bmcRandom, c.bmcGuid, nameBytes(c)]));
}
/** RAKP 3 Key Exchange Authentication Code: HMAC_Kuid(Rc, SIDm, ROLEm, ULENGTHm, UNAMEm). */
export function rakp3AuthCode(c: RakpContext): Buffer {
  return authHmac(c.auth, c.userKey, Buffer.concat([c.bmcRandom, u32(c.consoleSessionId), nameBytes(c)]));
}
/** SIK = HMAC_KG(Rm, Rc, ROLEm, ULENGTHm, UNAMEm) (v2.0 §13.31). */
export function sessionIntegrityKey(c: RakpContext): Buffer {
  const kg = c.kg && c.kg.length > 0 ? c.kg : c.userKey;
  return authHmac(c.auth, kg, Buffer.concat([c.consoleRandom, c.bmcRandom, nameBytes(c)]));
}
/** RAKP 4 Integrity Check Value: HMAC_SIK(Rm, SIDc, GUIDc), truncated per algorithm. */
export function rakp4Icv(c: RakpContext, sik: Buffer, length: number): Buffer {
  return authHmac(c.auth, sik, Buffer.concat([c.consoleRandom, u32(c.bmcSessionId), c.bmcGuid])).subarray(0, length);
}
