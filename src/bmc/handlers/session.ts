import crypto from 'node:crypto';
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
import { Privilege } from '../../codec/message/netfn';
import { AuthType, CIPHER_SUITES } from '../../codec/session/algorithms';
import { NO_ACCESS } from '../state/users';
import type { Session } from '../sessions';

const authTypeCode = { none: AuthType.None, md2: AuthType.Md2, md5: AuthType.Md5, password: AuthType.Password } as const;

/** Channel numbers a request may name: its own (or 0Eh, "this channel"). */
function resolveChannel(requested: number, present: number): number | undefined {
  if (requested === PRESENT_CHANNEL || requested === present) return present;
  return undefined;
}

/** The cipher suite records of Get Channel Cipher Suites (v2.0 Table 22-19): C0h, ID, algorithms. */
export function cipherSuiteRecords(bmc: VirtualBmc): Buffer {
  const sec = bmc.profile.security;
  const parts: number[] = [];
  for (const s of CIPHER_SUITES) {
    if (s.id === 0 ? !sec.allowCipherZero : !sec.cipherSuites.includes(s.id)) continue;
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
    return {
      channel: ch,
      authTypes: {
        extended: req.channel.extended,
        oem: false,
        password: sec.authTypes.includes('password'),
        md5: sec.authTypes.includes('md5'),
        md2: false,
        none: sec.authTypes.includes('none'),
      },
      status: {
        kgNonZero: !!sec.kg,
        perMessageAuthDisabled: false,
        userLevelAuthDisabled: false,
        nonNullUsers: users.some((u) => u.id > 1 && u.name !== '' && usable(u)),
        nullUsers: sec.allowAnonymous && users.some((u) => u.id > 1 && u.name === '' && usable(u)),
        anonymousLogin: sec.allowAnonymous && usable(nullUser) && nullUser.password.length === 0,
      },
      extCapabilities: { ipmi20: req.channel.extended, ipmi15: req.channel.extended && sec.authTypes.length > 0 },
      oemId: 0,
      oemAux: 0,
    };
  }),

  handle(GetSessionChallenge, (req, ctx) => {
    const bmc = ctx.bmc;
    const sec = bmc.profile.security;
    const enabled = sec.authTypes.map((t) => authTypeCode[t]);
    if (!enabled.includes(req.authType as never) || req.authType === AuthType.Md2) fail(CC.InvalidDataField, GetSessionChallenge);
    if (req.userName === '') {
      const nullUser = bmc.users.get(1)!;
      if (!sec.allowAnonymous || !nullUser.enabled) fail(0x82, GetSessionChallenge);
    }
    const user = bmc.users.findByName(req.userName);
    if (!user || !user.enabled) fail(0x81, GetSessionChallenge);
    const tempSessionId = bmc.sessions.newId();
    const challenge = crypto.randomBytes(16);
    if (!bmc.sessions.addChallenge({ tempId: tempSessionId, user, authType: req.authType, challenge, created: bmc.clock.monotonic() }))
      fail(CC.NodeBusy, GetSessionChallenge);
    return { tempSessionId, challenge };
  }),

  // Reached only when Activate Session arrives outside a pending challenge (bmc/lan.ts handles the real one).
  handle(ActivateSession, () => fail(0x85, ActivateSession)),

  handle(SetSessionPrivilegeLevel, (req, ctx) => {
    const s = ctx.session;
    if (!s) fail(CC.NotSupportedInPresentState, SetSessionPrivilegeLevel);
    const level = req.privilege.level;
    if (level === 0) return { privilege: { level: s.privilege } };
    if (level > Privilege.oem || level === Privilege.oem) fail(CC.InvalidDataField, SetSessionPrivilegeLevel);
    const user = ctx.bmc.users.get(s.userId);
    const limit = user ? ctx.bmc.users.access(user, s.channel).privilegeLimit : 0;
    if (level > limit) fail(0x81, SetSessionPrivilegeLevel);
    if (level > s.maxPrivilege) fail(0x80, SetSessionPrivilegeLevel);
    s.privilege = level;
    return { privilege: { level } };
  }),

  handle(CloseSession, (req, ctx) => {
    const table = ctx.bmc.sessions;
    let target: Session | undefined;
    if (req.sessionId !== 0) {
      target = table.get(req.sessionId);
      if (!target) fail(0x87, CloseSession);
    } else {
      if (req.handle === undefined) fail(CC.RequestLengthInvalid, CloseSession);
      target = table.byHandle(req.handle);
      if (!target) fail(0x88, CloseSession);
    }
    if (target.id === ctx.session?.id) {
      // Closed after this response is sent, so the console gets its answer under the session's keys.
      (target as Session & { closing?: boolean }).closing = true;
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
