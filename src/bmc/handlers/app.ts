import { handle, BoundHandler } from '../dispatch';
import type { VirtualBmc } from '../device';
import { LAN_CHANNEL } from '../device';
import { decode, encode } from '../../codec/fields';
import { CC, fail } from '../../codec/message/completion-codes';
import { Privilege } from '../../codec/message/netfn';
import { PROFILE_DEFAULTS } from '../../profile/defaults';
import {
  GetDeviceId,
  ColdReset,
  WarmReset,
  GetSelfTestResults,
  SetAcpiPowerState,
  GetAcpiPowerState,
  GetDeviceGuid,
  ResetWatchdogTimer,
  SetWatchdogTimer,
  GetWatchdogTimer,
  SetBmcGlobalEnables,
  GetBmcGlobalEnables,
  GetSystemGuid,
  SetChannelAccess,
  GetChannelAccess,
  GetChannelInfo,
  SetUserAccess,
  GetUserAccess,
  SetUserName,
  GetUserName,
  SetUserPassword,
  SetUserPayloadAccess,
  GetUserPayloadAccess,
  GetChannelPayloadSupport,
  SetSystemInfoParameters,
  GetSystemInfoParameters,
} from '../../codec/commands/app';
import { SelfTestResult } from '../../codec/commands/app/get-self-test-results';
import { AcpiDeviceState, AcpiSystemState } from '../../codec/commands/app/get-acpi-power-state';
import { WatchdogAction, WatchdogInterrupt, WatchdogUse, watchdogExpirationFlags } from '../../codec/commands/app/watchdog-fields';
import { ResetWatchdogCC } from '../../codec/commands/app/reset-watchdog-timer';
import { ChannelMedium, ChannelProtocol, IPMI_FORUM_IANA, SessionSupport } from '../../codec/commands/app/get-channel-info';
import { ChannelAccessCopy } from '../../codec/commands/app/get-channel-access';
import { ChannelAccessSet } from '../../codec/commands/app/set-channel-access';
import { UserEnableStatus } from '../../codec/commands/app/get-user-access';
import { PasswordCC, PasswordOperation } from '../../codec/commands/app/set-user-password';
import { UserPayloadOperation } from '../../codec/commands/app/set-user-payload-access';
import { SOL_PAYLOAD_ENABLE } from '../../codec/commands/app/user-payload-fields';
import { ParameterCC, SetInProgressState as SIP } from '../../codec/commands/app/config-parameters';
import { SYSINFO_MAX_SETS, SYSINFO_REVISION, SystemInfoParam, sysInfoBlock, systemInfoParameters } from '../../codec/commands/app/system-info-parameters';
import { NO_ACCESS } from '../state/users';
import { channelOf, decodeData, writeSetInProgress } from './helpers';

/** The system interface channel (v2.0 §6.3); requests arrive on it only from the managed system. */
export const SYSTEM_INTERFACE_CHANNEL = 0x0f;

const ACPI_SYSTEM_STATES = new Set<number>(Object.values(AcpiSystemState));
const ACPI_DEVICE_STATES = new Set<number>(Object.values(AcpiDeviceState));
const WATCHDOG_USES = new Set<number>(Object.values(WatchdogUse));
const WATCHDOG_ACTIONS = new Set<number>(Object.values(WatchdogAction));
const WATCHDOG_INTERRUPTS = new Set<number>(Object.values(WatchdogInterrupt));
/** Privilege limits Set User Access accepts: Callback..OEM, or Fh = no access (v2.0 §22.26). */
const USER_LIMITS = new Set<number>([...Object.values(Privilege), NO_ACCESS]);
const CHANNEL_LIMITS = new Set<number>(Object.values(Privilege));

const flagsByte = (v: ReturnType<typeof watchdogExpirationFlags.read>) => encode(watchdogExpirationFlags, v)[0];
const flagsOf = (b: number) => decode(watchdogExpirationFlags, Buffer.from([b]));

function userOf(bmc: VirtualBmc, id: number, def: { name: string }) {
  const u = id >= 1 ? bmc.users.get(id) : undefined;
  if (!u) fail(CC.InvalidDataField, def);
  return u;
}

/** The profile's auxiliary firmware bytes as a buffer, made once per profile (Get Device ID runs often). */
const AUX = new WeakMap<number[], Buffer>();
function auxBytes(aux: number[]): Buffer {
  let b = AUX.get(aux);
  if (!b) AUX.set(aux, (b = Buffer.from(aux)));
  return b;
}

/** IPM device, watchdog, channel, user and system info commands (v2.0 §20, §22, §24, §27). */
export const appHandlers: BoundHandler<VirtualBmc>[] = [
  handle(GetDeviceId, (_req, ctx) => {
    const id = ctx.bmc.profile.identity;
    return {
      deviceId: id.deviceId,
      revision: { providesSdrs: id.providesSdrs, deviceRevision: id.deviceRevision },
      firmware: { updateInProgress: false, major: id.firmwareMajor },
      firmwareMinor: id.firmwareMinor,
      ipmiVersion: 0x02,
      support: id.capabilities ?? PROFILE_DEFAULTS.capabilities,
      manufacturerId: id.manufacturerId,
      productId: id.productId,
      auxFirmware: id.auxFirmware ? auxBytes(id.auxFirmware) : undefined,
    };
  }),

  handle(GetDeviceGuid, (_req, ctx) => ({ guid: ctx.bmc.guidBytes() })),
  handle(GetSystemGuid, (_req, ctx) => ({ guid: ctx.bmc.systemGuidBytes() })),

  // A cold reset returns the BMC to its power-up defaults: the watchdog stops, "set in progress"
  // flags clear. Sessions belong to the session layer, which hears the event.
  handle(ColdReset, (_req, ctx) => {
    const bmc = ctx.bmc;
    bmc.watchdog.stop();
    bmc.lan.params.setInProgress = SIP.complete;
    bmc.boot.params.setInProgress = SIP.complete;
    bmc.systemInfo.setInProgress = SIP.complete;
    bmc.events.emit({ type: 'bmc-reset', kind: 'cold' });
    return {};
  }),
  handle(WarmReset, (_req, ctx) => {
    ctx.bmc.events.emit({ type: 'bmc-reset', kind: 'warm' });
    return {};
  }),

  handle(GetSelfTestResults, () => ({ result: SelfTestResult.passed, detail: 0 })),

  handle(GetAcpiPowerState, (_req, ctx) => {
    const a = ctx.bmc.chassis.acpi;
    return { system: { state: a.system }, device: { state: a.device } };
  }),
  handle(SetAcpiPowerState, (req, ctx) => {
    const { system, device } = req;
    if ((system.set && !ACPI_SYSTEM_STATES.has(system.state)) || (device.set && !ACPI_DEVICE_STATES.has(device.state)))
      fail(CC.InvalidDataField, SetAcpiPowerState);
    const keep = (s: { set: boolean; state: number }, none: number) => (s.set && s.state !== none ? s.state : undefined);
    ctx.bmc.chassis.setAcpi(keep(system, AcpiSystemState.noChange), keep(device, AcpiDeviceState.noChange));
    return {};
  }),

  handle(SetWatchdogTimer, (req, ctx) => {
    const { use, actions } = req;
    if (!WATCHDOG_USES.has(use.timerUse) || !WATCHDOG_ACTIONS.has(actions.timeoutAction) || !WATCHDOG_INTERRUPTS.has(actions.preTimeoutInterrupt))
      fail(CC.InvalidDataField, SetWatchdogTimer);
    ctx.bmc.watchdog.set(
      {
        timerUse: use.timerUse,
        dontLog: use.dontLog,
        action: actions.timeoutAction,
        interrupt: actions.preTimeoutInterrupt,
        preTimeoutSec: req.preTimeoutIntervalSec,
        initial100ms: req.initialCountdown100ms,
      },
      use.dontStop,
      flagsByte(req.clearFlags),
    );
    return {};
  }),
  handle(GetWatchdogTimer, (_req, ctx) => {
    const w = ctx.bmc.watchdog;
    const c = w.config;
    return {
      use: { dontLog: c?.dontLog ?? false, running: w.running, timerUse: c?.timerUse ?? 0 },
      actions: { preTimeoutInterrupt: c?.interrupt ?? 0, timeoutAction: c?.action ?? 0 },
      preTimeoutIntervalSec: c?.preTimeoutSec ?? 0,
      expirationFlags: flagsOf(w.expirationFlags),
      initialCountdown100ms: c?.initial100ms ?? 0,
      presentCountdown100ms: w.present100ms(),
    };
  }),
  handle(ResetWatchdogTimer, (_req, ctx) => {
    if (!ctx.bmc.watchdog.reset()) fail(ResetWatchdogCC.uninitialized, ResetWatchdogTimer);
    return {};
  }),

  handle(GetBmcGlobalEnables, (_req, ctx) => ({ enables: { ...ctx.bmc.settings.globalEnables } })),
  // Appendix G: system interface only (OpenIPMI lanserv's table agrees); D4h from LAN and serial.
  handle(SetBmcGlobalEnables, (req, ctx) => {
    if (ctx.channel !== SYSTEM_INTERFACE_CHANNEL) fail(CC.InsufficientPrivilege, SetBmcGlobalEnables);
    ctx.bmc.settings.setGlobalEnables(req.enables);
    return {};
  }),

  handle(GetChannelInfo, (req, ctx) => {
    const ch = channelOf(req.channel.number, ctx, GetChannelInfo);
    let active = 0;
    for (const s of ctx.bmc.sessions.active.values()) if (s.channel === ch) active++;
    // The serial channel carries IPMB-format messages in basic mode (v2.0 §14), one session at a time.
    const lan = ch === LAN_CHANNEL;
    return {
      channel: { number: ch },
      medium: { type: lan ? ChannelMedium.lan8023 : ChannelMedium.serial },
      protocol: { type: ChannelProtocol.ipmb },
      session: { support: lan ? SessionSupport.multiSession : SessionSupport.singleSession, activeCount: Math.min(active, 0x3f) },
      vendorId: IPMI_FORUM_IANA,
      auxInfo: Buffer.alloc(2),
    };
  }),

  handle(GetChannelAccess, (req, ctx) => {
    const ch = channelOf(req.channel.number, ctx, GetChannelAccess);
    const copy = req.which.copy === ChannelAccessCopy.nonVolatile ? 'nonVolatile' : req.which.copy === ChannelAccessCopy.volatile ? 'volatile' : undefined;
    if (!copy) fail(CC.InvalidDataField, GetChannelAccess);
    const { privilegeLimit, ...access } = ctx.bmc.settings.channelAccess(ch, copy);
    return { access, privilege: { limit: privilegeLimit } };
  }),
  handle(SetChannelAccess, (req, ctx) => {
    const ch = channelOf(req.channel.number, ctx, SetChannelAccess);
    const which = (set: number) =>
      set === ChannelAccessSet.nonVolatile ? 'nonVolatile' : set === ChannelAccessSet.volatile ? 'volatile' : set === ChannelAccessSet.dontSet ? null : undefined;
    const a = which(req.access.set);
    const p = which(req.privilege.set);
    if (a === undefined || p === undefined || (p && !CHANNEL_LIMITS.has(req.privilege.limit))) fail(CC.InvalidDataField, SetChannelAccess);
    const { set: _set, ...access } = req.access;
    if (a) ctx.bmc.settings.setChannelAccess(ch, a, access);
    if (p) ctx.bmc.settings.setChannelAccess(ch, p, { privilegeLimit: req.privilege.limit });
    return {};
  }),

  handle(GetUserAccess, (req, ctx) => {
    const users = ctx.bmc.users;
    const ch = channelOf(req.channel.number, ctx, GetUserAccess);
    const u = userOf(ctx.bmc, req.user.id, GetUserAccess);
    const a = users.access(u, ch);
    const counts = users.counts(ch);
    return {
      maxUsers: { count: users.maxUsers },
      enabled: { status: u.enabled ? UserEnableStatus.enabled : UserEnableStatus.disabled, count: counts.enabled },
      fixedNames: { count: counts.fixedNames },
      access: { callbackOnly: a.callbackOnly, linkAuth: a.linkAuth, ipmiMessaging: a.ipmiMessaging, privilegeLimit: a.privilegeLimit },
    };
  }),
  handle(SetUserAccess, (req, ctx) => {
    const ch = channelOf(req.request.channel, ctx, SetUserAccess);
    const u = userOf(ctx.bmc, req.user.id, SetUserAccess);
    if (!USER_LIMITS.has(req.privilege.limit)) fail(CC.InvalidDataField, SetUserAccess);
    const r = req.request;
    ctx.bmc.users.update(u.id, (user) => {
      const cur = ctx.bmc.users.access(user, ch);
      user.access[ch] = r.change
        ? { privilegeLimit: req.privilege.limit, callbackOnly: r.callbackOnly, linkAuth: r.linkAuth, ipmiMessaging: r.ipmiMessaging }
        : { ...cur, privilegeLimit: req.privilege.limit };
    });
    return {};
  }),

  // Which payloads a user may activate (v2.0 §24.6-24.7); Activate Payload checks SOL's bit.
  handle(GetUserPayloadAccess, (req, ctx) => {
    const ch = channelOf(req.channel.number, ctx, GetUserPayloadAccess);
    const p = ctx.bmc.users.payloadAccess(userOf(ctx.bmc, req.user.id, GetUserPayloadAccess), ch);
    return { standard1: p.sol ? SOL_PAYLOAD_ENABLE : 0, standard2: 0, oem1: p.oem, oem2: 0 };
  }),
  handle(SetUserPayloadAccess, (req, ctx) => {
    const def = SetUserPayloadAccess;
    const ch = channelOf(req.channel.number, ctx, def);
    const u = userOf(ctx.bmc, req.user.id, def);
    const { operation } = req.user;
    const e = req.enables;
    // Reserved operations and reserved enable bits: CCh, nothing written.
    if (operation > UserPayloadOperation.disable || e.standard1 & ~SOL_PAYLOAD_ENABLE || e.standard2 || e.oem2) fail(CC.InvalidDataField, def);
    const enable = operation === UserPayloadOperation.enable;
    ctx.bmc.users.update(u.id, (user) => {
      const cur = ctx.bmc.users.payloadAccess(user, ch);
      user.payloads[ch] = {
        sol: e.standard1 & SOL_PAYLOAD_ENABLE ? enable : cur.sol,
        oem: enable ? cur.oem | e.oem1 : cur.oem & ~e.oem1,
      };
    });
    return {};
  }),

  handle(GetUserName, (req, ctx) => ({ name: userOf(ctx.bmc, req.user.id, GetUserName).name })),
  // User 1's name is fixed as null (v2.0 §6.9.1); `fixedNames` in Get User Access says so.
  handle(SetUserName, (req, ctx) => {
    const u = userOf(ctx.bmc, req.user.id, SetUserName);
    if (u.id === 1) fail(CC.InvalidDataField, SetUserName);
    ctx.bmc.users.update(u.id, (user) => (user.name = req.name));
    return {};
  }),

  handle(SetUserPassword, (req, ctx) => {
    const bmc = ctx.bmc;
    const u = userOf(bmc, req.user.id, SetUserPassword);
    const op = req.operation.op;
    if (op === PasswordOperation.disableUser || op === PasswordOperation.enableUser) {
      // Secure default: the null user can only be enabled where the profile allows anonymous login.
      if (op === PasswordOperation.enableUser && u.id === 1 && !bmc.profile.security.allowAnonymous) fail(CC.SubFunctionDisabled, SetUserPassword);
      bmc.users.update(u.id, (user) => (user.enabled = op === PasswordOperation.enableUser));
      return {};
    }
    const size = req.user.twentyBytes ? 20 : 16;
    if (req.password.length !== size) fail(CC.RequestLengthInvalid, SetUserPassword);
    if (op === PasswordOperation.setPassword) {
      let end = size;
      while (end > 0 && req.password[end - 1] === 0) end--;
      bmc.users.update(u.id, (user) => {
        user.password = Buffer.from(req.password.subarray(0, end));
        user.password20 = req.user.twentyBytes;
      });
      return {};
    }
    if (u.password20 !== req.user.twentyBytes) fail(PasswordCC.wrongSize, SetUserPassword);
    if (!bmc.users.key(u, size).equals(req.password)) fail(PasswordCC.testFailed, SetUserPassword);
    return {};
  }),

  // RMCP+ payloads exist on the LAN channel only (v2.0 §24.8): IPMI messages and SOL (bmc/sol, issue 9).
  handle(GetChannelPayloadSupport, (req, ctx) => {
    const ch = channelOf(req.channel.number, ctx, GetChannelPayloadSupport);
    if (ch !== LAN_CHANNEL) fail(CC.InvalidDataField, GetChannelPayloadSupport);
    return {
      standard: { oemExplicit: false, sol: true, ipmi: true },
      standardHigh: {},
      sessionSetup: { rakp4: true, rakp3: true, rakp2: true, rakp1: true, openSessionResponse: true, openSessionRequest: true },
      sessionSetupHigh: {},
      oem: Buffer.alloc(2),
      reserved: Buffer.alloc(2),
    };
  }),

  handle(GetSystemInfoParameters, (req, ctx) => {
    const info = ctx.bmc.systemInfo;
    const p = systemInfoParameters.find(req.parameter);
    if (!p) fail(ParameterCC.notSupported, GetSystemInfoParameters);
    if (req.which.revisionOnly) return { revision: SYSINFO_REVISION, data: Buffer.alloc(0) };
    if (p.id === SystemInfoParam.setInProgress.id) return { revision: SYSINFO_REVISION, data: Buffer.from([info.setInProgress]) };
    const block = info.block(p.id, req.setSelector);
    if (!block) fail(CC.InvalidDataField, GetSystemInfoParameters);
    return { revision: SYSINFO_REVISION, data: Buffer.concat([Buffer.from([req.setSelector]), block]) };
  }),
  handle(SetSystemInfoParameters, (req, ctx) => {
    const info = ctx.bmc.systemInfo;
    const p = systemInfoParameters.find(req.parameter);
    if (!p) fail(ParameterCC.notSupported, SetSystemInfoParameters);
    if (p.id === SystemInfoParam.setInProgress.id) {
      info.setInProgress = writeSetInProgress(info.setInProgress, req.data, SetSystemInfoParameters);
      return {};
    }
    const b = decodeData(sysInfoBlock, req.data, SetSystemInfoParameters, p.name);
    if (b.setSelector >= SYSINFO_MAX_SETS) fail(CC.InvalidDataField, SetSystemInfoParameters);
    info.setBlock(p.id, b.setSelector, b.block);
    return {};
  }),
];
