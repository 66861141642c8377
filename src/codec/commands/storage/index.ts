import type { AnyCommandDef } from '../define';

/** Every storage command definition; one file per command beside this one. */
export const storageCommands: readonly AnyCommandDef[] = [];
