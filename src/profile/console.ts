import path from 'node:path';
import { PATTERNS } from './schema';
import { CONSOLE_DEFAULTS, ConsoleSpec, POWER_HOOK_DEFAULTS, PowerHookSpec } from './console-types';

/**
 * The `console:` and `powerHooks:` sections of a sim device (issue 9, docs/sol.md): their JSON
 * Schema (devices-schema.ts includes it in a sim entry) and the checks and defaults applied after
 * it (devices.ts calls buildConsole / buildPowerHooks with the entry's pointer).
 */

type Schema = Record<string, unknown>;
const int = (minimum: number, maximum: number): Schema => ({ type: 'integer', minimum, maximum });
const text: Schema = { type: 'string', minLength: 1 };
const bool: Schema = { type: 'boolean' };
const argv: Schema = { type: 'array', minItems: 1, items: text };
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
});

export const CONSOLE_KINDS = ['simulated', 'pty', 'socket', 'command'] as const;

const common: Record<string, Schema> = { kind: { enum: CONSOLE_KINDS }, historyBytes: int(0, 16 * 1024 * 1024), logFile: text, flowControl: bool };
const byKind: Record<(typeof CONSOLE_KINDS)[number], Schema> = {
  simulated: obj({
    ...common,
    login: obj({ user: { type: 'string', pattern: PATTERNS.printable.re, minLength: 1, maxLength: 32 }, password: { type: 'string', pattern: PATTERNS.printable.re, maxLength: 64 } }, ['user', 'password']),
    hostname: { type: 'string', pattern: PATTERNS.name.re, maxLength: 63 },
    lineDelayMs: int(0, 10_000),
    modemControl: bool,
  }),
  pty: obj({ ...common, path: text, baud: int(300, 921_600) }, ['path']),
  socket: obj({ ...common, path: text, host: text, port: int(1, 65535), reconnectMs: int(10, 600_000) }),
  command: obj({ ...common, command: argv, restartMs: int(10, 600_000) }, ['command']),
};

/** One `then` per kind, so an entry is checked against its own kind's fields only. */
export const consoleSchema: Schema = {
  type: 'object',
  properties: { kind: { enum: CONSOLE_KINDS } },
  required: ['kind'],
  allOf: CONSOLE_KINDS.map((k) => ({ if: { type: 'object', properties: { kind: { const: k } }, required: ['kind'] }, then: byKind[k] })),
};

export const powerHooksSchema: Schema = obj({ command: argv, statusCommand: argv, timeoutMs: int(100, 3_600_000), statusCacheMs: int(0, 600_000) });

interface RawConsole {
  kind: ConsoleSpec['kind'];
  historyBytes?: number;
  logFile?: string;
  flowControl?: boolean;
  login?: { user: string; password: string };
  hostname?: string;
  lineDelayMs?: number;
  modemControl?: boolean;
  path?: string;
  baud?: number;
  host?: string;
  port?: number;
  reconnectMs?: number;
  command?: string[];
  restartMs?: number;
}
export interface RawPowerHooks {
  command?: string[];
  statusCommand?: string[];
  timeoutMs?: number;
  statusCacheMs?: number;
}

type Problem = (pointer: string, reason: string) => void;

/** A program path relative to the devices file; a bare name is looked up in PATH when it runs. */
function program(argvIn: string[], baseDir: string): string[] {
  const [cmd, ...rest] = argvIn;
  return [cmd.includes('/') ? path.resolve(baseDir, cmd) : cmd, ...rest];
}

/** A console section (schema-valid) as a spec: defaults, paths relative to the devices file made absolute. */
export function buildConsole(raw: RawConsole, baseDir: string, at: string, problem: Problem): ConsoleSpec | undefined {
  const d = CONSOLE_DEFAULTS;
  const base = { historyBytes: raw.historyBytes ?? d.historyBytes, flowControl: raw.flowControl ?? d.flowControl, ...(raw.logFile ? { logFile: path.resolve(baseDir, raw.logFile) } : {}) };
  switch (raw.kind) {
    case 'simulated':
      return {
        kind: 'simulated',
        ...base,
        login: { ...(raw.login ?? d.login) },
        ...(raw.hostname ? { hostname: raw.hostname } : {}),
        lineDelayMs: raw.lineDelayMs ?? d.lineDelayMs,
        modemControl: raw.modemControl ?? d.modemControl,
      };
    case 'pty':
      return { kind: 'pty', ...base, path: path.resolve(baseDir, raw.path!), baud: raw.baud ?? d.baud };
    case 'socket': {
      const tcp = raw.host !== undefined || raw.port !== undefined;
      if (raw.path !== undefined && tcp) return void problem(`${at}/path`, 'give either path (a Unix socket) or host and port (TCP), not both');
      if (raw.path === undefined && (raw.host === undefined || raw.port === undefined))
        return void problem(`${at}/${raw.host === undefined ? 'host' : 'port'}`, 'a socket console needs path (a Unix socket), or host and port (TCP)');
      return { kind: 'socket', ...base, ...(raw.path !== undefined ? { path: path.resolve(baseDir, raw.path) } : { host: raw.host!, port: raw.port! }), reconnectMs: raw.reconnectMs ?? d.reconnectMs };
    }
    case 'command':
      return { kind: 'command', ...base, command: program(raw.command!, baseDir), restartMs: raw.restartMs ?? d.restartMs };
  }
}

/** A powerHooks section (schema-valid) as a spec; at least one command is needed. */
export function buildPowerHooks(raw: RawPowerHooks, baseDir: string, at: string, problem: Problem): PowerHookSpec | undefined {
  if (!raw.command && !raw.statusCommand) return void problem(`${at}/command`, 'powerHooks needs command (run for power and boot device changes), statusCommand (prints the power state), or both');
  return {
    ...(raw.command ? { command: program(raw.command, baseDir) } : {}),
    ...(raw.statusCommand ? { statusCommand: program(raw.statusCommand, baseDir) } : {}),
    timeoutMs: raw.timeoutMs ?? POWER_HOOK_DEFAULTS.timeoutMs,
    statusCacheMs: raw.statusCacheMs ?? POWER_HOOK_DEFAULTS.statusCacheMs,
  };
}
