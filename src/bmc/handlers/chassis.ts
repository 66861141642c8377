import { handle, BoundHandler } from '../dispatch';
import type { VirtualBmc } from '../device';
import { BMC_SA } from '../../codec/message/ipmb';
import { CC, fail } from '../../codec/message/completion-codes';
import {
  GetChassisCapabilities,
  GetChassisStatus,
  ChassisControl,
  ChassisIdentify,
  SetPowerRestorePolicy,
  GetSystemRestartCause,
  SetSystemBootOptions,
  GetSystemBootOptions,
  GetPohCounter,
} from '../../codec/commands/chassis';
import { ChassisControlOp } from '../../codec/commands/chassis/chassis-control';
import { DEFAULT_IDENTIFY_SEC } from '../../codec/commands/chassis/chassis-identify';
import { PowerRestorePolicy } from '../../codec/commands/chassis/get-chassis-status';
import { POLICY_NO_CHANGE } from '../../codec/commands/chassis/set-power-restore-policy';
import { BOOT_OPTIONS_VERSION, BootParam, bootOptionParameters } from '../../codec/commands/chassis/boot-option-parameters';
import { ParameterCC, decodeParameter, encodeParameter } from '../../codec/commands/app/config-parameters';
import { POH_MINUTES_PER_COUNT, PowerAction, RestorePolicy, policyCode } from '../state/chassis';
import { bootContext } from '../state/power-hooks';
import { decodeData, writeSetInProgress } from './helpers';

/** Chassis Control operations as power hooks name them (issue 9). */
const HOOK_ACTION: Record<number, PowerAction> = {
  [ChassisControlOp.powerDown]: 'off',
  [ChassisControlOp.powerUp]: 'on',
  [ChassisControlOp.powerCycle]: 'cycle',
  [ChassisControlOp.hardReset]: 'reset',
  [ChassisControlOp.diagnosticInterrupt]: 'diag',
  [ChassisControlOp.softShutdown]: 'soft',
};

const policyByCode: Record<number, RestorePolicy> = {
  [PowerRestorePolicy.alwaysOff]: 'always-off',
  [PowerRestorePolicy.previous]: 'previous',
  [PowerRestorePolicy.alwaysOn]: 'always-on',
};

/** Chassis commands (v2.0 §28): power, identify, restart cause, boot options, POH counter. */
export const chassisHandlers: BoundHandler<VirtualBmc>[] = [
  // Every chassis function lives in the BMC (20h); the diagnostic interrupt is emulated (an event).
  handle(GetChassisCapabilities, () => ({
    flags: { powerInterlock: false, diagnosticInterrupt: true, frontPanelLockout: false, intrusionSensor: false },
    fruDeviceAddress: BMC_SA,
    sdrDeviceAddress: BMC_SA,
    selDeviceAddress: BMC_SA,
    systemManagementDeviceAddress: BMC_SA,
  })),

  // A device with a power status hook reads its machine's power first (state/power-hooks.ts).
  handle(GetChassisStatus, async (_req, ctx) => {
    const c = ctx.bmc.chassis;
    await c.refresh();
    return {
      power: { restorePolicy: policyCode[c.restorePolicy], controlFault: false, fault: false, interlock: false, overload: false, on: c.isOn },
      lastEvent: { onViaIpmi: c.onViaIpmi, downByFault: false, downByInterlock: false, downByOverload: false, acFailed: false },
      misc: {
        identifySupported: true,
        identifyState: c.identifyState(),
        coolingFault: false,
        driveFault: false,
        frontPanelLockout: false,
        intrusion: false,
      },
    };
  }),

  // Power down and up are accepted in any state (nothing to do when already there); cycle, reset,
  // diagnostic interrupt and soft shutdown need a powered system: D5h otherwise (v2.0 §28.3).
  // A device with power hooks drives its machine first; a failed hook answers its completion code.
  handle(ChassisControl, async (req, ctx) => {
    const { chassis, boot } = ctx.bmc;
    const op = req.control.op;
    if (op > ChassisControlOp.softShutdown) fail(CC.InvalidDataField, ChassisControl);
    await chassis.refresh();
    if (op >= ChassisControlOp.powerCycle && !chassis.isOn) fail(CC.NotSupportedInPresentState, ChassisControl);
    await chassis.runHook(HOOK_ACTION[op]);
    boot.chassisControlReceived();
    const ch = ctx.channel;
    if (op === ChassisControlOp.powerDown) chassis.powerDown('chassis-control', ch);
    else if (op === ChassisControlOp.powerUp) chassis.powerUp('chassis-control', ch);
    else if (op === ChassisControlOp.powerCycle) chassis.powerCycle('chassis-control', ch);
    else if (op === ChassisControlOp.hardReset) chassis.hardReset('chassis-control', ch);
    else if (op === ChassisControlOp.diagnosticInterrupt) chassis.diagnosticInterrupt(ch);
    else chassis.softShutdown(ch);
    return {};
  }),

  handle(ChassisIdentify, (req, ctx) => {
    ctx.bmc.chassis.identify(req.intervalSec ?? DEFAULT_IDENTIFY_SEC, req.force?.on ?? false);
    return {};
  }),

  handle(SetPowerRestorePolicy, (req, ctx) => {
    const code = req.policy.policy;
    if (code !== POLICY_NO_CHANGE) {
      const p = policyByCode[code];
      if (!p) fail(CC.InvalidDataField, SetPowerRestorePolicy);
      ctx.bmc.chassis.setRestorePolicy(p);
    }
    return { supported: { alwaysOn: true, previous: true, alwaysOff: true } };
  }),

  handle(GetSystemRestartCause, (_req, ctx) => {
    const r = ctx.bmc.chassis.restartCause;
    return { cause: { cause: r.cause }, channel: { number: r.channel } };
  }),

  handle(GetPohCounter, (_req, ctx) => ({
    minutesPerCount: POH_MINUTES_PER_COUNT,
    counter: Math.floor(ctx.bmc.chassis.powerOnMinutes() / POH_MINUTES_PER_COUNT),
  })),

  handle(GetSystemBootOptions, (req, ctx) => {
    const params = ctx.bmc.boot.params;
    const p = bootOptionParameters.find(req.parameter.id);
    if (!p) fail(ParameterCC.notSupported, GetSystemBootOptions);
    let data: Buffer;
    if (p.id === BootParam.setInProgress.id) data = Buffer.from([params.setInProgress]);
    // Byte 1 of Boot Info Acknowledge is a write mask: it reads as 00h (Table 28-14).
    else if (p.id === BootParam.bootInfoAcknowledge.id)
      data = encodeParameter(BootParam.bootInfoAcknowledge, { ...decodeParameter(BootParam.bootInfoAcknowledge, params.get(p.id)!), writeMask: 0 });
    else data = params.get(p.id)!;
    return { version: { version: BOOT_OPTIONS_VERSION }, parameter: { invalid: params.isLocked(p.id), id: p.id }, data };
  }),

  // An empty data field only changes the parameter's valid/locked bit (byte 1 bit 7).
  handle(SetSystemBootOptions, async (req, ctx) => {
    const { boot, chassis } = ctx.bmc;
    const params = boot.params;
    const p = bootOptionParameters.find(req.parameter.id);
    if (!p) fail(ParameterCC.notSupported, SetSystemBootOptions);
    if (p.id === BootParam.setInProgress.id) {
      params.setInProgress = writeSetInProgress(params.setInProgress, req.data, SetSystemBootOptions);
      return {};
    }
    if (req.data.length === 0) {
      params.set(p.id, undefined, req.parameter.invalid);
      return {};
    }
    decodeData(p.codec, req.data, SetSystemBootOptions, p.name);
    let data = req.data;
    if (p.id === BootParam.bootInfoAcknowledge.id) {
      const old = decodeParameter(BootParam.bootInfoAcknowledge, params.get(p.id)!);
      const w = decodeParameter(BootParam.bootInfoAcknowledge, req.data);
      data = encodeParameter(BootParam.bootInfoAcknowledge, { writeMask: 0, data: (old.data & ~w.writeMask) | (w.data & w.writeMask) });
    }
    // Valid boot flags reach a hooked machine (`bootdev <device>`) before they are stored.
    if (p.id === BootParam.bootFlags.id) {
      const flags = decodeParameter(BootParam.bootFlags, data);
      if (flags.flags.valid) await chassis.bootHook(bootContext(flags));
    }
    params.set(p.id, data, req.parameter.invalid);
    if (p.id === BootParam.bootFlags.id) boot.flagsWritten();
    return {};
  }),
];
