import type { AnyCommandDef } from '../define';
import { GetChassisCapabilities } from './get-chassis-capabilities';
import { GetChassisStatus } from './get-chassis-status';
import { ChassisControl } from './chassis-control';
import { ChassisIdentify } from './chassis-identify';
import { SetPowerRestorePolicy } from './set-power-restore-policy';
import { GetSystemRestartCause } from './get-system-restart-cause';
import { SetSystemBootOptions } from './set-system-boot-options';
import { GetSystemBootOptions } from './get-system-boot-options';
import { GetPohCounter } from './get-poh-counter';

export {
  GetChassisCapabilities,
  GetChassisStatus,
  ChassisControl,
  ChassisIdentify,
  SetPowerRestorePolicy,
  GetSystemRestartCause,
  SetSystemBootOptions,
  GetSystemBootOptions,
  GetPohCounter,
};

/** Every chassis command definition; one file per command beside this one. */
export const chassisCommands: readonly AnyCommandDef[] = [
  GetChassisCapabilities,
  GetChassisStatus,
  ChassisControl,
  ChassisIdentify,
  SetPowerRestorePolicy,
  GetSystemRestartCause,
  SetSystemBootOptions,
  GetSystemBootOptions,
  GetPohCounter,
];
