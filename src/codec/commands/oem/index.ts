import type { AnyCommandDef } from '../define';
import { SupermicroLanModeCommand } from './supermicro-lan-mode';

export { SupermicroLanModeCommand };

/** Vendor OEM commands (not in the IPMI specification), one file per command beside this one. */
export const oemCommands: readonly AnyCommandDef[] = [SupermicroLanModeCommand];
