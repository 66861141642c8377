import { AnyCommandDef, commandKey } from './define';
import { appCommands } from './app';
import { sessionCommands } from './app/session-index';
import { chassisCommands } from './chassis';
import { transportCommands } from './transport';
import { storageCommands } from './storage';
import { sensor_eventCommands } from './sensor-event';
import { groupCommands } from './group';

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
];

const byKey = new Map<string, AnyCommandDef>();
for (const c of commands) {
  const k = commandKey(c.netFn, c.cmd, c.group);
  if (byKey.has(k)) throw new Error(`duplicate command ${k}: ${byKey.get(k)!.name} and ${c.name}`);
  byKey.set(k, c);
}

/** Find a command by NetFn, cmd and (for NetFn 2Ch) the group byte. */
export function findCommand(netFn: number, cmd: number, group?: number): AnyCommandDef | undefined {
  return (group !== undefined ? byKey.get(commandKey(netFn, cmd, group)) : undefined) ?? byKey.get(commandKey(netFn, cmd));
}
