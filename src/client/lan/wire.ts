import { DecodeError } from '../../lib/errors';
import { randomPool, takeRandom } from '../../lib/random';
import { AuthType, CipherSuite, v15AuthCode } from '../../codec/session/algorithms';
import { PayloadType, SessionKeys, decodeV15, decodeV20, encodeV15, encodeV20, openV20 } from '../../codec/session/packet';

/**
 * An established session as packets see it: wraps outgoing IPMB messages in the session
 * header (with the next session sequence number, AuthCode, encryption) and unwraps answers.
 */
export interface SessionWire {
  readonly version: '2.0' | '1.5';
  /** The ID the console puts in its packets (the BMC's session ID). */
  readonly id: number;
  /** The ID the BMC puts in its answers (RMCP+: the console's session ID; v1.5: the same ID). */
  readonly inboundId: number;
  /** Highest privilege the session may use. */
  readonly maxPrivilege: number;
  readonly suite?: CipherSuite;
  wrap(ipmb: Buffer): Buffer;
  /** The IPMB message of an answer in this session; DecodeError when it fails its checks. */
  unwrap(packet: Buffer): Buffer;
}

function nextSeq(n: number): number {
  return (n + 1) >>> 0 || 1;
}

/** RMCP+ session (v2.0 §13.6, §13.28-13.29): outbound sequence numbers start at 1. */
export class V20Wire implements SessionWire {
  readonly version = '2.0';
  private seq = 1;
  constructor(
    readonly id: number,
    readonly inboundId: number,
    readonly keys: SessionKeys,
    readonly suite: CipherSuite,
    readonly maxPrivilege: number,
  ) {}
  wrap(ipmb: Buffer): Buffer {
    const seq = this.seq;
    this.seq = nextSeq(this.seq);
    return encodeV20({ payloadType: PayloadType.Ipmi, sessionId: this.id, seq, payload: ipmb }, this.keys, randomPool(), takeRandom(16));
  }
  unwrap(packet: Buffer): Buffer {
    const pkt = decodeV20(packet, this.keys.integrity);
    if (pkt.payloadType !== PayloadType.Ipmi) throw new DecodeError('RMCP+ session', 'invalid', 5, `payload type 0x${pkt.payloadType.toString(16)} in an IPMI session`);
    const payload = openV20(pkt, this.keys);
    if (!payload) throw new DecodeError('RMCP+ session', 'invalid', 0, 'integrity check or decryption failed');
    return payload;
  }

  /**
   * Another payload type in the session (SOL, issue 9), encrypted and authenticated as its
   * activation says (v2.0 §24.1), under the session's next sequence number.
   */
  wrapPayload(payloadType: number, payload: Buffer, protect: PayloadProtection): Buffer {
    const seq = this.seq;
    this.seq = nextSeq(this.seq);
    return encodeV20({ payloadType, sessionId: this.id, seq, payload }, this.keysFor(protect.encrypt, protect.authenticate), randomPool(), takeRandom(16));
  }

  /** A non-IPMI payload of this session, checked as its own header says and as `required` demands. */
  unwrapPayload(packet: Buffer, required: PayloadProtection): { payloadType: number; payload: Buffer } {
    const pkt = decodeV20(packet, this.keys.integrity);
    if ((pkt.encrypted && !this.keys.confidentiality) || (pkt.authenticated && !this.keys.integrity))
      throw new DecodeError('RMCP+ session', 'invalid', 5, 'protected by an algorithm the session did not negotiate');
    if ((required.encrypt && !pkt.encrypted) || (required.authenticate && !pkt.authenticated))
      throw new DecodeError('RMCP+ session', 'invalid', 5, `payload type 0x${pkt.payloadType.toString(16)} less protected than its activation`);
    const payload = openV20(pkt, this.keysFor(pkt.encrypted, pkt.authenticated));
    if (!payload) throw new DecodeError('RMCP+ session', 'invalid', 0, 'integrity check or decryption failed');
    return { payloadType: pkt.payloadType, payload };
  }

  private keysFor(encrypt: boolean, authenticate: boolean): SessionKeys {
    const k = this.keys;
    return encrypt && authenticate ? k : { ...k, confidentiality: encrypt ? k.confidentiality : 0, integrity: authenticate ? k.integrity : 0 };
  }
}

/** How a payload instance's packets are protected (Activate Payload, v2.0 §24.1). */
export interface PayloadProtection {
  encrypt: boolean;
  authenticate: boolean;
}

/**
 * IPMI v1.5 session (v2.0 §13.6, §22.17): every packet carries the AuthCode of the session's
 * authentication type; the console's sequence numbers start at the BMC's Initial Inbound
 * Sequence Number. `fixedSeq` serves Activate Session, which goes out with sequence 0 under
 * the temporary session ID.
 */
export class V15Wire implements SessionWire {
  readonly version = '1.5';
  constructor(
    readonly id: number,
    readonly authType: number,
    private readonly password16: Buffer,
    private seq: number,
    readonly maxPrivilege: number,
    private readonly fixedSeq = false,
    /** Accept unauthenticated answers (the BMC said per-message authentication is disabled). */
    private readonly acceptNone = false,
  ) {}
  get inboundId(): number {
    return this.id;
  }
  wrap(ipmb: Buffer): Buffer {
    const seq = this.seq;
    if (!this.fixedSeq) this.seq = nextSeq(this.seq);
    return encodeV15({ authType: this.authType, seq, sessionId: this.id, message: ipmb }, this.password16);
  }
  unwrap(packet: Buffer): Buffer {
    const pkt = decodeV15(packet);
    if (pkt.authType === AuthType.None) {
      if (this.authType !== AuthType.None && !this.acceptNone) throw new DecodeError('IPMI v1.5 session', 'invalid', 4, 'unauthenticated answer in an authenticated session');
      return pkt.message;
    }
    if (pkt.authType !== this.authType) throw new DecodeError('IPMI v1.5 session', 'invalid', 4, `auth type ${pkt.authType}, session uses ${this.authType}`);
    const want = v15AuthCode(pkt.authType, this.password16, pkt.sessionId, pkt.message, pkt.seq);
    if (!pkt.authCode || !want.equals(pkt.authCode)) throw new DecodeError('IPMI v1.5 session', 'invalid', 13, 'AuthCode mismatch');
    return pkt.message;
  }
}
