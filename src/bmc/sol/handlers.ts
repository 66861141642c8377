import { handle, BoundHandler } from '../dispatch';
import type { BmcContext, VirtualBmc } from '../device';
import { LAN_CHANNEL, PRESENT_CHANNEL } from '../device';
import { CC, fail } from '../../codec/message/completion-codes';
import { Privilege } from '../../codec/message/netfn';
import { PayloadType } from '../../codec/session/packet';
import { ParameterCC } from '../../codec/commands/app/config-parameters';
import { ActivatePayload, ActivatePayloadCC, NO_VLAN } from '../../codec/commands/app/activate-payload';
import { DeactivatePayload, DeactivatePayloadCC } from '../../codec/commands/app/deactivate-payload';
import { GetPayloadActivationStatus } from '../../codec/commands/app/get-payload-activation-status';
import { GetPayloadInstanceInfo } from '../../codec/commands/app/get-payload-instance-info';
import { EncryptionOperation, SuspendResumeCC, SuspendResumePayloadEncryption } from '../../codec/commands/app/suspend-resume-payload-encryption';
import { GetChannelPayloadVersion, PayloadVersionCC } from '../../codec/commands/app/get-channel-payload-version';
import { GetSolConfigurationParameters } from '../../codec/commands/transport/get-sol-configuration-parameters';
import { SetSolConfigurationParameters } from '../../codec/commands/transport/set-sol-configuration-parameters';
import { SOL_BIT_RATES, SOL_PARAM_REVISION, SolParam, solParameters } from '../../codec/commands/transport/sol-parameters';
import { decodeData, writeSetInProgress } from '../handlers/helpers';
import { SOL_CAPACITY, SOL_INBOUND_PAYLOAD_SIZE, SOL_INSTANCE, SOL_OUTBOUND_PAYLOAD_SIZE, SOL_SERIAL_PORT } from './service';

type Def = { name: string; codes?: Readonly<Record<number, string>> };

/** Payload type and instance of a request: only SOL instance 1 exists (CCh otherwise). */
function checkSol(type: number, instance: number, def: Def): void {
  if (type !== PayloadType.Sol || instance !== SOL_INSTANCE) fail(CC.InvalidDataField, def);
}

/** SOL lives on the LAN channel; 0Eh ("this channel") means it from wherever the request came. */
function solChannel(requested: number, def: Def): void {
  if (requested !== PRESENT_CHANNEL && requested !== LAN_CHANNEL) fail(CC.InvalidDataField, def);
}

/** The full session of the request (an RMCP+ one), or D5h: payloads exist only in RMCP+ sessions (v2.0 §24). */
function rmcpPlusSession(ctx: BmcContext, def: Def) {
  const s = ctx.session && ctx.bmc.sessions.active.get(ctx.session.id);
  if (!s || s.ipmiVersion !== '2.0' || !s.suite) fail(CC.NotSupportedInPresentState, def);
  return s;
}

const BIT_RATE_CODES = new Set<number>([0, ...Object.keys(SOL_BIT_RATES).map(Number)]);

/**
 * Serial-over-LAN commands (issue 9): payload activation (v2.0 §24.1-24.5, §24.9) and the SOL
 * configuration parameters (v2.0 §26.2-26.3). The payload itself travels in bmc/lan.ts.
 */
export const solHandlers: BoundHandler<VirtualBmc>[] = [
  handle(ActivatePayload, (req, ctx) => {
    const def = ActivatePayload;
    checkSol(req.payload.type, req.instance.number, def);
    const session = rmcpPlusSession(ctx, def);
    const sol = ctx.bmc.sol;
    const settings = sol.config.settings();
    if (!settings.enabled) fail(ActivatePayloadCC.typeDisabled, def);
    // Parameter 2: the session's operating privilege must reach SOL's (D4h, as for any command).
    if (ctx.privilege < settings.privilege) fail(CC.InsufficientPrivilege, def);
    // Set User Payload Access can take SOL from a user on this channel: 81h, as for SOL disabled.
    const user = ctx.bmc.users.get(session.userId);
    if (!user || !ctx.bmc.users.payloadAccess(user, ctx.channel).sol) fail(ActivatePayloadCC.typeDisabled, def);
    if (sol.active) fail(ActivatePayloadCC.alreadyActive, def);
    sol.activate(session, { encrypt: req.sol.encryption, authenticate: req.sol.authentication }, req.sol.startupHandshake);
    return {
      auxiliary: Buffer.alloc(4),
      inboundPayloadSize: SOL_INBOUND_PAYLOAD_SIZE,
      outboundPayloadSize: SOL_OUTBOUND_PAYLOAD_SIZE,
      udpPort: sol.config.udpPort(),
      vlan: NO_VLAN,
    };
  }),

  // The session that activated SOL may end it; another session needs Administrator (and its console is told).
  handle(DeactivatePayload, (req, ctx) => {
    const def = DeactivatePayload;
    checkSol(req.payload.type, req.instance.number, def);
    const sol = ctx.bmc.sol;
    const a = sol.active;
    if (!a) fail(DeactivatePayloadCC.alreadyDeactivated, def);
    const own = ctx.session?.id === a.session.id;
    if (!own && ctx.privilege < Privilege.administrator) fail(CC.InsufficientPrivilege, def);
    sol.deactivate(own ? 'Deactivate Payload' : `Deactivate Payload from session ${ctx.session?.id ?? 'outside a session'}`, !own);
    return {};
  }),

  handle(GetPayloadActivationStatus, (req, ctx) => {
    if (req.payload.type !== PayloadType.Sol) fail(CC.InvalidDataField, GetPayloadActivationStatus);
    return { capacity: { instances: SOL_CAPACITY }, active: ctx.bmc.sol.active ? 1 << (SOL_INSTANCE - 1) : 0 };
  }),

  handle(GetPayloadInstanceInfo, (req, ctx) => {
    checkSol(req.payloadType, req.instance, GetPayloadInstanceInfo);
    return { sessionId: ctx.bmc.sol.active?.session.id ?? 0, portNumber: SOL_SERIAL_PORT, reserved: Buffer.alloc(7) };
  }),

  handle(SuspendResumePayloadEncryption, (req, ctx) => {
    const def = SuspendResumePayloadEncryption;
    checkSol(req.payload.type, req.instance.number, def);
    const op = req.operation.op;
    if (op !== EncryptionOperation.suspend && op !== EncryptionOperation.resume) fail(SuspendResumeCC.operationNotSupported, def);
    const sol = ctx.bmc.sol;
    const a = sol.active;
    if (!a) fail(SuspendResumeCC.instanceNotActive, def);
    if (ctx.session?.id !== a.session.id && ctx.privilege < Privilege.administrator) fail(CC.InsufficientPrivilege, def);
    if (a.session.suite!.confidentiality === 0) fail(SuspendResumeCC.encryptionUnavailable, def);
    // With "force encryption" set (parameter 2) the console may not turn it off.
    if (op === EncryptionOperation.suspend && sol.config.settings().forceEncryption) fail(SuspendResumeCC.notAllowed, def);
    a.security = { ...a.security, encrypt: op === EncryptionOperation.resume };
    return {};
  }),

  handle(GetChannelPayloadVersion, (req, ctx) => {
    const ch = req.channel.number === PRESENT_CHANNEL ? ctx.channel : req.channel.number;
    if (!ctx.bmc.settings.hasChannel(ch)) fail(CC.InvalidDataField, GetChannelPayloadVersion);
    // RMCP+ payloads exist on the LAN channel only; IPMI messages and SOL are format 1.0 (v2.0 §24.9).
    if (ch !== LAN_CHANNEL || (req.payloadType !== PayloadType.Ipmi && req.payloadType !== PayloadType.Sol))
      fail(PayloadVersionCC.notAvailable, GetChannelPayloadVersion);
    return { version: { major: 1, minor: 0 } };
  }),

  handle(GetSolConfigurationParameters, (req, ctx) => {
    const def = GetSolConfigurationParameters;
    solChannel(req.channel.number, def);
    if (req.channel.revisionOnly) return { revision: SOL_PARAM_REVISION, data: Buffer.alloc(0) };
    const sol = ctx.bmc.sol;
    const p = solParameters.find(req.parameter);
    const data = p?.id === SolParam.setInProgress.id ? Buffer.from([sol.config.params.setInProgress]) : p && sol.config.get(p.id);
    if (!data) fail(ParameterCC.notSupported, def);
    return { revision: SOL_PARAM_REVISION, data };
  }),

  handle(SetSolConfigurationParameters, (req, ctx) => {
    const def = SetSolConfigurationParameters;
    solChannel(req.channel.number, def);
    const sol = ctx.bmc.sol;
    const p = solParameters.find(req.parameter);
    if (!p) fail(ParameterCC.notSupported, def);
    if (p.readOnly) fail(ParameterCC.readOnly, def);
    if (p.id === SolParam.setInProgress.id) {
      sol.config.params.setInProgress = writeSetInProgress(sol.config.params.setInProgress, req.data, def);
      return {};
    }
    decodeData(p.codec, req.data, def, p.name);
    if (p.id === SolParam.authentication.id) {
      const a = decodeData(SolParam.authentication.codec, req.data, def, p.name);
      if (a.privilege < Privilege.user || a.privilege > Privilege.oem) fail(CC.InvalidDataField, def);
    } else if (p.id === SolParam.accumulate.id) {
      // Both are 1-based: 00h is reserved (Table 26-5).
      const a = decodeData(SolParam.accumulate.codec, req.data, def, p.name);
      if (a.interval5ms === 0 || a.threshold === 0) fail(CC.InvalidDataField, def);
    } else if (p.id === SolParam.nonVolatileBitRate.id || p.id === SolParam.volatileBitRate.id) {
      if (!BIT_RATE_CODES.has(decodeData(SolParam.nonVolatileBitRate.codec, req.data, def, p.name))) fail(CC.InvalidDataField, def);
    }
    sol.config.set(p.id, req.data);
    sol.settingsChanged();
    return {};
  }),
];
