import type { Logger } from '../lib/logger';
import { andThen, MaybePromise } from '../lib/maybe';
import { randomBytes, randomPool, randomUInt32, takeRandom } from '../lib/random';
import { DecodeError } from '../lib/errors';
import { decodeRmcpHeader, decodeAsf, presencePong, RmcpClass, AsfType } from '../codec/rmcp';
import { decodeIpmb, encodeResponse, IpmbMessage } from '../codec/message/ipmb';
import { NetFn, Privilege } from '../codec/message/netfn';
import { CC } from '../codec/message/completion-codes';
import { decode, encode } from '../codec/fields';
import {
  AuthType,
  sessionKeys,
  suiteByAlgorithms,
  authHashLength,
  deriveK,
  rakp4IcvLength,
  decodeV15,
  encodeV15,
  decodeV20,
  peekV20SessionId,
  encodeV20,
  openV20,
  PayloadType,
  V20Packet,
  OpenSessionRequest,
  OpenSessionResponse,
  Rakp1,
  Rakp2,
  Rakp3,
  Rakp4,
  RakpStatus,
  RakpContext,
  rakp2AuthCode,
  rakp3AuthCode,
  sessionIntegrityKey,
  rakp4Icv,
  v15AuthCode,
} from '../codec/session';
import { ActivateSession, ActivateSessionCC } from '../codec/commands/app/activate-session';
import type { VirtualBmc } from './device';
import { LAN_CHANNEL } from './device';
import { Session, initialPrivilege } from './sessions';
import { NO_ACCESS } from './state/users';
import type { PayloadSecurity, SolLanTransport } from './sol/service';

export interface Peer {
  address: string;
  port: number;
}

/** Where a v1.5 Activate Session or a session message came from, for the reply. */
interface Reply15 {
  authType: number;
  sessionId: number;
  seq: number;
  password16?: Buffer;
}

/**
 * The LAN protocol engine of one virtual BMC: RMCP, ASF ping, IPMI v1.5 sessions and RMCP+
 * (Open Session, RAKP 1-4, authenticated/encrypted payloads). Takes a datagram, returns the
 * datagrams to send back. Malformed input is dropped and logged at debug; it never throws.
 */
export class LanEngine implements SolLanTransport {
  private readonly log: Logger;
  /**
   * Where packets nobody asked for go (SOL output and ACKs, issue 9): the server sets it with
   * the UDP port it listens on. Without it SOL packets to the console are dropped.
   */
  sink?: (packet: Buffer, peer: Peer) => void;
  port?: number;

  constructor(
    readonly bmc: VirtualBmc,
    readonly channel = LAN_CHANNEL,
  ) {
    this.log = bmc.log.child({ transport: 'lan' });
    bmc.sol.bindLan(this);
  }

  /** As handleNow(), always as a promise. */
  async handle(buf: Buffer, peer: Peer): Promise<Buffer[]> {
    return this.handleNow(buf, peer);
  }

  /** The answer datagrams: synchronously unless a command handler waits (then a promise). */
  handleNow(buf: Buffer, peer: Peer): MaybePromise<Buffer[]> {
    try {
      const rmcp = decodeRmcpHeader(buf);
      if (rmcp.cls === RmcpClass.Asf) {
        const asf = decodeAsf(buf);
        if (asf.type === AsfType.Ping) return [presencePong(asf.tag, rmcp.sequence)];
        return [];
      }
      if (rmcp.cls !== RmcpClass.Ipmi || rmcp.ack) return [];
      if (buf.length < 5) throw new DecodeError('IPMI session', 'short', buf.length);
      const out = buf[4] === AuthType.RmcpPlus ? this.handleV20(buf, peer) : this.handleV15(buf, peer);
      if (out instanceof Promise)
        return out.then(
          (o) => (o ? [o] : []),
          (e) => this.failed(e, buf, peer),
        );
      return out ? [out] : [];
    } catch (e) {
      return this.failed(e, buf, peer);
    }
  }

  private failed(e: unknown, buf: Buffer, peer: Peer): Buffer[] {
    if (e instanceof DecodeError) {
      this.log.debug({ peer: `${peer.address}:${peer.port}`, err: e.message, hex: buf.subarray(0, 64).toString('hex') }, 'dropped malformed packet');
      return [];
    }
    this.log.error({ peer: `${peer.address}:${peer.port}`, err: e instanceof Error ? e.stack : String(e) }, 'packet handling failed');
    return [];
  }

  // ---------------------------------------------------------------- IPMI v1.5

  private handleV15(buf: Buffer, peer: Peer): MaybePromise<Buffer | undefined> {
    const sessions = this.bmc.sessions;
    const pkt = decodeV15(buf);
    const msg = decodeIpmb(pkt.message);
    if (pkt.sessionId === 0) {
      if (pkt.authType !== AuthType.None) return undefined;
      return andThen(this.dispatch(msg, undefined, 0, peer), (rsp) => encodeV15({ authType: AuthType.None, seq: 0, sessionId: 0, message: rsp }));
    }
    const challenge = sessions.challenges.get(pkt.sessionId);
    if (challenge && msg.netFn === NetFn.App && msg.cmd === ActivateSession.cmd) return this.activateSession(pkt, msg, peer);
    const s = sessions.get(pkt.sessionId);
    if (!s || s.ipmiVersion !== '1.5') {
      this.log.debug({ peer: `${peer.address}:${peer.port}`, sessionId: pkt.sessionId }, 'v1.5 packet for unknown session dropped');
      return undefined;
    }
    if (pkt.authType !== s.authType) return undefined;
    if (pkt.authType !== AuthType.None) {
      const want = v15AuthCode(pkt.authType, s.password16!, pkt.sessionId, pkt.message, pkt.seq);
      if (!pkt.authCode || !want.equals(pkt.authCode)) {
        this.log.debug({ sessionId: s.id }, 'v1.5 AuthCode mismatch; dropped');
        return undefined;
      }
    }
    if (!sessions.acceptSeq(s, pkt.seq)) {
      this.log.debug({ sessionId: s.id, seq: pkt.seq }, 'v1.5 sequence number outside window or replayed; dropped');
      return undefined;
    }
    sessions.touch(s);
    return andThen(this.dispatch(msg, s, s.privilege, peer), (rsp) => {
      const out = encodeV15({ authType: s.authType!, seq: this.nextOut(s), sessionId: s.id, message: rsp }, s.password16);
      this.afterReply(s);
      return out;
    });
  }

  /** Activate Session (v2.0 §22.17): the request carries the temporary session ID and an AuthCode. */
  private activateSession(pkt: ReturnType<typeof decodeV15>, msg: IpmbMessage, peer: Peer): Buffer | undefined {
    const sessions = this.bmc.sessions;
    const ch = sessions.challenges.get(pkt.sessionId)!;
    const key = this.bmc.users.key(ch.user, 16);
    if (pkt.authType !== ch.authType) return undefined;
    if (pkt.authType !== AuthType.None) {
      const want = v15AuthCode(pkt.authType, key, pkt.sessionId, pkt.message, pkt.seq);
      if (!pkt.authCode || !want.equals(pkt.authCode)) {
        this.log.info({ peer: `${peer.address}:${peer.port}`, user: ch.user.name }, 'v1.5 activation refused: bad password');
        sessions.challenges.delete(pkt.sessionId);
        return undefined;
      }
    }
    const reply: Reply15 = { authType: pkt.authType, sessionId: pkt.sessionId, seq: 0, password16: key };
    const answer = (cc: number, data: Buffer = Buffer.alloc(0)) =>
      encodeV15({ authType: reply.authType, seq: reply.seq, sessionId: reply.sessionId, message: encodeResponse(msg, cc, data) }, reply.password16);
    let req;
    try {
      req = decode(ActivateSession.request, msg.data, ActivateSession.name);
    } catch (e) {
      if (e instanceof DecodeError) return answer(CC.RequestLengthInvalid);
      throw e;
    }
    if (!req.challenge.equals(ch.challenge) || req.authType.type !== ch.authType) return answer(ActivateSessionCC.invalidSessionId);
    // The response already carries the first outbound sequence number the console asked for:
    // FreeIPMI starts its receive window from this header (ipmi_sim does the same).
    reply.seq = req.initialOutboundSeq;
    const limit = Math.min(this.bmc.users.access(ch.user, this.channel).privilegeLimit, this.bmc.settings.channelAccess(this.channel).privilegeLimit);
    const max = req.maxPrivilege.level;
    if (max < Privilege.callback || max > Privilege.administrator || max > limit) return answer(ActivateSessionCC.privilegeExceedsLimit);
    // The authentication type must be enabled for the requested level (LAN parameter 2).
    if (!authTypeEnabled(this.bmc.lan.authTypesEnabled(max), ch.authType)) return answer(CC.InvalidDataField);
    if (!sessions.hasRoom()) return answer(ActivateSessionCC.noSessionSlot);
    sessions.challenges.delete(pkt.sessionId);
    const inbound = randomUInt32() || 1;
    const s = sessions.open({
      id: pkt.sessionId,
      consoleId: pkt.sessionId,
      userId: ch.user.id,
      userName: ch.user.name,
      maxPrivilege: max,
      privilege: initialPrivilege(max),
      ipmiVersion: '1.5',
      peer,
      channel: this.channel,
      authType: ch.authType,
      password16: key,
      outboundSeq: (req.initialOutboundSeq + 1) >>> 0 || 1,
      inHigh: (inbound - 1) >>> 0,
    });
    this.log.info({ peer: `${peer.address}:${peer.port}`, session: s.id, user: s.userName, max }, 'IPMI v1.5 session opened');
    return answer(
      CC.Ok,
      encode(ActivateSession.response, { authType: { type: ch.authType }, sessionId: s.id, initialInboundSeq: inbound, maxPrivilege: { level: max } }),
    );
  }

  // ---------------------------------------------------------------- RMCP+

  private handleV20(buf: Buffer, peer: Peer): MaybePromise<Buffer | undefined> {
    const sessions = this.bmc.sessions;
    // The session ID sits at a fixed offset unless the payload is OEM explicit.
    const sid = peekV20SessionId(buf);
    if (sid === undefined) throw new DecodeError('RMCP+ session', 'short', buf.length, 'session header');
    if (sid === 0) {
      const first = decodeV20(buf);
      switch (first.payloadType) {
        case PayloadType.OpenSessionRequest:
          return this.openSession(first.payload, peer);
        case PayloadType.Rakp1:
          return this.rakp1(first.payload, peer);
        case PayloadType.Rakp3:
          return this.rakp3(first.payload, peer);
        case PayloadType.Ipmi: {
          if (first.authenticated || first.encrypted) return undefined;
          const msg = decodeIpmb(first.payload);
          return andThen(this.dispatch(msg, undefined, 0, peer), (rsp) => encodeV20({ payloadType: PayloadType.Ipmi, sessionId: 0, seq: 0, payload: rsp }));
        }
        default:
          return undefined;
      }
    }
    const s = sessions.get(sid);
    if (!s || s.ipmiVersion !== '2.0') {
      this.log.debug({ peer: `${peer.address}:${peer.port}`, sessionId: sid }, 'RMCP+ packet for unknown session dropped');
      return undefined;
    }
    const pkt = decodeV20(buf, s.keys!.integrity);
    if (pkt.payloadType === PayloadType.Sol) return this.solPacket(s, pkt);
    const payload = openV20(pkt, s.keys!);
    if (!payload) {
      this.log.debug({ session: s.id }, 'RMCP+ integrity or decryption failed; dropped');
      return undefined;
    }
    if (!sessions.acceptSeq(s, pkt.seq)) {
      this.log.debug({ session: s.id, seq: pkt.seq }, 'RMCP+ sequence number outside window or replayed; dropped');
      return undefined;
    }
    sessions.touch(s);
    if (pkt.payloadType !== PayloadType.Ipmi) return undefined;
    const msg = decodeIpmb(payload);
    return andThen(this.dispatch(msg, s, s.privilege, peer), (rsp) => {
      const out = encodeV20({ payloadType: PayloadType.Ipmi, sessionId: s.consoleId, seq: this.nextOut(s), payload: rsp }, s.keys, randomPool(), takeRandom(16));
      this.afterReply(s);
      return out;
    });
  }

  // ---------------------------------------------------------------- SOL (issue 9)

  /**
   * A SOL payload (v2.0 §15.9) in a session whose instance is active: authenticated and
   * encrypted as the instance requires (v2.0 §24.1: per the activation and the cipher suite;
   * a console may protect more than required, never less), in the session's sequence window.
   * Everything the instance answers goes out through `sink`.
   */
  private solPacket(s: Session, pkt: V20Packet): undefined {
    const need = this.bmc.sol.securityFor(s.id);
    const k = s.keys!;
    if (!need || (need.encrypt && !pkt.encrypted) || (need.authenticate && !pkt.authenticated) || (pkt.encrypted && !k.confidentiality) || (pkt.authenticated && !k.integrity)) {
      this.log.debug({ session: s.id, active: !!need, encrypted: pkt.encrypted, authenticated: pkt.authenticated }, 'SOL packet not for an active instance, or less protected than it requires; dropped');
      return undefined;
    }
    const payload = openV20(pkt, pkt.encrypted && pkt.authenticated ? k : { ...k, integrity: pkt.authenticated ? k.integrity : 0, confidentiality: pkt.encrypted ? k.confidentiality : 0 });
    if (!payload) {
      this.log.debug({ session: s.id }, 'SOL packet integrity or decryption failed; dropped');
      return undefined;
    }
    if (!this.bmc.sessions.acceptSeq(s, pkt.seq)) {
      this.log.debug({ session: s.id, seq: pkt.seq }, 'SOL packet sequence number outside window or replayed; dropped');
      return undefined;
    }
    this.bmc.sessions.touch(s);
    this.bmc.sol.receive(s, payload);
    return undefined;
  }

  /** A SOL payload to the session's console, protected as its instance was activated. */
  transmit(s: Session, payload: Buffer, sec: PayloadSecurity): void {
    if (!this.sink || !this.bmc.sessions.active.has(s.id)) return;
    const k = s.keys!;
    const keys = sec.encrypt && sec.authenticate ? k : { ...k, integrity: sec.authenticate ? k.integrity : 0, confidentiality: sec.encrypt ? k.confidentiality : 0 };
    this.sink(encodeV20({ payloadType: PayloadType.Sol, sessionId: s.consoleId, seq: this.nextOut(s), payload }, keys, randomPool(), takeRandom(16)), s.peer);
  }

  private openSession(payload: Buffer, peer: Peer): Buffer {
    const sec = this.bmc.profile.security;
    const sessions = this.bmc.sessions;
    let req;
    try {
      req = decode(OpenSessionRequest, payload, 'Open Session Request', true);
    } catch (e) {
      if (!(e instanceof DecodeError) || payload.length < 8) throw e;
      const tag = payload[0];
      return this.v20Out(PayloadType.OpenSessionResponse, encode(OpenSessionResponse, { tag, status: RakpStatus.IllegalParameter, maxPrivilege: 0, consoleSessionId: payload.readUInt32LE(4) }));
    }
    const fail = (status: number) => {
      this.log.info({ peer: `${peer.address}:${peer.port}`, status }, 'RMCP+ Open Session refused');
      return this.v20Out(PayloadType.OpenSessionResponse, encode(OpenSessionResponse, { tag: req.tag, status, maxPrivilege: 0, consoleSessionId: req.consoleSessionId }));
    };
    if (req.auth.type !== 0 || req.integrity.type !== 1 || req.confidentiality.type !== 2) return fail(RakpStatus.IllegalParameter);
    const suite = suiteByAlgorithms(req.auth.algorithm, req.integrity.algorithm, req.confidentiality.algorithm);
    // Offered suites and their privilege caps come from LAN parameters 23/24 (settable with ipmitool lan set).
    const suiteMax = suite ? this.bmc.lan.cipherSuiteMaxPrivilege(suite.id) : 0;
    if (!suite || suiteMax === 0) {
      if (suite?.id === 0 && !sec.allowCipherZero) this.log.warn({ peer: `${peer.address}:${peer.port}` }, 'cipher suite 0 requested and refused (security.allowCipherZero is false)');
      return fail(RakpStatus.NoCipherSuiteMatch);
    }
    const channelLimit = Math.min(suiteMax, this.bmc.settings.channelAccess(this.channel).privilegeLimit);
    const requested = req.privilege.level;
    if (requested > Privilege.administrator || requested > channelLimit) return fail(RakpStatus.InvalidRole);
    if (!sessions.hasRoom()) return fail(RakpStatus.InsufficientResources);
    const bmcSessionId = sessions.newId();
    // "0 = highest level matching the proposed algorithms": answer the real limit (channel and
    // suite), not 0 — FreeIPMI refuses a 0 here (ipmi_sim does that; research note §2).
    const maxPrivilege = requested === 0 ? channelLimit : requested;
    if (!sessions.addPending({ bmcSessionId, consoleSessionId: req.consoleSessionId, suite, requestedPrivilege: maxPrivilege, created: this.bmc.clock.monotonic(), peer }))
      return fail(RakpStatus.InsufficientResources);
    return this.v20Out(
      PayloadType.OpenSessionResponse,
      encode(OpenSessionResponse, {
        tag: req.tag,
        status: RakpStatus.Ok,
        maxPrivilege,
        consoleSessionId: req.consoleSessionId,
        bmcSessionId,
        auth: { type: 0, algorithm: suite.auth },
        integrity: { type: 1, algorithm: suite.integrity },
        confidentiality: { type: 2, algorithm: suite.confidentiality },
      }),
    );
  }

  private rakp1(payload: Buffer, peer: Peer): Buffer | undefined {
    const sec = this.bmc.profile.security;
    const sessions = this.bmc.sessions;
    let req;
    try {
      req = decode(Rakp1, payload, 'RAKP Message 1');
    } catch (e) {
      if (e instanceof DecodeError && payload.length >= 8) {
        const p = sessions.pending.get(payload.readUInt32LE(4));
        if (!p) return undefined;
        sessions.pending.delete(p.bmcSessionId);
        return this.v20Out(PayloadType.Rakp2, encode(Rakp2, { tag: payload[0], status: RakpStatus.InvalidNameLength, reserved: 0, consoleSessionId: p.consoleSessionId }));
      }
      throw e;
    }
    const p = sessions.pending.get(req.bmcSessionId);
    if (!p || p.rakp1) return undefined;
    const fail = (status: number, why: string) => {
      sessions.pending.delete(p.bmcSessionId);
      this.log.info({ peer: `${peer.address}:${peer.port}`, user: req.userName, status }, `RMCP+ login refused: ${why}`);
      return this.v20Out(PayloadType.Rakp2, encode(Rakp2, { tag: req.tag, status, reserved: 0, consoleSessionId: p.consoleSessionId }));
    };
    const level = req.role & 0x0f;
    if (level < Privilege.callback || level > Privilege.administrator || (req.role & 0xe0) !== 0) return fail(RakpStatus.InvalidRole, 'invalid role');
    if (req.userName === '' && !sec.allowAnonymous) return fail(RakpStatus.UnauthorizedName, 'anonymous login is disabled');
    const user = this.bmc.users.findByName(req.userName);
    if (!user || !user.enabled) return fail(RakpStatus.UnauthorizedName, 'unknown or disabled user');
    const access = this.bmc.users.access(user, this.channel);
    if (access.privilegeLimit === NO_ACCESS || !access.ipmiMessaging) return fail(RakpStatus.UnauthorizedName, 'user has no access on this channel');
    if (level > access.privilegeLimit || level > p.requestedPrivilege) return fail(RakpStatus.UnauthorizedRole, 'requested privilege above the user limit');
    const bmcRandom = randomBytes(16);
    const userKey = this.bmc.users.key(user, 20);
    p.rakp1 = { consoleRandom: req.consoleRandom, bmcRandom, role: req.role, userName: req.userName, user, userKey };
    const ctx = this.rakpContext(p);
    return this.v20Out(
      PayloadType.Rakp2,
      encode(Rakp2, { tag: req.tag, status: RakpStatus.Ok, reserved: 0, consoleSessionId: p.consoleSessionId, bmcRandom, bmcGuid: ctx.bmcGuid, authCode: rakp2AuthCode(ctx) }),
    );
  }

  private rakp3(payload: Buffer, peer: Peer): Buffer | undefined {
    const sessions = this.bmc.sessions;
    const req = decode(Rakp3, payload, 'RAKP Message 3');
    const p = sessions.pending.get(req.bmcSessionId);
    if (!p || !p.rakp1) return undefined;
    sessions.pending.delete(p.bmcSessionId);
    const r4 = (status: number, icv?: Buffer) =>
      this.v20Out(PayloadType.Rakp4, encode(Rakp4, { tag: req.tag, status, reserved: 0, consoleSessionId: p.consoleSessionId, integrityCheck: icv }));
    if (req.status !== RakpStatus.Ok) {
      // The console rejected RAKP 2 (usually a wrong password): nothing is opened.
      this.log.info({ peer: `${peer.address}:${peer.port}`, user: p.rakp1.userName, status: req.status }, 'RMCP+ login abandoned by the console at RAKP 3');
      return undefined;
    }
    const ctx = this.rakpContext(p);
    const want = rakp3AuthCode(ctx);
    if (!want.equals(req.authCode ?? Buffer.alloc(0))) {
      this.log.info({ peer: `${peer.address}:${peer.port}`, user: p.rakp1.userName }, 'RMCP+ login refused: RAKP 3 authentication code mismatch');
      return r4(RakpStatus.InvalidIntegrityCheckValue);
    }
    if (!sessions.hasRoom()) return r4(RakpStatus.InsufficientResources);
    const sik = sessionIntegrityKey(ctx);
    const auth = p.suite.auth;
    const k1 = auth ? deriveK(auth, sik, 1) : Buffer.alloc(20);
    const k2 = auth ? deriveK(auth, sik, 2) : Buffer.alloc(20);
    const level = p.rakp1.role & 0x0f;
    const s = sessions.open({
      id: p.bmcSessionId,
      consoleId: p.consoleSessionId,
      userId: p.rakp1.user.id,
      userName: p.rakp1.userName,
      maxPrivilege: level,
      privilege: initialPrivilege(level),
      ipmiVersion: '2.0',
      peer,
      channel: this.channel,
      suite: p.suite,
      keys: sessionKeys(p.suite.integrity, p.suite.confidentiality, k1, k2, this.bmc.users.key(p.rakp1.user, 16)),
      outboundSeq: 1,
    });
    this.log.info({ peer: `${peer.address}:${peer.port}`, session: s.id, user: s.userName, suite: p.suite.id, max: level }, 'RMCP+ session opened');
    return r4(RakpStatus.Ok, rakp4Icv(ctx, sik, rakp4IcvLength(auth)));
  }

  private rakpContext(p: NonNullable<ReturnType<LanEngine['bmc']['sessions']['pending']['get']>>): RakpContext {
    const kg = this.bmc.profile.security.kg;
    return {
      auth: p.suite.auth,
      consoleSessionId: p.consoleSessionId,
      bmcSessionId: p.bmcSessionId,
      consoleRandom: p.rakp1!.consoleRandom,
      bmcRandom: p.rakp1!.bmcRandom,
      bmcGuid: this.bmc.guidBytes(),
      role: p.rakp1!.role,
      userName: p.rakp1!.userName,
      userKey: p.rakp1!.userKey,
      kg: kg ? kgKey(kg, authHashLength(p.suite.auth)) : undefined,
    };
  }

  private v20Out(payloadType: number, payload: Buffer): Buffer {
    return encodeV20({ payloadType, sessionId: 0, seq: 0, payload });
  }

  // ---------------------------------------------------------------- common

  private nextOut(s: Session): number {
    const seq = s.outboundSeq >>> 0;
    s.outboundSeq = (s.outboundSeq + 1) >>> 0 || 1;
    return seq;
  }

  private afterReply(s: Session): void {
    if (s.closing) this.bmc.sessions.close(s, 'Close Session');
  }

  /** The response message bytes to `msg`. */
  private dispatch(msg: IpmbMessage, session: Session | undefined, privilege: number, peer: Peer): MaybePromise<Buffer> {
    // A child logger per request costs more than the request itself; only build one when it will print.
    const log = this.log.isLevelEnabled('debug') ? this.log.child({ peer: `${peer.address}:${peer.port}`, session: session?.id }) : this.log;
    // The IPMB message is already a RawRequest (netFn, cmd, data).
    const rsp = this.bmc.run(msg, { bmc: this.bmc, session, privilege, channel: this.channel, requester: { addr: msg.srcAddr, lun: msg.srcLun }, log });
    return rsp instanceof Promise ? rsp.then((r) => encodeResponse(msg, r.cc, r.data)) : encodeResponse(msg, rsp.cc, rsp.data);
  }
}

/** Is a v1.5 authentication type code in an enables set (v2.0 §23.2 parameter 2)? */
export function authTypeEnabled(set: { none: boolean; md2: boolean; md5: boolean; password: boolean; oem: boolean }, type: number): boolean {
  return type === AuthType.None ? set.none : type === AuthType.Md2 ? set.md2 : type === AuthType.Md5 ? set.md5 : type === AuthType.Password ? set.password : type === AuthType.Oem ? set.oem : false;
}

/** K_g as configured: a string padded with zeros to the key length (ipmitool -k / -y hex semantics). */
export function kgKey(kg: string, len: number): Buffer {
  const raw = /^0x[0-9a-f]+$/i.test(kg) ? Buffer.from(kg.slice(2), 'hex') : Buffer.from(kg, 'latin1');
  const k = Buffer.alloc(Math.max(20, len));
  raw.copy(k, 0, 0, k.length);
  return k.subarray(0, 20);
}
