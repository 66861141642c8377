import { AnyCommandDef, commandKey } from './define';
import { appCommands } from './app';
import { sessionCommands } from './app/session-index';
import { chassisCommands } from './chassis';
import { transportCommands } from './transport';
import { storageCommands } from './storage';
import { sensor_eventCommands } from './sensor-event';
import { groupCommands } from './group';
import { oemCommands } from './oem';

export * from './define';

/** The command registry: every command the project declares. */
export const commands: readonly AnyCommandDef[] = [
  ...appCommands,
  ...sessionCommands,
  ...chassisCommands,
  ...transportCommands,
  ...storageCommands,
  ...sensor_eventCommands,
  ...groupCommands,
  ...oemCommands,
];

/** The registry by NetFn, cmd and the group byte when there is one, as a number (no string built per lookup). */
const byKey = new Map<number, AnyCommandDef>();
const numberKey = (netFn: number, cmd: number, group?: number) => netFn * 0x20000 + cmd * 0x200 + (group === undefined ? 0 : 0x100 + group);
for (const c of commands) {
  const k = numberKey(c.netFn, c.cmd, c.group);
  const twin = byKey.get(k);
  if (twin) throw new Error(`duplicate command ${commandKey(c.netFn, c.cmd, c.group)}: ${twin.name} and ${c.name}`);
  byKey.set(k, c);
}

/** Find a command by NetFn, cmd and (for NetFn 2Ch) the group byte. */
export function findCommand(netFn: number, cmd: number, group?: number): AnyCommandDef | undefined {
  return (group !== undefined ? byKey.get(numberKey(netFn, cmd, group)) : undefined) ?? byKey.get(numberKey(netFn, cmd));
}
