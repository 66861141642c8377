import type { AnyCommandDef } from '../define';

/** Every transport command definition; one file per command beside this one. */
export const transportCommands: readonly AnyCommandDef[] = [];
