import type { ResponseOf } from '../../codec/commands/define';
import type { GetDeviceId } from '../../codec/commands/app/get-device-id';
import type { GetChassisStatus } from '../../codec/commands/chassis/get-chassis-status';
import type { GetWatchdogTimer } from '../../codec/commands/app/get-watchdog-timer';
import type { PrivilegeName } from '../../codec/message/netfn';
import type { SelRecord } from '../../codec/records/sel';
import type { Driver } from './config';

/**
 * What the collectors read from one BMC. The integrator builds it over the IPMI client
 * (clientDevice() in client-device.ts); tests use fixtures. One handle per target is kept
 * between scrapes, so its session, SDR cache and SEL cursor survive from one scrape to the next.
 *
 * Errors follow DESIGN.md's families: a BMC's non-zero completion code is a CompletionCodeError,
 * an unreachable BMC a TimeoutError/TransportError, a refused login an RmcpPlusStatusError or
 * SessionError. errors.ts turns them into `ipmi_collector_error` reasons.
 */
export interface MetricsDevice {
  /** Get Device ID (v2.0 §20.1, Table 20-2). */
  deviceId(): Promise<DeviceId>;
  /**
   * Get System Info Parameters (v2.0 §22.14a, Table 22-16a) 1 (system firmware version) and
   * 6 (BMC URL); a parameter the BMC does not support is undefined, not an error.
   */
  systemInfo(): Promise<SystemInfo>;
  /** Every sensor record (SDR types 01h, 02h) with its reading; the SDR read from cache when unchanged. */
  sensors(): Promise<readonly SensorSample[]>;
  /** Get Chassis Status (v2.0 §28.2, Table 28-3). */
  chassisStatus(): Promise<ChassisStatus>;
  /** DCMI Get Power Reading, mode 01h (DCMI v1.5 §6.6.1, Table 6-16). */
  powerReading(): Promise<PowerReading>;
  /** Get SEL Info (v2.0 §31.2, Table 31-2). */
  selInfo(): Promise<SelSummary>;
  /** Every SEL record, oldest first (read incrementally: only entries added since the last call). */
  selRecords(): Promise<readonly SelRecord[]>;
  /** Get Watchdog Timer (v2.0 §27.7). */
  watchdog(): Promise<WatchdogState>;
  /** Any request by NetFn/command (OEM commands); the completion code is returned, not thrown. */
  raw(netFn: number, cmd: number, data: Buffer): Promise<{ cc: number; data: Buffer }>;
  /** Close the session; later calls may reopen it. */
  close(): Promise<void>;
  /** Counters for /metrics; absent when the handle keeps none. */
  stats?(): DeviceStats;
}

export type DeviceId = ResponseOf<typeof GetDeviceId>;
export type ChassisStatus = ResponseOf<typeof GetChassisStatus>;
export type WatchdogState = ResponseOf<typeof GetWatchdogTimer>;

export interface SystemInfo {
  firmwareVersion?: string;
  bmcUrl?: string;
}

/** One sensor record with its reading, in the terms ipmimonitoring reports. */
export interface SensorSample {
  /** SDR record ID: ipmi_exporter's `id` label. */
  recordId: number;
  /** The SDR's ID string: the `name` label. */
  name: string;
  sensorType: number;
  eventReadingType: number;
  /** Sensor units (v2.0 Table 43-1 bytes 21-23). */
  units: { baseUnit: number; modifierUnit: number; modifierUnitCode: number; rate: number; percentage: boolean };
  /**
   * The converted reading; undefined prints "N/A": a discrete sensor, no analog reading (analog
   * format 3), reading unavailable or scanning disabled (Get Sensor Reading byte 3 [6:5]),
   * a sensor not on the BMC (FreeIPMI does not bridge without --bridge-sensors), or a reading
   * that failed.
   */
  value?: number;
  /**
   * Get Sensor Reading bytes 4-5: threshold comparison bits (event/reading type 01h) or asserted
   * offsets; undefined when there is no reading (the state is then N/A too).
   */
  states?: number;
}

export interface SelSummary {
  entries: number;
  freeSpaceBytes: number;
}

export interface PowerReading {
  currentWatts: number;
  /** Power reading state [6]: power measurement active. ipmi_exporter (>= 1.7) omits the metric otherwise. */
  active: boolean;
}

export interface DeviceStats {
  /** Sessions established since the handle was made (a reconnect after a BMC reboot counts). */
  sessionsOpened: number;
  requests: number;
  retransmits: number;
  sdrCacheHits: number;
  sdrCacheMisses: number;
}

/** One device of the inventory, as /sd and /devices/metrics list it. */
export interface InventoryDevice {
  name: string;
  /** sim, lan, serial: the inventory's kind. */
  kind: string;
  /** host:port or a serial path, for /sd's meta labels; absent for in-process devices. */
  address?: string;
}

/** A target resolved from `target=`: an inventory device, or host[:port] with the module's credentials. */
export type ResolvedTarget =
  | { kind: 'device'; device: InventoryDevice }
  | { kind: 'address'; host: string; port: number; credentials: AddressCredentials };

export interface AddressCredentials {
  user?: string;
  pass?: string;
  privilege?: PrivilegeName;
  driver?: Driver;
  timeoutMs?: number;
}

/** Called around every IPMI request a handle makes, for the round-trip histogram in /metrics. */
export interface RequestObserver {
  (seconds: number, ok: boolean): void;
}

/**
 * The device inventory, as the metrics front end needs it. The integrator implements it over
 * the devices file loader (src/profile) and the client; `open` is called once per target and
 * credentials, and the handle is kept (and closed when idle or on shutdown).
 */
export interface MetricsInventory {
  devices(): readonly InventoryDevice[];
  open(target: ResolvedTarget, observe: RequestObserver): MetricsDevice;
}
