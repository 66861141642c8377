import type { AnyCommandDef } from '../define';
import { GetDeviceId } from './get-device-id';

export { GetDeviceId };

/** Every app command definition; one file per command beside this one. */
export const appCommands: readonly AnyCommandDef[] = [GetDeviceId];
