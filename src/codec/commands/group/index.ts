import type { AnyCommandDef } from '../define';

/** Every group command definition; one file per command beside this one. */
export const groupCommands: readonly AnyCommandDef[] = [];
