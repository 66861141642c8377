import type { AnyCommandDef } from '../define';
import { SetLanConfigurationParameters } from './set-lan-configuration-parameters';
import { GetLanConfigurationParameters } from './get-lan-configuration-parameters';
import { SetSolConfigurationParameters } from './set-sol-configuration-parameters';
import { GetSolConfigurationParameters } from './get-sol-configuration-parameters';

export { SetLanConfigurationParameters, GetLanConfigurationParameters, SetSolConfigurationParameters, GetSolConfigurationParameters };

/** Every transport command definition; one file per command beside this one. */
export const transportCommands: readonly AnyCommandDef[] = [
  SetLanConfigurationParameters,
  GetLanConfigurationParameters,
  SetSolConfigurationParameters,
  GetSolConfigurationParameters,
];
