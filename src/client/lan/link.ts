import dns from 'node:dns';
import { Clock, Timer, systemClock } from '../../lib/clock';
import { DecodeError, SessionError, TransportError } from '../../lib/errors';
import { Logger, silentLogger } from '../../lib/logger';
import type { AnyCommandDef, RequestOf, ResponseOf } from '../../codec/commands';
import { GetDeviceId } from '../../codec/commands/app';
import { CloseSession, GetChannelAuthCapabilities, SetSessionPrivilegeLevel } from '../../codec/commands/app/session-index';
import { BMC_SA, IpmbMessage, REMOTE_SWID, decodeIpmb, encodeIpmb } from '../../codec/message/ipmb';
import { Privilege, PrivilegeName } from '../../codec/message/netfn';
import { RmcpClass, decodeRmcpHeader } from '../../codec/rmcp';
import { AuthType, CipherSuite } from '../../codec/session/algorithms';
import { PayloadType, decodeV15, decodeV20, encodeV15, encodeV20 } from '../../codec/session/packet';
import { Sender, UdpSocket } from '../../transport/udp';
import { commandName, decodeAnswer, encodeCall } from '../answer';
import { Exchanges } from '../exchange';
import { DEFAULT_RETRY, IpmiLink, IpmiRequest, IpmiResponse, LinkOptions, LinkStats, RetryPolicy } from '../types';
import { Credentials, LoginIo, V15AuthTypeName, kgBytes, loginV15, loginV20 } from './login';
import { PayloadProtection, SessionWire, V20Wire } from './wire';

/** The RMCP port (v2.0 §13.1.2: 623 / 26Fh). */
export const RMCP_PORT = 623;

export interface LanOptions extends LinkOptions {
  host: string;
  /** UDP port, default 623. */
  port?: number;
  user: string;
  password: string;
  /** K_g, the BMC key for RMCP+ (v2.0 §13.31): a Buffer, "0x" + hex, or text. */
  kg?: Buffer | string;
  /** 'lanplus' (IPMI v2.0 RMCP+, default) or 'lan' (IPMI v1.5 sessions). */
  interface?: 'lanplus' | 'lan';
  /** RMCP+ cipher suite, or 'auto' (default): the BMC's list, 17 first, then 3 (lan/cipher-suites.ts). */
  cipherSuite?: number | 'auto';
  /** Session privilege (default 'administrator'); set with Set Session Privilege Level after login. */
  privilege?: PrivilegeName;
  /** IPMI v1.5 authentication type; default the best the channel offers (MD5, MD2, password, none). */
  authType?: V15AuthTypeName;
  /**
   * Send Get Device ID after this many ms without an answer in the session, so the BMC's
   * session inactivity timeout (v2.0 §6.12.15; 60 s on our virtual BMC, often 30 s on real
   * ones) never closes it. Default 15 000; 0 disables.
   */
  keepaliveMs?: number;
  /**
   * Requests in flight at once on the session (default 16, at most 32); the rest queue. Each
   * goes out with the next session sequence number, so the BMC sees them in order; 16 stays
   * inside the inbound window our virtual BMC keeps (v2.0 §6.12.13 leaves its size to the
   * BMC). Set 1 for BMCs that cannot take more than one request at a time.
   */
  maxInFlight?: number;
}

export const DEFAULT_KEEPALIVE_MS = 15_000;
export const DEFAULT_MAX_IN_FLIGHT = 16;

type Via = { wire: SessionWire; policy?: RetryPolicy } | { format: '1.5' | '2.0'; policy?: RetryPolicy };

/**
 * A BMC over UDP: one session shared by every caller, logged in on first use (RMCP+ or v1.5),
 * requests matched to answers by the IPMB rqSeq (6 bits) and checked by the session's
 * integrity, retransmitted with backoff under a fresh session sequence number each time.
 *
 * Losing the session (the BMC restarted, or closed it after its idle timeout) shows as silence
 * in the session. When an attempt goes unanswered, the link asks Get Channel Authentication
 * Capabilities outside the session; if the BMC answers that but nothing came back in the
 * session, the session is dropped and the request goes out again in a new one, once.
 */
export class LanLink implements IpmiLink {
  readonly target: string;
  readonly stats: LinkStats = { sent: 0, received: 0, retransmits: 0, logins: 0, garbage: 0 };
  private readonly host: string;
  private readonly port: number;
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly creds: Credentials;
  private readonly keepaliveMs: number;
  private readonly maxInFlight: number;
  private address?: string;
  private sock?: UdpSocket;
  private opening?: Promise<void>;
  /** The established session. */
  private wire?: SessionWire;
  /** Wires answers may arrive through, by `${version}:${inboundId}` (the session, an activation). */
  private readonly wires = new Map<string, SessionWire>();
  private loggingIn?: Promise<SessionWire>;
  /** The console session ID of the RMCP+ handshake under way (logins are one at a time). */
  private handshakeId = 0;
  private readonly exchanges: Exchanges<number | string>;
  /** Outstanding IPMB requests by rqSeq: the answer's NetFn/cmd and the wire they went through. */
  private readonly expect = new Map<number, { netFn: number; cmd: number; wire?: SessionWire }>();
  private nextRqSeq = 1;
  private inFlight = 0;
  private readonly queue: Array<() => void> = [];
  private lastSessionRx = 0;
  private keepalive?: Timer;
  private probing = false;
  private lastGarbage?: string;
  private closed = false;
  /** SessionErrors that mean "the session is gone, log in again and resend". */
  private readonly lost = new WeakSet<Error>();
  /** Receivers of other payload types in the session (SOL, issue 9), by payload type. */
  private readonly payloadHandlers = new Map<number, { required: PayloadProtection; fn: (payload: Buffer) => void }>();

  constructor(readonly opts: LanOptions) {
    this.host = opts.host;
    this.port = opts.port ?? RMCP_PORT;
    this.target = `${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${this.port}`;
    this.policy = { timeoutMs: opts.timeoutMs ?? DEFAULT_RETRY.timeoutMs, retries: opts.retries ?? DEFAULT_RETRY.retries, backoff: opts.backoff ?? DEFAULT_RETRY.backoff };
    this.clock = opts.clock ?? systemClock;
    this.log = (opts.log ?? silentLogger).child({ peer: this.target });
    this.creds = { user: opts.user, password: opts.password, kg: kgBytes(opts.kg), privilege: Privilege[opts.privilege ?? 'administrator'] };
    this.keepaliveMs = opts.keepaliveMs ?? DEFAULT_KEEPALIVE_MS;
    this.maxInFlight = Math.min(32, Math.max(1, opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT));
    this.exchanges = new Exchanges(this.clock, this.target, this.stats, () => this.lastGarbage);
  }

  /** The session's ID and cipher suite (undefined before login). */
  get session(): { id: number; version: '2.0' | '1.5'; suite?: number } | undefined {
    const w = this.wire;
    if (!w) return undefined;
    return w.suite ? { id: w.id, version: w.version, suite: w.suite.id } : { id: w.id, version: w.version };
  }

  /** The established session's cipher suite (RMCP+ only). */
  get suite(): CipherSuite | undefined {
    return this.wire?.suite;
  }

  /** The BMC's UDP port (Activate Payload names the port a payload uses; it must be this one). */
  get remotePort(): number {
    return this.port;
  }

  /**
   * Receive payloads of `payloadType` in the session (v2.0 §13.27.3: SOL is 01h), checked as
   * `required`; returns the unsubscribe function. Without a receiver they are dropped.
   */
  onPayload(payloadType: number, required: PayloadProtection, fn: (payload: Buffer) => void): () => void {
    const h = { required, fn };
    this.payloadHandlers.set(payloadType, h);
    return () => {
      if (this.payloadHandlers.get(payloadType) === h) this.payloadHandlers.delete(payloadType);
    };
  }

  /** Send a payload of another type in the established RMCP+ session (no answer is awaited here). */
  sendPayload(payloadType: number, payload: Buffer, protect: PayloadProtection): void {
    const w = this.wire;
    if (!(w instanceof V20Wire)) throw new SessionError(`no RMCP+ session to ${this.target} to carry payload type 0x${payloadType.toString(16)}`);
    this.transmit(w.wrapPayload(payloadType, payload, protect));
  }

  async request(req: IpmiRequest): Promise<IpmiResponse> {
    for (let round = 0; ; round++) {
      if (this.closed) throw new TransportError(`link to ${this.target} is closed`);
      const wire = await this.ensureSession();
      await this.acquire();
      try {
        return await this.send(req, { wire });
      } catch (e) {
        if (round === 0 && e instanceof Error && this.lost.has(e)) continue;
        throw e;
      } finally {
        this.release();
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.keepalive) this.clock.clear(this.keepalive);
    await this.loggingIn?.catch(() => undefined);
    const wire = this.wire;
    if (wire) {
      try {
        // v2.0 §22.19: the BMC's session ID closes the session; one short attempt is enough.
        await this.through(wire, CloseSession, { sessionId: wire.id }, { timeoutMs: Math.min(this.policy.timeoutMs, 500), retries: 0, backoff: 1 });
      } catch (e) {
        this.log.debug({ err: (e as Error).message }, 'Close Session failed');
      }
      this.wire = undefined;
    }
    this.exchanges.failAll(new TransportError(`link to ${this.target} closed`));
    for (const wake of this.queue.splice(0)) wake();
    await this.sock?.close();
    this.sock = undefined;
  }

  // ------------------------------------------------------------------ session

  private ensureSession(): Promise<SessionWire> {
    if (this.wire) return Promise.resolve(this.wire);
    this.loggingIn ??= this.login().finally(() => (this.loggingIn = undefined));
    return this.loggingIn;
  }

  private async login(): Promise<SessionWire> {
    await this.open();
    const io: LoginIo = {
      target: this.target,
      policy: this.policy,
      log: this.log,
      sessionless: (def, req, format, policy) => this.sessionless(def, req, format, policy),
      handshake: (type, payload, answer, consoleSessionId, what, policy) => this.handshake(type, payload, answer, consoleSessionId, what, policy),
      through: (wire, def, req) => this.through(wire, def, req),
      notify: (type, payload) => this.transmit(encodeV20({ payloadType: type, sessionId: 0, seq: 0, payload })),
    };
    const wire: SessionWire = this.opts.interface === 'lan' ? await loginV15(io, this.creds, this.opts.authType) : await loginV20(io, this.creds, this.opts.cipherSuite ?? 'auto');
    this.wires.set(wireKey(wire), wire);
    try {
      // Sessions start at User level (v2.0 §22.18); ipmitool raises it the same way.
      if (this.creds.privilege !== Privilege.user) await this.through(wire, SetSessionPrivilegeLevel, { privilege: { level: this.creds.privilege } });
    } catch (e) {
      this.wires.delete(wireKey(wire));
      void this.through(wire, CloseSession, { sessionId: wire.id }, { ...this.policy, retries: 0 }).catch(() => undefined);
      throw e;
    }
    this.stats.logins++;
    this.wire = wire;
    this.lastSessionRx = this.clock.monotonic();
    this.armKeepalive();
    this.log.info({ session: wire.id, version: wire.version, suite: wire.suite?.id }, 'session established');
    return wire;
  }

  private dropSession(wire: SessionWire, why: string): void {
    if (this.wire !== wire) return;
    this.wire = undefined;
    this.wires.delete(wireKey(wire));
    if (this.keepalive) this.clock.clear(this.keepalive);
    this.keepalive = undefined;
    this.log.info({ session: wire.id, why }, 'session lost');
    const err = new SessionError(`session ${wire.id} to ${this.target} lost: ${why}`);
    this.lost.add(err);
    this.exchanges.failAll(err, (k) => typeof k === 'number' && this.expect.get(k)?.wire === wire);
  }

  /** After an unanswered attempt in the session: does the BMC still answer outside it? */
  private checkSession(wire: SessionWire, since: number): void {
    if (this.probing || this.wire !== wire || this.closed) return;
    this.probing = true;
    const probe = { timeoutMs: this.policy.timeoutMs, retries: 0, backoff: 1 };
    this.sessionless(GetChannelAuthCapabilities, { channel: { extended: wire.version === '2.0', number: 0x0e }, privilege: { level: this.creds.privilege } }, '1.5', probe)
      .then(
        () => {
          if (this.wire === wire && this.lastSessionRx < since)
            this.dropSession(wire, 'the BMC answers outside the session but not in it (it restarted, or closed the session)');
        },
        () => undefined,
      )
      .finally(() => (this.probing = false));
  }

  /**
   * One timer per session: when it fires it either sends Get Device ID (nothing came back in
   * the session for keepaliveMs) or sleeps for the rest of the interval. Answers only update
   * lastSessionRx, so a busy session does not churn timers.
   */
  private armKeepalive(delay = this.keepaliveMs): void {
    if (this.keepaliveMs <= 0 || this.closed || this.keepalive) return;
    this.keepalive = this.clock.setTimeout(() => {
      this.keepalive = undefined;
      if (!this.wire || this.closed) return;
      const idle = this.clock.monotonic() - this.lastSessionRx;
      if (idle < this.keepaliveMs) return this.armKeepalive(this.keepaliveMs - idle);
      this.request(encodeCall(GetDeviceId, {})).then(
        () => undefined,
        (e) => this.log.debug({ err: (e as Error).message }, 'keepalive failed'),
      );
    }, Math.max(1, delay));
    this.keepalive.unref?.();
  }

  // ------------------------------------------------------------------ requests

  private async acquire(): Promise<void> {
    if (this.inFlight < this.maxInFlight) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((wake) => this.queue.push(wake));
    this.inFlight++;
  }
  private release(): void {
    this.inFlight--;
    this.queue.shift()?.();
  }

  private allocRqSeq(): number {
    for (let i = 0; i < 64; i++) {
      const s = this.nextRqSeq;
      this.nextRqSeq = (this.nextRqSeq + 1) & 0x3f;
      if (!this.expect.has(s)) return s;
    }
    throw new TransportError(`all 64 IPMB sequence numbers to ${this.target} are in use`);
  }

  private async sessionless<D extends AnyCommandDef>(def: D, req: RequestOf<D>, format: '1.5' | '2.0', policy?: RetryPolicy): Promise<ResponseOf<D>> {
    return decodeAnswer(def, await this.send(encodeCall(def, req), { format, policy }), this.target);
  }
  /** A request through `wire`; a wire that is not registered yet (Activate Session's) is, while it runs. */
  private async through<D extends AnyCommandDef>(wire: SessionWire, def: D, req: RequestOf<D>, policy?: RetryPolicy): Promise<ResponseOf<D>> {
    const key = wireKey(wire);
    const temporary = !this.wires.has(key);
    if (temporary) this.wires.set(key, wire);
    try {
      return decodeAnswer(def, await this.send(encodeCall(def, req), { wire, policy }), this.target);
    } finally {
      if (temporary) this.wires.delete(key);
    }
  }

  private async send(req: IpmiRequest, via: Via): Promise<IpmiResponse> {
    await this.open();
    const rqSeq = this.allocRqSeq();
    const ipmb = encodeIpmb({ destAddr: BMC_SA, netFn: req.netFn, destLun: req.lun ?? 0, srcAddr: REMOTE_SWID, seq: rqSeq, srcLun: 0, cmd: req.cmd, data: req.data });
    const wire = 'wire' in via ? via.wire : undefined;
    this.expect.set(rqSeq, { netFn: req.netFn | 1, cmd: req.cmd, wire });
    const started = this.clock.monotonic();
    try {
      const msg = await this.exchanges.start<IpmbMessage>(rqSeq, {
        what: commandName(req),
        policy: via.policy ?? this.policy,
        send: () => {
          if (wire) return this.transmit(wire.wrap(ipmb));
          if ((via as { format: string }).format === '2.0') return this.transmit(encodeV20({ payloadType: PayloadType.Ipmi, sessionId: 0, seq: 0, payload: ipmb }));
          this.transmit(encodeV15({ authType: AuthType.None, seq: 0, sessionId: 0, message: ipmb }));
        },
        // Probe after the retransmission has gone out, so its answer (if the session is fine) comes first.
        onAttemptTimeout: wire ? (n) => void (n === 0 && Promise.resolve().then(() => this.checkSession(wire, started))) : undefined,
      });
      if (msg.data.length === 0) throw new DecodeError(`${commandName(req)} response from ${this.target}`, 'short', 6, 'no completion code');
      return { cc: msg.data[0], data: Buffer.from(msg.data.subarray(1)) };
    } finally {
      this.expect.delete(rqSeq);
    }
  }

  private handshake(type: number, payload: Buffer, answer: number, consoleSessionId: number, what: string, policy: RetryPolicy): Promise<Buffer> {
    this.handshakeId = consoleSessionId;
    return this.exchanges.start<Buffer>(`hs:${answer}`, {
      what,
      policy,
      send: () => this.transmit(encodeV20({ payloadType: type, sessionId: 0, seq: 0, payload })),
    });
  }

  // ------------------------------------------------------------------ socket

  private open(): Promise<void> {
    this.opening ??= (async () => {
      let family = 4;
      try {
        const a = await dns.promises.lookup(this.host);
        this.address = a.address;
        family = a.family;
      } catch (e) {
        throw new TransportError(`cannot resolve ${this.host}: ${(e as Error).message}`);
      }
      this.sock = await UdpSocket.bind(family === 6 ? '::' : '0.0.0.0', 0, (data, from) => this.onDatagram(data, from));
    })();
    this.opening.catch(() => (this.opening = undefined));
    return this.opening;
  }

  private transmit(packet: Buffer): void {
    if (!this.sock || !this.address) throw new TransportError(`link to ${this.target} is not open`);
    this.sock.send(packet, this.port, this.address);
    this.stats.sent++;
  }

  private onDatagram(data: Buffer, from: Sender): void {
    if (from.address !== this.address || from.port !== this.port) return;
    this.stats.received++;
    try {
      this.onPacket(data);
    } catch (e) {
      if (e instanceof DecodeError) {
        this.stats.garbage++;
        this.lastGarbage = e.message;
        this.log.debug({ err: e.message, hex: data.subarray(0, 48).toString('hex') }, 'undecodable answer dropped');
        return;
      }
      this.log.error({ err: e instanceof Error ? e.stack : String(e) }, 'answer handling failed');
    }
  }

  private otherPayload(sessionId: number, payloadType: number, buf: Buffer): void {
    const wire = this.wires.get(`2.0:${sessionId}`);
    const h = this.payloadHandlers.get(payloadType)!;
    if (!(wire instanceof V20Wire) || wire !== this.wire) return this.log.debug({ session: sessionId, payloadType }, 'payload in a session we no longer have; dropped');
    const { payload } = wire.unwrapPayload(buf, h.required);
    this.lastSessionRx = this.clock.monotonic();
    h.fn(payload);
  }

  private onPacket(buf: Buffer): void {
    const rmcp = decodeRmcpHeader(buf);
    if (rmcp.cls !== RmcpClass.Ipmi) return;
    if (rmcp.ack) return;
    if (buf.length < 5) throw new DecodeError('IPMI session', 'short', buf.length, 'no auth type byte');
    let ipmb: Buffer;
    let from: SessionWire | undefined;
    if (buf[4] === AuthType.RmcpPlus) {
      const pkt = decodeV20(buf);
      if (pkt.payloadType !== PayloadType.Ipmi) {
        if (pkt.sessionId !== 0 && this.payloadHandlers.has(pkt.payloadType)) return this.otherPayload(pkt.sessionId, pkt.payloadType, buf);
        if (pkt.sessionId !== 0 || pkt.payload.length < 2) throw new DecodeError('RMCP+ handshake', 'short', 0, `payload type 0x${pkt.payloadType.toString(16)}`);
        // Answers carry the console session ID at bytes 4-7, except error answers from
        // ipmi_sim 2.0.33, which are only tag and status (2 bytes).
        if (pkt.payload.length >= 8 && pkt.payload.readUInt32LE(4) !== this.handshakeId) return this.log.debug('handshake answer for another console session dropped');
        this.exchanges.settle(`hs:${pkt.payloadType}`, Buffer.from(pkt.payload));
        return;
      }
      if (pkt.sessionId === 0) {
        if (pkt.authenticated || pkt.encrypted) throw new DecodeError('RMCP+ session', 'invalid', 5, 'sessionless answer is authenticated');
        ipmb = pkt.payload;
      } else {
        from = this.wires.get(`2.0:${pkt.sessionId}`);
        if (!from) return this.log.debug({ session: pkt.sessionId }, 'answer in a session we no longer have; dropped');
        ipmb = from.unwrap(buf);
      }
    } else {
      const pkt = decodeV15(buf);
      if (pkt.sessionId === 0) ipmb = pkt.message;
      else {
        from = this.wires.get(`1.5:${pkt.sessionId}`);
        if (!from) return this.log.debug({ session: pkt.sessionId }, 'answer in a session we no longer have; dropped');
        ipmb = from.unwrap(buf);
      }
    }
    const msg = decodeIpmb(ipmb, 'IPMI response message');
    const exp = this.expect.get(msg.seq);
    if (!exp || exp.netFn !== msg.netFn || exp.cmd !== msg.cmd) return this.log.debug({ seq: msg.seq, netFn: msg.netFn, cmd: msg.cmd }, 'unmatched answer dropped');
    if (from && from === this.wire) {
      this.lastSessionRx = this.clock.monotonic();
      // Re-armed here after a keepalive went out (the timer clears itself when it fires).
      this.armKeepalive();
    }
    this.exchanges.settle(msg.seq, msg);
  }
}

function wireKey(w: SessionWire): string {
  return `${w.version}:${w.inboundId}`;
}
