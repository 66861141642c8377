import type { AnyCommandDef } from '../define';
import { GetDcmiCapabilityInfo, DcmiCapabilityParameter, dcmiCapabilityData, dcmiTimePeriod } from './get-dcmi-capability-info';
import type { DcmiCapabilityData } from './get-dcmi-capability-info';
import { GetPowerReading, PowerReadingMode } from './get-power-reading';
import { GetPowerLimit } from './get-power-limit';
import { SetPowerLimit, PowerLimitExceptionAction } from './set-power-limit';
import { ActivateDeactivatePowerLimit } from './activate-deactivate-power-limit';
import { GetAssetTag } from './get-asset-tag';
import { SetAssetTag } from './set-asset-tag';
import { GetManagementControllerIdString } from './get-management-controller-id-string';
import { SetManagementControllerIdString } from './set-management-controller-id-string';
import { GetDcmiSensorInfo, DCMI_MAX_INSTANCES_PER_RESPONSE } from './get-dcmi-sensor-info';
import { GetTemperatureReadings, signMagnitude8 } from './get-temperature-readings';

export * from './fields';
export type { DcmiCapabilityData };
export {
  GetDcmiCapabilityInfo,
  DcmiCapabilityParameter,
  dcmiCapabilityData,
  dcmiTimePeriod,
  GetPowerReading,
  PowerReadingMode,
  GetPowerLimit,
  SetPowerLimit,
  PowerLimitExceptionAction,
  ActivateDeactivatePowerLimit,
  GetAssetTag,
  SetAssetTag,
  GetManagementControllerIdString,
  SetManagementControllerIdString,
  GetDcmiSensorInfo,
  DCMI_MAX_INSTANCES_PER_RESPONSE,
  GetTemperatureReadings,
  signMagnitude8,
};

/** Every group extension command definition (NetFn 2Ch): DCMI, group DCh. One file per command beside this one. */
export const groupCommands: readonly AnyCommandDef[] = [
  GetDcmiCapabilityInfo,
  GetPowerReading,
  GetPowerLimit,
  SetPowerLimit,
  ActivateDeactivatePowerLimit,
  GetAssetTag,
  SetAssetTag,
  GetManagementControllerIdString,
  SetManagementControllerIdString,
  GetDcmiSensorInfo,
  GetTemperatureReadings,
];
