import type { Logger } from '../../lib/logger';
import { RmcpPlusStatusError, SessionError, TimeoutError } from '../../lib/errors';
import { randomBytes, randomUInt32 } from '../../lib/random';
import type { AnyCommandDef, RequestOf, ResponseOf } from '../../codec/commands';
import { GetChannelAuthCapabilities, GetChannelCipherSuites, GetSessionChallenge, ActivateSession } from '../../codec/commands/app/session-index';
import { decode, encode } from '../../codec/fields';
import { privilegeName } from '../../codec/message/netfn';
import { AuthType, CipherSuite, deriveK, rakp4IcvLength, suiteById } from '../../codec/session/algorithms';
import { PayloadType, sessionKeys } from '../../codec/session/packet';
import {
  OpenSessionRequest,
  OpenSessionResponse,
  Rakp1,
  Rakp2,
  Rakp3,
  Rakp4,
  RakpContext,
  RakpStatus,
  rakp2AuthCode,
  rakp3AuthCode,
  rakp4Icv,
  rakpStatusText,
  sessionIntegrityKey,
} from '../../codec/session/rakp';
import { RetryPolicy, attemptTimeoutMs } from '../types';
import { OfferedSuite, parseCipherSuiteRecords, suiteCandidates } from './cipher-suites';
import { SessionWire, V15Wire, V20Wire } from './wire';

/** The link's services the login procedures use (lan/link.ts implements them). */
export interface LoginIo {
  readonly target: string;
  readonly policy: RetryPolicy;
  readonly log: Logger;
  /** A request outside any session, in v1.5 or RMCP+ packet format. */
  sessionless<D extends AnyCommandDef>(def: D, req: RequestOf<D>, format: '1.5' | '2.0', policy?: RetryPolicy): Promise<ResponseOf<D>>;
  /** An RMCP+ handshake message (session ID 0) and the payload of its answer of type `answer` for this console session. */
  handshake(type: number, payload: Buffer, answer: number, consoleSessionId: number, what: string, policy: RetryPolicy): Promise<Buffer>;
  /** An RMCP+ handshake message that expects no answer we wait for (RAKP 3 with an error status). */
  notify(type: number, payload: Buffer): void;
  /** A request through a wire that is not the link's session yet (v1.5 Activate Session). */
  through<D extends AnyCommandDef>(wire: SessionWire, def: D, req: RequestOf<D>): Promise<ResponseOf<D>>;
}

export interface Credentials {
  user: string;
  password: string;
  /** K_g, the BMC key (v2.0 §13.31); undefined or empty = none (the user key is used). */
  kg?: Buffer;
  /** Requested privilege level (Privilege.*). */
  privilege: number;
}

/** Password as a key of `len` bytes, zero-padded (v2.0 §13.31 Kuid; v1.5 16-byte password). */
export function passwordKey(password: string, len: number): Buffer {
  const k = Buffer.alloc(len);
  Buffer.from(password, 'utf8').copy(k, 0, 0, len);
  return k;
}

/**
 * K_g as given: a Buffer as-is, a "0x..." string as hex, any other string as its bytes; zero-padded
 * to 20 bytes (ipmitool -k / -y; the virtual BMC pads the same way).
 */
export function kgBytes(kg: Buffer | string | undefined): Buffer | undefined {
  if (kg === undefined || kg.length === 0) return undefined;
  const raw = Buffer.isBuffer(kg) ? kg : /^0x[0-9a-f]+$/i.test(kg) ? Buffer.from(kg.slice(2), 'hex') : Buffer.from(kg, 'latin1');
  const k = Buffer.alloc(20);
  raw.copy(k, 0, 0, 20);
  return k;
}

const randomId = () => randomUInt32() || 1;

/** Get Channel Authentication Capabilities for the present channel (v2.0 §22.13). */
export function authCapabilities(io: LoginIo, privilege: number, extended: boolean) {
  return io.sessionless(GetChannelAuthCapabilities, { channel: { extended, number: 0x0e }, privilege: { level: privilege } }, '1.5');
}

/**
 * The suites the BMC lists (Get Channel Cipher Suites, v2.0 §22.15, outside a session), or
 * undefined when it does not answer usefully; then we fall back to trying 17, then 3. One
 * attempt per block, so a BMC without the command costs one timeout, not ipmitool's 10 s.
 */
export async function discoverCipherSuites(io: LoginIo): Promise<OfferedSuite[] | undefined> {
  const records: Buffer[] = [];
  try {
    for (let index = 0; index < 0x40; index++) {
      const rsp = await io.sessionless(
        GetChannelCipherSuites,
        { channel: { number: 0x0e }, payloadType: { type: 0 }, index: { bySuite: true, index } },
        // ipmi_sim 2.0.33 answers this only in the IPMI v1.5 format (ipmitool sends RMCP+ and waits 10 s).
        '1.5',
        { ...io.policy, retries: 0 },
      );
      records.push(rsp.records);
      if (rsp.records.length < 16) break;
    }
  } catch (e) {
    // A timeout, a completion code or an unreadable answer: all mean "not listed".
    io.log.debug({ err: (e as Error).message }, 'Get Channel Cipher Suites failed; trying suites 17 and 3');
    return undefined;
  }
  const offered = parseCipherSuiteRecords(Buffer.concat(records));
  return offered.length ? offered : undefined;
}

/** RMCP+ Open Session statuses that mean "try another suite" (v2.0 Table 13-15). */
const ALGORITHM_STATUSES: ReadonlySet<number> = new Set([
  RakpStatus.InvalidAuthAlgorithm,
  RakpStatus.InvalidIntegrityAlgorithm,
  RakpStatus.NoMatchingAuthPayload,
  RakpStatus.NoMatchingIntegrityPayload,
  RakpStatus.InvalidConfidentialityAlgorithm,
  RakpStatus.NoCipherSuiteMatch,
]);

function statusError(status: number, stage: string): RmcpPlusStatusError {
  return new RmcpPlusStatusError(status, rakpStatusText[status] ?? 'unknown status', stage);
}

/** The answer to a handshake message; a non-zero status (byte 2 of every answer) is thrown before decoding. */
async function answer(io: LoginIo, type: number, payload: Buffer, answerType: number, consoleSessionId: number, what: string, stage: string, policy: RetryPolicy): Promise<Buffer> {
  const rsp = await io.handshake(type, payload, answerType, consoleSessionId, what, policy);
  if (rsp[1] !== RakpStatus.Ok) throw statusError(rsp[1], stage);
  return rsp;
}

/**
 * Log in over RMCP+ (v2.0 §13.15-13.24): Open Session, RAKP 1-4, keys (§13.31-13.32). With
 * `suite` 'auto' the suites the BMC lists are tried best first (cipher-suites.ts); a suite the
 * BMC refuses with an algorithm status moves on to the next. Wrong passwords and unknown users
 * surface as RmcpPlusStatusError naming the RAKP status. A lost handshake message restarts the
 * exchange from Open Session, with the retry policy's backoff.
 */
export async function loginV20(io: LoginIo, creds: Credentials, suite: number | 'auto'): Promise<V20Wire> {
  const caps = await authCapabilities(io, creds.privilege, true);
  if (!caps.authTypes.extended || !caps.extCapabilities.ipmi20)
    throw new SessionError(`${io.target} does not offer IPMI v2.0 (RMCP+) sessions on this channel; use the IPMI v1.5 'lan' interface`);
  if (caps.status.kgNonZero && !creds.kg) io.log.debug('the BMC reports a non-zero K_g and none was given');
  let candidates: CipherSuite[];
  if (suite === 'auto') candidates = suiteCandidates(await discoverCipherSuites(io));
  else {
    const s = suiteById(suite);
    if (!s) throw new SessionError(`cipher suite ${suite} is not implemented (suites: 0-3, 6-8, 11, 12, 15-17)`);
    candidates = [s];
  }
  if (candidates.length === 0) throw new SessionError(`${io.target} lists no cipher suite we implement`);
  let lastRefusal: RmcpPlusStatusError | undefined;
  for (const s of candidates) {
    try {
      return await handshakeWithRetries(io, creds, s);
    } catch (e) {
      if (e instanceof RmcpPlusStatusError && e.stage === 'Open Session' && ALGORITHM_STATUSES.has(e.status)) {
        io.log.debug({ suite: s.id, status: e.status }, 'cipher suite refused; trying the next');
        lastRefusal = e;
        continue;
      }
      throw e;
    }
  }
  throw lastRefusal!;
}

async function handshakeWithRetries(io: LoginIo, creds: Credentials, suite: CipherSuite): Promise<V20Wire> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await handshake(io, creds, suite, { timeoutMs: attemptTimeoutMs(io.policy, attempt), retries: 0, backoff: 1 });
    } catch (e) {
      if (!(e instanceof TimeoutError) || attempt >= io.policy.retries) throw e;
      io.log.debug({ attempt, err: e.message }, 'RMCP+ handshake message lost; starting over');
    }
  }
}

async function handshake(io: LoginIo, creds: Credentials, suite: CipherSuite, policy: RetryPolicy): Promise<V20Wire> {
  const consoleSessionId = randomId();
  const tag = randomBytes(1)[0];
  const open = encode(OpenSessionRequest, {
    tag,
    privilege: { level: creds.privilege },
    reserved: 0,
    consoleSessionId,
    auth: { type: 0, algorithm: suite.auth },
    integrity: { type: 1, algorithm: suite.integrity },
    confidentiality: { type: 2, algorithm: suite.confidentiality },
  });
  const os = decode(
    OpenSessionResponse,
    await answer(io, PayloadType.OpenSessionRequest, open, PayloadType.OpenSessionResponse, consoleSessionId, 'RMCP+ Open Session Request', 'Open Session', policy),
    `RMCP+ Open Session Response from ${io.target}`,
    true,
  );
  if (os.bmcSessionId === undefined || !os.auth || !os.integrity || !os.confidentiality)
    throw new SessionError(`Open Session Response from ${io.target} has no session ID or algorithms`);
  if (os.auth.algorithm !== suite.auth || os.integrity.algorithm !== suite.integrity || os.confidentiality.algorithm !== suite.confidentiality)
    throw new SessionError(`${io.target} answered Open Session with other algorithms than cipher suite ${suite.id}'s`);

  const consoleRandom = randomBytes(16);
  // ROLEm: requested privilege, bit 4 = name-only lookup (v2.0 Table 13-20), as ipmitool sends.
  const role = 0x10 | creds.privilege;
  const userKey = passwordKey(creds.password, 20);
  const r1 = encode(Rakp1, { tag, reserved: Buffer.alloc(3), bmcSessionId: os.bmcSessionId, consoleRandom, role, reserved2: 0, userName: creds.user });
  const r2 = decode(
    Rakp2,
    await answer(io, PayloadType.Rakp1, r1, PayloadType.Rakp2, consoleSessionId, 'RAKP Message 1', 'RAKP 2', policy),
    `RAKP Message 2 from ${io.target}`,
    true,
  );
  if (!r2.bmcRandom || !r2.bmcGuid) throw new SessionError(`RAKP Message 2 from ${io.target} lacks the BMC random number or GUID`);
  const ctx: RakpContext = {
    auth: suite.auth,
    consoleSessionId,
    bmcSessionId: os.bmcSessionId,
    consoleRandom,
    bmcRandom: r2.bmcRandom,
    bmcGuid: r2.bmcGuid,
    role,
    userName: creds.user,
    userKey,
    kg: creds.kg,
  };
  const want = rakp2AuthCode(ctx);
  if (!want.equals(r2.authCode ?? Buffer.alloc(0))) {
    // Tell the BMC (RAKP 3 with an error status, v2.0 §13.22) so it drops the half-open session.
    io.notify(PayloadType.Rakp3, encode(Rakp3, { tag, status: RakpStatus.InvalidIntegrityCheckValue, reserved: 0, bmcSessionId: os.bmcSessionId }));
    throw new RmcpPlusStatusError(
      RakpStatus.InvalidIntegrityCheckValue,
      `${rakpStatusText[RakpStatus.InvalidIntegrityCheckValue]}: the BMC's key exchange code does not match; wrong password for user '${creds.user}'`,
      'RAKP 2',
    );
  }
  const r3 = encode(Rakp3, { tag, status: RakpStatus.Ok, reserved: 0, bmcSessionId: os.bmcSessionId, authCode: rakp3AuthCode(ctx) });
  const r4 = decode(
    Rakp4,
    await answer(io, PayloadType.Rakp3, r3, PayloadType.Rakp4, consoleSessionId, 'RAKP Message 3', 'RAKP 4', policy),
    `RAKP Message 4 from ${io.target}`,
    true,
  );
  const sik = sessionIntegrityKey(ctx);
  const icv = rakp4Icv(ctx, sik, rakp4IcvLength(suite.auth));
  if (!icv.equals(r4.integrityCheck ?? Buffer.alloc(0)))
    throw new RmcpPlusStatusError(
      RakpStatus.InvalidIntegrityCheckValue,
      `${rakpStatusText[RakpStatus.InvalidIntegrityCheckValue]}: RAKP 4 integrity check value does not match (wrong K_g?)`,
      'RAKP 4',
    );
  const k1 = suite.auth ? deriveK(suite.auth, sik, 1) : Buffer.alloc(20);
  const k2 = suite.auth ? deriveK(suite.auth, sik, 2) : Buffer.alloc(20);
  io.log.debug({ suite: suite.id, session: os.bmcSessionId, max: privilegeName(creds.privilege) }, 'RMCP+ session established');
  return new V20Wire(os.bmcSessionId, consoleSessionId, sessionKeys(suite.integrity, suite.confidentiality, k1, k2, passwordKey(creds.password, 16)), suite, creds.privilege);
}

const AUTH_TYPE_NAMES = { none: AuthType.None, md2: AuthType.Md2, md5: AuthType.Md5, password: AuthType.Password } as const;
export type V15AuthTypeName = keyof typeof AUTH_TYPE_NAMES;

/**
 * Log in over IPMI v1.5 (v2.0 §22.13, §22.16-22.17): Get Channel Authentication
 * Capabilities, Get Session Challenge, Activate Session. The auth type is the one asked for, or
 * the best the channel offers: MD5, then MD2 (session/md2.ts: OpenSSL 3 has none), then straight
 * password, then none. A BMC drops an Activate Session with a wrong AuthCode without answering
 * (v2.0 §22.17; ipmi_sim and our virtual BMC both do), so a wrong password ends in a SessionError
 * after the retries.
 */
export async function loginV15(io: LoginIo, creds: Credentials, want?: V15AuthTypeName): Promise<V15Wire> {
  const caps = await authCapabilities(io, creds.privilege, false);
  const offered: Record<V15AuthTypeName, boolean> = { md5: caps.authTypes.md5, md2: caps.authTypes.md2, password: caps.authTypes.password, none: caps.authTypes.none };
  const pick = want ?? (['md5', 'md2', 'password', 'none'] as const).find((t) => offered[t]);
  if (!pick || !offered[pick])
    throw new SessionError(`${io.target} offers no usable IPMI v1.5 authentication type${want ? ` (asked for ${want})` : ''}; it offers: ${Object.keys(offered).filter((k) => offered[k as V15AuthTypeName]).join(', ') || 'none'}`);
  const authType = AUTH_TYPE_NAMES[pick];
  const ch = await io.sessionless(GetSessionChallenge, { authType, userName: creds.user }, '1.5');
  const password16 = passwordKey(creds.password, 16);
  const initialOutboundSeq = randomId();
  const activation = new V15Wire(ch.tempSessionId, authType, password16, 0, creds.privilege, true);
  let act: ResponseOf<typeof ActivateSession>;
  try {
    act = await io.through(activation, ActivateSession, { authType: { type: authType }, maxPrivilege: { level: creds.privilege }, challenge: ch.challenge, initialOutboundSeq });
  } catch (e) {
    if (e instanceof TimeoutError)
      throw new SessionError(`${io.target} did not answer Activate Session for user '${creds.user}': BMCs drop it when the password (AuthCode) is wrong (${e.message})`);
    throw e;
  }
  io.log.debug({ session: act.sessionId, authType: pick }, 'IPMI v1.5 session established');
  return new V15Wire(act.sessionId, authType, password16, act.initialInboundSeq || 1, act.maxPrivilege.level, false, caps.status.perMessageAuthDisabled);
}
