import { randomBytes } from '../../lib/random';
import { handle, BoundHandler } from '../dispatch';
import type { VirtualBmc } from '../device';
import { PRESENT_CHANNEL } from '../device';
import {
  GetChannelAuthCapabilities,
  GetSessionChallenge,
  ActivateSession,
  SetSessionPrivilegeLevel,
  CloseSession,
  GetSessionInfo,
  GetChannelCipherSuites,
} from '../../codec/commands/app/session-index';
import { CC, fail } from '../../codec/message/completion-codes';
import { SessionChallengeCC } from '../../codec/commands/app/get-session-challenge';
import { ActivateSessionCC } from '../../codec/commands/app/activate-session';
import { SessionPrivilegeCC } from '../../codec/commands/app/set-session-privilege-level';
import { CloseSessionCC } from '../../codec/commands/app/close-session';
import { Privilege } from '../../codec/message/netfn';
import { AuthType, CIPHER_SUITES } from '../../codec/session/algorithms';
import { NO_ACCESS } from '../state/users';
import { authTypeEnabled } from '../lan';
import type { Session } from '../sessions';


/** Channel numbers a request may name: its own (or 0Eh, "this channel"). */
function resolveChannel(requested: number, present: number): number | undefined {
  if (requested === PRESENT_CHANNEL || requested === present) return present;
  return undefined;
}

/** The cipher suite records of Get Channel Cipher Suites (v2.0 Table 22-19): C0h, ID, algorithms. */
export function cipherSuiteRecords(bmc: VirtualBmc): Buffer {
  const offered = bmc.lan.cipherSuites();
  const parts: number[] = [];
  for (const s of CIPHER_SUITES) {
    if (!offered.includes(s.id)) continue;
    parts.push(0xc0, s.id, s.auth, 0x40 | s.integrity, 0x80 | s.confidentiality);
  }
  return Buffer.from(parts);
}

/** Session management (v2.0 §22.13-22.20). Activate Session is completed by bmc/lan.ts, which owns the AuthCode. */
export const sessionHandlers: BoundHandler<VirtualBmc>[] = [
  handle(GetChannelAuthCapabilities, (req, ctx) => {
    const bmc = ctx.bmc;
    const ch = resolveChannel(req.channel.number, ctx.channel);
    if (ch === undefined) fail(CC.InvalidDataField, GetChannelAuthCapabilities);
    const sec = bmc.profile.security;
    const users = bmc.users.all();
    const usable = (u: (typeof users)[number]) => u.enabled && bmc.users.access(u, ch).privilegeLimit !== NO_ACCESS;
    const nullUser = users[0];
    const level = Math.min(Math.max(req.privilege.level, Privilege.callback), Privilege.administrator);
    const levelAuth = bmc.lan.authTypesEnabled(level);
    return {
      channel: ch,
      // The types enabled for the requested level (LAN parameter 2, settable with `lan set 1 auth`).
      authTypes: { extended: req.channel.extended, ...levelAuth, oem: false },
      status: {
        kgNonZero: !!sec.kg,
        perMessageAuthDisabled: false,
        userLevelAuthDisabled: false,
        nonNullUsers: users.some((u) => u.id > 1 && u.name !== '' && usable(u)),
        nullUsers: sec.allowAnonymous && users.some((u) => u.id > 1 && u.name === '' && usable(u)),
        anonymousLogin: sec.allowAnonymous && usable(nullUser) && nullUser.password.length === 0,
      },
      extCapabilities: { ipmi20: req.channel.extended, ipmi15: req.channel.extended },
      oemId: 0,
      oemAux: 0,
    };
  }),

  handle(GetSessionChallenge, (req, ctx) => {
    const bmc = ctx.bmc;
    const sec = bmc.profile.security;
    // Any level's enables will do here; Activate Session checks the type against the requested level.
    const enabled = [Privilege.callback, Privilege.user, Privilege.operator, Privilege.administrator].some((l) =>
      authTypeEnabled(bmc.lan.authTypesEnabled(l), req.authType),
    );
    if (!enabled) fail(CC.InvalidDataField, GetSessionChallenge);
    if (req.userName === '') {
      const nullUser = bmc.users.get(1)!;
      if (!sec.allowAnonymous || !nullUser.enabled) fail(SessionChallengeCC.nullUserDisabled, GetSessionChallenge);
    }
    const user = bmc.users.findByName(req.userName);
    if (!user || !user.enabled) fail(SessionChallengeCC.invalidUserName, GetSessionChallenge);
    const tempSessionId = bmc.sessions.newId();
    const challenge = randomBytes(16);
    if (!bmc.sessions.addChallenge({ tempId: tempSessionId, user, authType: req.authType, challenge, created: bmc.clock.monotonic() }))
      fail(CC.NodeBusy, GetSessionChallenge);
    return { tempSessionId, challenge };
  }),

  // Reached only when Activate Session arrives outside a pending challenge (bmc/lan.ts handles the real one).
  handle(ActivateSession, () => fail(ActivateSessionCC.invalidSessionId, ActivateSession)),

  handle(SetSessionPrivilegeLevel, (req, ctx) => {
    const s = ctx.session;
    if (!s) fail(CC.NotSupportedInPresentState, SetSessionPrivilegeLevel);
    const level = req.privilege.level;
    if (level === 0) return { privilege: { level: s.privilege } };
    if (level > Privilege.oem || level === Privilege.oem) fail(CC.InvalidDataField, SetSessionPrivilegeLevel);
    const user = ctx.bmc.users.get(s.userId);
    const limit = user ? ctx.bmc.users.access(user, s.channel).privilegeLimit : 0;
    if (level > limit) fail(SessionPrivilegeCC.exceedsLimit, SetSessionPrivilegeLevel);
    if (level > s.maxPrivilege) fail(SessionPrivilegeCC.notAvailableForUser, SetSessionPrivilegeLevel);
    s.privilege = level;
    return { privilege: { level } };
  }),

  handle(CloseSession, (req, ctx) => {
    const table = ctx.bmc.sessions;
    let target: Session | undefined;
    if (req.sessionId !== 0) {
      target = table.get(req.sessionId);
      if (!target) fail(CloseSessionCC.invalidSessionId, CloseSession);
    } else {
      if (req.handle === undefined) fail(CC.RequestLengthInvalid, CloseSession);
      target = table.byHandle(req.handle);
      if (!target) fail(CloseSessionCC.invalidHandle, CloseSession);
    }
    if (target.id === ctx.session?.id) {
      // Closed after this response is sent, so the console gets its answer under the session's keys.
      target.closing = true;
    } else {
      if (ctx.privilege < Privilege.administrator) fail(CC.InsufficientPrivilege, CloseSession);
      table.close(target, `closed by session ${ctx.session?.id ?? 'local'}`);
    }
    return {};
  }),

  handle(GetSessionInfo, (req, ctx) => {
    const table = ctx.bmc.sessions;
    table.expire();
    let s: Session | undefined;
    const sel = req.selector ?? Buffer.alloc(0);
    if (req.index === 0x00) s = ctx.session ? table.get(ctx.session.id) : undefined;
    else if (req.index === 0xfe) {
      if (sel.length < 1) fail(CC.RequestLengthInvalid, GetSessionInfo);
      s = table.byHandle(sel[0]);
    } else if (req.index === 0xff) {
      if (sel.length < 4) fail(CC.RequestLengthInvalid, GetSessionInfo);
      s = table.get(sel.readUInt32LE(0));
    } else if (req.index <= 0x3f) s = table.nth(req.index);
    else fail(CC.InvalidDataField, GetSessionInfo);
    const head = { handle: s?.handle ?? 0, possible: { count: table.maxSessions }, active: { count: table.active.size } };
    if (!s) return head;
    const ip = s.peer.address.split('.').map(Number);
    return {
      ...head,
      userId: { id: s.userId },
      privilege: { level: s.privilege },
      channel: { protocolAux: s.ipmiVersion === '2.0' ? 1 : 0, number: s.channel },
      consoleIp: Buffer.from(ip.length === 4 && ip.every((n) => n >= 0 && n <= 255) ? ip : [0, 0, 0, 0]),
      consoleMac: Buffer.alloc(6),
      consolePort: s.peer.port,
    };
  }),

  handle(GetChannelCipherSuites, (req, ctx) => {
    const ch = resolveChannel(req.channel.number, ctx.channel);
    if (ch === undefined) fail(CC.InvalidDataField, GetChannelCipherSuites);
    if (req.payloadType.type !== 0 && req.payloadType.type !== 1) fail(CC.InvalidDataField, GetChannelCipherSuites);
    const all = cipherSuiteRecords(ctx.bmc);
    const start = req.index.index * 16;
    return { channel: ch, records: all.subarray(start, start + 16) };
  }),
];
