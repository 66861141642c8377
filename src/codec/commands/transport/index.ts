import type { AnyCommandDef } from '../define';
import { SetLanConfigurationParameters } from './set-lan-configuration-parameters';
import { GetLanConfigurationParameters } from './get-lan-configuration-parameters';

export { SetLanConfigurationParameters, GetLanConfigurationParameters };

/** Every transport command definition; one file per command beside this one. */
export const transportCommands: readonly AnyCommandDef[] = [SetLanConfigurationParameters, GetLanConfigurationParameters];
