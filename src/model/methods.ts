import { CimError, CimStatus, CompletionCodeError } from '../lib/errors';
import { findCommand } from '../codec/commands';
import { ChassisControlOp } from '../codec/commands/chassis/chassis-control';
import { NetFn, Privilege, PrivilegeName } from '../codec/message/netfn';
import type { CimInstance, CimMethodInfo, CimValue } from './types';
import type { Schema } from './classes/schema';
import type { DeviceEntry } from './repository';
import type { ChassisControlOpValue } from './sources/types';
import { BMC_ADDRESS } from './mapping/sdr';
import { THRESHOLDS } from '../codec/sensor/thresholds';

/**
 * Method calls on model instances, each mapped to IPMI operations through the DeviceSource
 * (research note cim-model.md §2.1, §2.6, §2.8). Device failures become CimError FAILED
 * naming the device, the IPMI command and the BMC's reason.
 */
export interface MethodCall {
  schema: Schema;
  instance: CimInstance;
  entry?: DeviceEntry;
  method: CimMethodInfo;
  args: Record<string, CimValue>;
  /** Highest privilege raw pass-through may use for this caller. */
  privilege: PrivilegeName;
}
export interface MethodResult {
  returnValue: number;
  out: Record<string, CimValue>;
}

/** CIM method return values used here (CIM_EnabledLogicalElement.RequestStateChange ValueMap; "0 success, 1 not supported" convention of CIM_LogicalDevice methods). */
export const Return = {
  ok: 0,
  notSupported: 1,
  invalidParameter: 5,
  invalidStateTransition: 4097,
  timeoutNotSupported: 4098,
} as const;

/** A device error as CimError FAILED: "<device>: <command>: <reason> (0xcc)". */
export function deviceFailure(device: string, command: string, e: unknown): CimError {
  const why = e instanceof CompletionCodeError ? (e.command ? e.message : `${command}: ${e.message}`) : `${command}: ${e instanceof Error ? e.message : String(e)}`;
  return new CimError(CimStatus.FAILED, `${device}: ${why}`, e);
}

/** Run a device operation, translating its failure. */
export async function onDevice<T>(entry: DeviceEntry, command: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw deviceFailure(entry.source.name, command, e);
  }
}

/** Case-insensitive argument lookup. */
function arg(args: Record<string, CimValue>, name: string): CimValue | undefined {
  const k = Object.keys(args).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : args[k];
}
function intArg(args: Record<string, CimValue>, name: string, min: number, max: number, dflt?: number): number {
  const v = arg(args, name);
  if ((v === undefined || v === null) && dflt !== undefined) return dflt;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CimError(CimStatus.INVALID_PARAMETER, `${name} must be an integer ${min}..${max}, got ${JSON.stringify(v ?? null)}`);
  return n;
}
function bytesArg(args: Record<string, CimValue>, name: string): number[] {
  const v = arg(args, name);
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x, i) => {
    const n = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 255) throw new CimError(CimStatus.INVALID_PARAMETER, `${name}[${i}] must be a byte 0..255, got ${JSON.stringify(x)}`);
    return n;
  });
}

export async function invokeMethod(c: MethodCall): Promise<MethodResult> {
  const base = c.schema.lineage(c.instance.className);
  const is = (cls: string) => base.includes(cls);
  const name = c.method.name;
  if (is('Microsoft_IPMI')) return rawRequest(c);
  const entry = c.entry!;
  if (is('CIM_Log') && name === 'ClearLog') {
    // Reserve SEL + Clear SEL, then wait for erasure (v2.0 §31.9): DeviceSource.clearSel.
    await onDevice(entry, 'Clear SEL', () => entry.source.clearSel());
    entry.cache.invalidate('sel', 'selInfo');
    return { returnValue: Return.ok, out: {} };
  }
  if (is('CIM_ComputerSystem') && name === 'RequestStateChange') return requestStateChange(c, entry);
  if (is('CIM_ComputerSystem') && name === 'SetPowerState') return setPowerState(c, entry);
  if (is('CIM_NumericSensor') && name === 'RestoreDefaultThresholds') return restoreDefaultThresholds(c, entry);
  // Everything else declared (Reset, EnableDevice, SaveProperties, GetNonLinearFactors, a
  // sensor's RequestStateChange ...) has no IPMI counterpart the device source offers.
  return { returnValue: Return.notSupported, out: {} };
}

// RequestedState (CIM_EnabledLogicalElement ValueMap) -> Chassis Control (v2.0 §28.3).
const STATE_TO_CHASSIS: Record<number, ChassisControlOpValue> = {
  2: ChassisControlOp.powerUp, // Enabled
  3: ChassisControlOp.powerDown, // Disabled
  4: ChassisControlOp.softShutdown, // Shut Down: ACPI soft shutdown through the OS
  10: ChassisControlOp.powerCycle, // Reboot
  11: ChassisControlOp.hardReset, // Reset
};
const CHASSIS_OP_NAME: Record<number, string> = {
  0: 'power down',
  1: 'power up',
  2: 'power cycle',
  3: 'hard reset',
  4: 'diagnostic interrupt',
  5: 'soft shutdown',
};

async function chassis(entry: DeviceEntry, op: ChassisControlOpValue): Promise<void> {
  await onDevice(entry, `Chassis Control (${CHASSIS_OP_NAME[op]})`, () => entry.source.chassisControl(op));
  entry.cache.invalidate('power');
}

async function requestStateChange(c: MethodCall, entry: DeviceEntry): Promise<MethodResult> {
  const state = intArg(c.args, 'RequestedState', 0, 0xffff);
  const timeout = arg(c.args, 'TimeoutPeriod');
  if (timeout !== undefined && timeout !== null) return { returnValue: Return.timeoutNotSupported, out: {} };
  if (state === 5) return { returnValue: Return.ok, out: {} }; // No Change
  const op = STATE_TO_CHASSIS[state];
  if (op === undefined) return { returnValue: [0, 6, 7, 8, 9, 12].includes(state) ? Return.invalidStateTransition : Return.invalidParameter, out: {} };
  await chassis(entry, op);
  entry.requestedState = state;
  return { returnValue: Return.ok, out: { Job: null } };
}

// CIM_ComputerSystem.SetPowerState PowerState ValueMap: 1 Full Power, 5 Power Cycle, 6 Power Off, 8 Soft Off.
const POWER_TO_CHASSIS: Record<number, ChassisControlOpValue> = {
  1: ChassisControlOp.powerUp,
  5: ChassisControlOp.powerCycle,
  6: ChassisControlOp.powerDown,
  8: ChassisControlOp.softShutdown,
};

async function setPowerState(c: MethodCall, entry: DeviceEntry): Promise<MethodResult> {
  const state = intArg(c.args, 'PowerState', 0, 0xffffffff);
  const time = arg(c.args, 'Time');
  // A scheduled change (Time given) cannot be expressed in IPMI: not supported.
  const op = POWER_TO_CHASSIS[state];
  if (op === undefined || (time !== undefined && time !== null)) return { returnValue: Return.notSupported, out: {} };
  await chassis(entry, op);
  return { returnValue: Return.ok, out: {} };
}

/** Set Sensor Thresholds with the SDR's values for every settable threshold (the SDR holds the defaults, v2.0 §43.1). */
async function restoreDefaultThresholds(c: MethodCall, entry: DeviceEntry): Promise<MethodResult> {
  const view = await entry.cache.load(['sdr']);
  const def = view.sensors?.find((d) => d.deviceId === c.instance.properties.DeviceID);
  const n = def?.numeric;
  if (!def || !n || !n.settableMask) return { returnValue: Return.notSupported, out: {} };
  const values = Object.fromEntries(THRESHOLDS.filter((_, i) => n.settableMask & (1 << i)).map((t) => [t, n.sdr.thresholds[t]]));
  await onDevice(entry, `Set Sensor Thresholds (sensor ${def.name})`, () => entry.source.setSensorThresholds(def.address, values));
  entry.cache.invalidate('thresholds', 'readings');
  return { returnValue: Return.ok, out: {} };
}

/**
 * Microsoft_IPMI.RequestResponse / RequestResponseEx: a raw request through the device. The
 * BMC's completion code is returned in CompletionCode as Windows does; the caller's privilege
 * is checked first against the command's minimum (the command registry; unknown commands need
 * administrator), bounded by the privilege the bridge holds on that BMC.
 */
async function rawRequest(c: MethodCall): Promise<MethodResult> {
  const entry = c.entry!;
  if (c.method.name === 'SMS_Attention')
    throw new CimError(CimStatus.NOT_SUPPORTED, 'Microsoft_IPMI.SMS_Attention reads the KCS status register of a local BMC; a bridged device has none');
  const ex = c.method.name === 'RequestResponseEx';
  const cmd = intArg(c.args, 'Command', 0, 0xff);
  const lun = intArg(c.args, 'Lun', 0, 3, 0);
  const netFn = intArg(c.args, 'NetworkFunction', 0, 0x3f);
  if (netFn % 2) throw new CimError(CimStatus.INVALID_PARAMETER, `NetworkFunction 0x${netFn.toString(16)} is a response NetFn; requests use even values`);
  const data = bytesArg(c.args, ex ? 'Data' : 'RequestData');
  const sizeArg = arg(c.args, ex ? 'DataSize' : 'RequestDataSize');
  const size = sizeArg === undefined || sizeArg === null ? data.length : intArg(c.args, ex ? 'DataSize' : 'RequestDataSize', 0, data.length);
  const responder = intArg(c.args, 'ResponderAddress', 0, 0xff, BMC_ADDRESS);
  const body = Buffer.from(data.slice(0, size));

  const def = findCommand(netFn, cmd, netFn === NetFn.Group ? body[0] : undefined);
  const required: PrivilegeName | 'none' = def?.privilege ?? 'administrator';
  const held = entry.source.privilege ?? 'administrator';
  const allowed = Privilege[held] < Privilege[c.privilege] ? held : c.privilege;
  const what = def ? def.name : `NetFn 0x${netFn.toString(16).padStart(2, '0')} command 0x${cmd.toString(16).padStart(2, '0')}`;
  if (required !== 'none' && Privilege[required] > Privilege[allowed])
    throw new CimError(CimStatus.ACCESS_DENIED, `Microsoft_IPMI.${c.method.name}: ${what} needs ${required} privilege; this caller may use ${allowed}`);

  const res = await onDevice(entry, what, () => entry.source.raw({ netFn, cmd, lun, responderAddress: responder, data: body }));
  return {
    returnValue: Return.ok,
    out: { CompletionCode: res.completionCode, ResponseData: [...res.data], ResponseDataSize: res.data.length },
  };
}
