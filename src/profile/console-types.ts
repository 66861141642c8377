/**
 * The `console:` and `powerHooks:` sections of a virtual BMC in a devices file (issue 9,
 * docs/sol.md): what the BMC's Serial-over-LAN payload is wired to, and the commands that make
 * chassis power and boot device changes happen to a real machine (a libvirt or QEMU VM).
 */

/** Fields every console back end has. */
export interface ConsoleCommonSpec {
  /** Bytes of the system's output kept in memory (a ring buffer); default 65536. */
  historyBytes: number;
  /** Append everything the system prints to this file (absolute after loading). */
  logFile?: string;
  /**
   * The system's UART uses RTS/CTS flow control: a console's CTS pause (and the startup
   * handshake of Activate Payload) then holds the system's output. Default false, as for a
   * `console=ttyS1,115200n8` Linux console.
   */
  flowControl: boolean;
}

/** A boot console driven by the BMC's power state (the default). */
export interface SimulatedConsoleSpec extends ConsoleCommonSpec {
  kind: 'simulated';
  /** The demo login the simulated getty accepts. */
  login: { user: string; password: string };
  /** Host name the simulated OS reports; default the device name. */
  hostname?: string;
  /** Delay between boot lines in milliseconds (default 20; 0 = all at once). */
  lineDelayMs: number;
  /** The getty hangs up when a console drops DCD/DSR (`getty` without -L); default false (a local line). */
  modemControl: boolean;
}

/** A pseudo-terminal or serial device (the system's console is on its other end). */
export interface PtyConsoleSpec extends ConsoleCommonSpec {
  kind: 'pty';
  path: string;
  /** Line speed set on the device (default 115200). */
  baud: number;
}

/** A TCP or Unix stream socket, as QEMU's `-serial unix:/path,server,nowait` or `-serial tcp::4555,server,nowait`. */
export interface SocketConsoleSpec extends ConsoleCommonSpec {
  kind: 'socket';
  /** Unix socket path (absolute after loading); or host + port. */
  path?: string;
  host?: string;
  port?: number;
  /** Wait before connecting again after the socket closed or could not connect (default 1000). */
  reconnectMs: number;
}

/** A command whose stdin is the system's input and whose stdout is its output (`virsh console`, `socat`). */
export interface CommandConsoleSpec extends ConsoleCommonSpec {
  kind: 'command';
  /** argv; no shell. */
  command: string[];
  /** Wait before starting the command again after it exited (default 1000). */
  restartMs: number;
}

export type ConsoleSpec = SimulatedConsoleSpec | PtyConsoleSpec | SocketConsoleSpec | CommandConsoleSpec;
export type ConsoleKind = ConsoleSpec['kind'];

/**
 * Commands run for chassis power and boot device changes. `command` is run as
 * `command... power on|off|cycle|reset|soft|diag` and `command... bootdev <device>`, with
 * BMCBRIDGE_ACTION, BMCBRIDGE_DEVICE, BMCBRIDGE_BOOT_DEVICE, BMCBRIDGE_BOOT_PERSISTENT and
 * BMCBRIDGE_BOOT_MODE in its environment; `statusCommand` prints the power state (on/off,
 * 1/0, or virsh domstate's "running"/"shut off").
 */
export interface PowerHookSpec {
  command?: string[];
  statusCommand?: string[];
  /** A hook that runs longer is killed and the request answers C3h (default 30000). */
  timeoutMs: number;
  /** A status read is reused for this long (default 1000), so polling clients do not fork per request. */
  statusCacheMs: number;
}

export const CONSOLE_DEFAULTS = {
  historyBytes: 65536,
  flowControl: false,
  login: { user: 'root', password: 'bmcbridge' },
  lineDelayMs: 20,
  modemControl: false,
  baud: 115200,
  reconnectMs: 1000,
  restartMs: 1000,
} as const;

export const POWER_HOOK_DEFAULTS = { timeoutMs: 30_000, statusCacheMs: 1000 } as const;

/** The console a device has when its entry says nothing. */
export function defaultConsole(): SimulatedConsoleSpec {
  const d = CONSOLE_DEFAULTS;
  return { kind: 'simulated', historyBytes: d.historyBytes, flowControl: d.flowControl, login: { ...d.login }, lineDelayMs: d.lineDelayMs, modemControl: d.modemControl };
}
