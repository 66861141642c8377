import { CompletionCodeError } from '../../lib/errors';
import type { ResponseOf } from '../../codec/commands';
import { ChassisControl, GetChassisStatus, GetSystemBootOptions, SetSystemBootOptions } from '../../codec/commands/chassis';
import { ChassisControlOp } from '../../codec/commands/chassis/chassis-control';
import { BootDevice, BootFlags, BootInfoAck, BootParam } from '../../codec/commands/chassis/boot-option-parameters';
import { SetInProgressState, decodeParameter, encodeParameter } from '../../codec/commands/app/config-parameters';
import { GetPowerReading, PowerReadingMode } from '../../codec/commands/group';
import type { IpmiClient } from '../client';

export type ChassisStatus = ResponseOf<typeof GetChassisStatus>;
export type PowerReading = ResponseOf<typeof GetPowerReading>;
export type ChassisControlName = keyof typeof ChassisControlOp;

export function chassisStatus(client: IpmiClient): Promise<ChassisStatus> {
  return client.call(GetChassisStatus, {});
}

/** Chassis Control (v2.0 §28.3): power down, up, cycle, hard reset, diagnostic interrupt, soft shutdown. */
export async function chassisControl(client: IpmiClient, op: ChassisControlName): Promise<void> {
  await client.call(ChassisControl, { control: { op: ChassisControlOp[op] } });
}

/** Boot devices by ipmitool's `chassis bootdev` names (v2.0 Table 28-14, boot flags data 2 [5:2]). */
export const BOOT_DEVICES = {
  none: BootDevice.noOverride,
  pxe: BootDevice.pxe,
  disk: BootDevice.disk,
  safe: BootDevice.diskSafeMode,
  diag: BootDevice.diagnosticPartition,
  cdrom: BootDevice.cdDvd,
  bios: BootDevice.biosSetup,
  floppy: BootDevice.floppy,
} as const;
export type BootDeviceName = keyof typeof BOOT_DEVICES;

export interface BootDeviceOptions {
  /** Apply to every boot, not only the next (boot flags data 1 [6]). */
  persistent?: boolean;
  /** Ask for an EFI boot (data 1 [5]). */
  efi?: boolean;
}

async function setParam(client: IpmiClient, id: number, data: Buffer): Promise<void> {
  await client.call(SetSystemBootOptions, { parameter: { invalid: false, id }, data });
}

/**
 * Set the next boot device (v2.0 §28.12-28.13), as ipmitool's `chassis bootdev` does: mark
 * the parameters "set in progress" (skipped when the BMC does not support it), clear the BIOS
 * boot info acknowledge bit, write the boot flags with the valid bit, then "set complete".
 */
export async function setBootDevice(client: IpmiClient, device: BootDeviceName, opts: BootDeviceOptions = {}): Promise<void> {
  let bracket = true;
  try {
    await setParam(client, BootParam.setInProgress.id, encodeParameter(BootParam.setInProgress, SetInProgressState.inProgress));
  } catch (e) {
    if (!(e instanceof CompletionCodeError)) throw e;
    bracket = false;
  }
  try {
    try {
      await setParam(client, BootParam.bootInfoAcknowledge.id, encodeParameter(BootParam.bootInfoAcknowledge, { writeMask: BootInfoAck.biosPost, data: BootInfoAck.biosPost }));
    } catch (e) {
      if (!(e instanceof CompletionCodeError)) throw e;
    }
    const flags: BootFlags = {
      flags: { valid: true, persistent: opts.persistent ?? false, efi: opts.efi ?? false },
      device: { cmosClear: false, lockKeyboard: false, selector: BOOT_DEVICES[device], screenBlank: false, lockResetButton: false },
      firmware: { lockPowerButton: false, verbosity: 0, progressEventTraps: false, passwordBypass: false, lockSleepButton: false, consoleRedirection: 0 },
      bios: { sharedModeOverride: false, muxControl: 0 },
      instance: { selector: 0 },
    };
    await setParam(client, BootParam.bootFlags.id, encodeParameter(BootParam.bootFlags, flags));
  } finally {
    if (bracket) await setParam(client, BootParam.setInProgress.id, encodeParameter(BootParam.setInProgress, SetInProgressState.complete)).catch(() => undefined);
  }
}

/** The boot flags parameter (5) as the BMC reports it, with whether it is valid. */
export async function getBootFlags(client: IpmiClient): Promise<{ flags: BootFlags; locked: boolean; deviceName?: BootDeviceName }> {
  const r = await client.call(GetSystemBootOptions, { parameter: { id: BootParam.bootFlags.id }, setSelector: 0, blockSelector: 0 });
  const flags = decodeParameter(BootParam.bootFlags, r.data);
  const deviceName = (Object.keys(BOOT_DEVICES) as BootDeviceName[]).find((k) => BOOT_DEVICES[k] === flags.device.selector);
  return { flags, locked: r.parameter.invalid, deviceName };
}

/** DCMI Get Power Reading (DCMI v1.5 §6.6.1), system power statistics mode, as `ipmitool dcmi power reading`. */
export function powerReading(client: IpmiClient): Promise<PowerReading> {
  return client.call(GetPowerReading, { mode: PowerReadingMode.systemPowerStatistics, modeAttributes: 0, reserved: undefined });
}
