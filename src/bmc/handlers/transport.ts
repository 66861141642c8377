import { handle, BoundHandler } from '../dispatch';
import type { VirtualBmc } from '../device';
import { LAN_CHANNEL } from '../device';
import { CC, fail } from '../../codec/message/completion-codes';
import { GetLanConfigurationParameters, SetLanConfigurationParameters } from '../../codec/commands/transport';
import { IpSource, LAN_PARAM_REVISION, LanParam, lanParameters } from '../../codec/commands/transport/lan-parameters';
import { ParameterCC } from '../../codec/commands/app/config-parameters';
import { Privilege } from '../../codec/message/netfn';
import { channelOf, decodeData, writeSetInProgress } from './helpers';
import { SUPERMICRO_LAN_MODE_SUB, SupermicroLanMode, SupermicroLanModeCommand, SupermicroLanModeOp } from '../../codec/commands/oem/supermicro-lan-mode';

const IP_SOURCES = new Set<number>(Object.values(IpSource));
const CIPHER_LIMITS = new Set<number>([0, ...Object.values(Privilege)]);
const LAN_MODES = new Set<number>(Object.values(SupermicroLanMode));

/** LAN configuration (v2.0 §23.1, §23.2) on the LAN channel; other channels are CCh. */
export const transportHandlers: BoundHandler<VirtualBmc>[] = [
  handle(GetLanConfigurationParameters, (req, ctx) => {
    const lan = ctx.bmc.lan;
    if (channelOf(req.channel.number, ctx, GetLanConfigurationParameters) !== LAN_CHANNEL) fail(CC.InvalidDataField, GetLanConfigurationParameters);
    if (req.channel.revisionOnly) return { revision: LAN_PARAM_REVISION, data: Buffer.alloc(0) };
    const p = lanParameters.find(req.parameter);
    const data = p?.id === LanParam.setInProgress.id ? Buffer.from([lan.params.setInProgress]) : p && lan.get(p.id);
    if (!data) fail(ParameterCC.notSupported, GetLanConfigurationParameters);
    return { revision: LAN_PARAM_REVISION, data };
  }),

  handle(SetLanConfigurationParameters, (req, ctx) => {
    const lan = ctx.bmc.lan;
    const def = SetLanConfigurationParameters;
    if (channelOf(req.channel.number, ctx, def) !== LAN_CHANNEL) fail(CC.InvalidDataField, def);
    const p = lanParameters.find(req.parameter);
    if (!p || (p.id !== LanParam.setInProgress.id && !lan.get(p.id))) fail(ParameterCC.notSupported, def);
    if (p.readOnly) fail(ParameterCC.readOnly, def);
    if (p.id === LanParam.setInProgress.id) {
      lan.params.setInProgress = writeSetInProgress(lan.params.setInProgress, req.data, def);
      return {};
    }
    decodeData(p.codec, req.data, def, p.name);
    if (p.id === LanParam.authTypeEnables.id) {
      const support = decodeData(LanParam.authTypeSupport.codec, lan.get(LanParam.authTypeSupport.id)!, def, p.name);
      const enables = decodeData(LanParam.authTypeEnables.codec, req.data, def, p.name);
      for (const level of Object.values(enables))
        for (const t of ['none', 'md2', 'md5', 'password', 'oem'] as const) if (level[t] && !support[t]) fail(CC.InvalidDataField, def);
    } else if (p.id === LanParam.ipAddressSource.id) {
      if (!IP_SOURCES.has(decodeData(LanParam.ipAddressSource.codec, req.data, def, p.name).source)) fail(CC.InvalidDataField, def);
    } else if (p.id === LanParam.cipherSuitePrivileges.id) {
      if (decodeData(LanParam.cipherSuitePrivileges.codec, req.data, def, p.name).some((l) => !CIPHER_LIMITS.has(l))) fail(CC.InvalidDataField, def);
    }
    lan.params.set(p.id, req.data);
    return {};
  }),

  // Supermicro's OEM LAN interface mode, on profiles that set lan.supermicroLanMode; C1h elsewhere.
  handle(SupermicroLanModeCommand, (req, ctx) => {
    const def = SupermicroLanModeCommand;
    const oem = ctx.bmc.oem;
    const mode = oem.supermicroLanMode();
    if (mode === undefined) fail(CC.InvalidCommand, def);
    if (req.sub !== SUPERMICRO_LAN_MODE_SUB) fail(CC.InvalidDataField, def);
    if (req.op === SupermicroLanModeOp.get) {
      if (req.mode !== undefined) fail(CC.RequestLengthInvalid, def);
      return { mode };
    }
    if (req.op !== SupermicroLanModeOp.set) fail(CC.InvalidDataField, def);
    if (req.mode === undefined) fail(CC.RequestLengthInvalid, def);
    if (ctx.privilege < Privilege.administrator) fail(CC.InsufficientPrivilege, def);
    if (!LAN_MODES.has(req.mode)) fail(CC.ParameterOutOfRange, def);
    oem.setSupermicroLanMode(req.mode);
    return {};
  }),
];
