import type { AnyCommandDef } from '../define';

/** Every sensor-event command definition; one file per command beside this one. */
export const sensor_eventCommands: readonly AnyCommandDef[] = [];
