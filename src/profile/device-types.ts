/**
 * Frozen device specs built from a devices file (devices/*.yaml, docs/devices.md): the virtual
 * BMCs `bmcbridge start` runs (`sim`, fleets expand into these) and the BMCs it reaches over
 * the network (`lan`) or a serial line (`serial`). Secrets (password, K_g) are resolved at load
 * time from an environment variable, a file or the devices file itself; the objects holding
 * them print as "[redacted]" through JSON.stringify and util.inspect (devices.ts).
 */
import type { PrivilegeName } from '../codec/message/netfn';
import type { ProfileSpec } from './types';
import type { ConsoleSpec, PowerHookSpec } from './console-types';

export type DeviceSpec = SimDeviceSpec | LanDeviceSpec | SerialDeviceSpec;
export type DeviceKind = DeviceSpec['kind'];

export interface SimDeviceSpec {
  name: string;
  kind: 'sim';
  profile: ProfileSpec;
  /** UDP listener; undefined = not exposed on LAN. */
  lan?: { host: string; port: number };
  serial?: { path: string; mode: 'basic' | 'terminal'; baud: number };
  /** Where this device keeps its state (users, LAN config, power, boot options); undefined = memory only. */
  stateDir?: string;
  /** Set on the members of a fleet: the fleet's name pattern and this member's index. */
  fleet?: { name: string; index: number };
  /** What Serial-over-LAN connects to (issue 9); unset = a simulated console, started on first use. */
  console?: ConsoleSpec;
  /** Commands that drive a real machine's power and boot device (issue 9). */
  powerHooks?: PowerHookSpec;
}

/** Timeouts and retransmission, as the client's RetryPolicy names them; unset = the client's defaults. */
export interface DeviceRetrySpec {
  /** First attempt's timeout in milliseconds. */
  timeoutMs?: number;
  /** Retransmissions after the first attempt. */
  retries?: number;
  /** Factor applied to each further attempt's timeout. */
  backoff?: number;
  /** Requests in flight at once. */
  maxInFlight?: number;
}

/**
 * A BMC reached over UDP. The fields are named as the client's LanOptions, so the spec can be
 * handed to `connect()` as it is (test/profile/devices.test.ts checks that it type-checks and logs in).
 */
export interface LanDeviceSpec extends DeviceRetrySpec {
  name: string;
  kind: 'lan';
  host: string;
  /** Default 623 (the RMCP port, v2.0 §13.1.3). */
  port: number;
  user: string;
  password: string;
  /** Where the password came from, for logs: "env:NAME", "file:/abs/path" or "inline". Never the password. */
  passwordFrom: string;
  /** K_g, the BMC key (v2.0 §13.31): "0x" + hex, or text. */
  kg?: string;
  kgFrom?: string;
  /** 'lanplus' (IPMI v2.0 RMCP+, default) or 'lan' (IPMI v1.5 sessions). */
  interface: 'lanplus' | 'lan';
  /** A suite ID, or 'auto' (default): the client tries 17, then 3, then the rest the BMC lists. */
  cipherSuite: number | 'auto';
  /** Session privilege (default administrator). */
  privilege: PrivilegeName;
  /** IPMI v1.5 authentication type (interface 'lan' only); unset = the best the BMC offers. */
  authType?: 'none' | 'md5' | 'password';
  /** Keep-alive interval of the session in milliseconds (0 disables); unset = the client's default. */
  keepaliveMs?: number;
}

/** A BMC on a serial line (basic or terminal mode, v2.0 §14). Credentials are optional. */
export interface SerialDeviceSpec extends DeviceRetrySpec {
  name: string;
  kind: 'serial';
  path: string;
  /** Default 115200. */
  baud: number;
  mode: 'basic' | 'terminal';
  user?: string;
  password?: string;
  passwordFrom?: string;
  kg?: string;
  kgFrom?: string;
  privilege?: PrivilegeName;
}

/** Something in a devices file that loads but deserves a line at start-up (inline secrets, weak security). */
export interface ConfigWarning {
  file: string;
  /** JSON pointer into the file. */
  path: string;
  reason: string;
  /** "file: pointer: reason (line n)", as ConfigError messages read. */
  message: string;
}

/** What loadInventory returns: every device of the file (fleets expanded) and the warnings. */
export interface Inventory {
  file: string;
  devices: DeviceSpec[];
  warnings: ConfigWarning[];
  /** Scenario files to run at start (frontends/control checks and runs them). */
  scenarios?: ScenarioRef[];
}

/** A devices file's `scenarios:` entry: an absolute path, and the device of steps that name none. */
export interface ScenarioRef {
  file: string;
  device?: string;
}
