import type { AnyCommandDef } from '../define';

/** Every chassis command definition; one file per command beside this one. */
export const chassisCommands: readonly AnyCommandDef[] = [];
