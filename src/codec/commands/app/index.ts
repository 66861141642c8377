import type { AnyCommandDef } from '../define';
import { GetDeviceId } from './get-device-id';
import { ColdReset } from './cold-reset';
import { WarmReset } from './warm-reset';
import { GetSelfTestResults } from './get-self-test-results';
import { SetAcpiPowerState } from './set-acpi-power-state';
import { GetAcpiPowerState } from './get-acpi-power-state';
import { GetDeviceGuid } from './get-device-guid';
import { ResetWatchdogTimer } from './reset-watchdog-timer';
import { SetWatchdogTimer } from './set-watchdog-timer';
import { GetWatchdogTimer } from './get-watchdog-timer';
import { SetBmcGlobalEnables } from './set-bmc-global-enables';
import { GetBmcGlobalEnables } from './get-bmc-global-enables';
import { GetSystemGuid } from './get-system-guid';
import { SetChannelAccess } from './set-channel-access';
import { GetChannelAccess } from './get-channel-access';
import { GetChannelInfo } from './get-channel-info';
import { SetUserAccess } from './set-user-access';
import { GetUserAccess } from './get-user-access';
import { SetUserName } from './set-user-name';
import { GetUserName } from './get-user-name';
import { SetUserPassword } from './set-user-password';
import { SetUserPayloadAccess } from './set-user-payload-access';
import { GetUserPayloadAccess } from './get-user-payload-access';
import { GetChannelPayloadSupport } from './get-channel-payload-support';
import { SetSystemInfoParameters } from './set-system-info-parameters';
import { GetSystemInfoParameters } from './get-system-info-parameters';
import { ActivatePayload } from './activate-payload';
import { DeactivatePayload } from './deactivate-payload';
import { GetPayloadActivationStatus } from './get-payload-activation-status';
import { GetPayloadInstanceInfo } from './get-payload-instance-info';
import { SuspendResumePayloadEncryption } from './suspend-resume-payload-encryption';
import { GetChannelPayloadVersion } from './get-channel-payload-version';

export {
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
  ActivatePayload,
  DeactivatePayload,
  GetPayloadActivationStatus,
  GetPayloadInstanceInfo,
  SuspendResumePayloadEncryption,
  GetChannelPayloadVersion,
};

/** Every app command definition; one file per command beside this one (session commands: session-index.ts). */
export const appCommands: readonly AnyCommandDef[] = [
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
  ActivatePayload,
  DeactivatePayload,
  GetPayloadActivationStatus,
  GetPayloadInstanceInfo,
  SuspendResumePayloadEncryption,
  GetChannelPayloadVersion,
];
