import type { SelRecord, SystemEventRecord } from '../../../src/codec/records/sel';
import { CompletionCodeError } from '../../../src/lib/errors';
import type {
  ChassisStatus,
  DeviceId,
  DeviceStats,
  InventoryDevice,
  MetricsDevice,
  MetricsInventory,
  PowerReading,
  ResolvedTarget,
  SelSummary,
  SensorSample,
  SystemInfo,
  WatchdogState,
} from '../../../src/frontends/metrics/source';
import { parseModulesConfig } from '../../../src/frontends/metrics/config';

/**
 * A BMC as the collectors see it, with the content of the ipmi_sim BMC that ipmi_exporter 1.6.1
 * was captured against (research/prometheus.md §1, ../../fixtures/exporter/ipmi_exporter-1.6.1-simall.txt):
 * 12 threshold sensors and a discrete PSU status, 5 SEL entries with 4016 bytes free,
 * firmware 1.42, manufacturer 49871, power on. Plus what that capture could not show: a fan in
 * percent, a sensor reading N/A, degrees F, an OEM sensor type, chassis faults, DCMI, watchdog.
 */
const thr = (baseUnit: number) => ({ baseUnit, modifierUnit: 0, modifierUnitCode: 0, rate: 0, percentage: false });
export const SIM_SENSORS: SensorSample[] = [
  { recordId: 1, name: 'CPU1 Temp', sensorType: 0x01, eventReadingType: 0x01, units: thr(1), value: 45, states: 0 },
  { recordId: 2, name: 'CPU2 Temp', sensorType: 0x01, eventReadingType: 0x01, units: thr(1), value: 47, states: 0 },
  { recordId: 3, name: 'Inlet Temp', sensorType: 0x01, eventReadingType: 0x01, units: thr(1), value: 23, states: 0 },
  // above UC (75), below UNR: comparison bits UNC | UC
  { recordId: 4, name: 'Exhaust Temp', sensorType: 0x01, eventReadingType: 0x01, units: thr(1), value: 77, states: 0x18 },
  { recordId: 5, name: 'FAN1', sensorType: 0x04, eventReadingType: 0x01, units: thr(18), value: 5400, states: 0 },
  { recordId: 6, name: 'FAN2', sensorType: 0x04, eventReadingType: 0x01, units: thr(18), value: 5280, states: 0 },
  // below LNC: comparison bit LNC
  { recordId: 7, name: 'FAN3', sensorType: 0x04, eventReadingType: 0x01, units: thr(18), value: 720, states: 0x01 },
  { recordId: 8, name: '12V', sensorType: 0x02, eventReadingType: 0x01, units: thr(4), value: 12, states: 0 },
  // raw 167 * 0.03: the double is 5.01 only after FreeIPMI's two-decimal print
  { recordId: 9, name: '5V', sensorType: 0x02, eventReadingType: 0x01, units: thr(4), value: 167 * 3 * 0.01, states: 0 },
  { recordId: 10, name: '3.3V', sensorType: 0x02, eventReadingType: 0x01, units: thr(4), value: 165 * 2 * 0.01, states: 0 },
  { recordId: 11, name: 'PSU1 Current', sensorType: 0x03, eventReadingType: 0x01, units: thr(5), value: 4.5, states: 0 },
  { recordId: 12, name: 'PSU1 Power', sensorType: 0x0b, eventReadingType: 0x01, units: thr(6), value: 320, states: 0 },
  // presence detected (offset 0)
  { recordId: 13, name: 'PSU1 Status', sensorType: 0x08, eventReadingType: 0x6f, units: thr(0), states: 0x01 },
];
export const EXTRA_SENSORS: SensorSample[] = [
  { recordId: 20, name: 'FAN4 Duty', sensorType: 0x04, eventReadingType: 0x01, units: { ...thr(0), percentage: true }, value: 42, states: 0 },
  { recordId: 21, name: 'DIMM Temp', sensorType: 0x01, eventReadingType: 0x01, units: thr(1) },
  { recordId: 22, name: 'Ambient F', sensorType: 0x01, eventReadingType: 0x01, units: thr(2), value: 71.6, states: 0 },
  { recordId: 23, name: 'OEM Health', sensorType: 0xc0, eventReadingType: 0x70, units: thr(0), states: 0x02 },
  // a power supply failure (offset 1): critical
  { recordId: 24, name: 'PSU2 Status', sensorType: 0x08, eventReadingType: 0x6f, units: thr(0), states: 0x03 },
  // processor throttled (offset 0Ah): warning
  { recordId: 25, name: 'CPU1 Status', sensorType: 0x07, eventReadingType: 0x6f, units: thr(0), states: 0x0480 },
];

export const SIM_DEVICE_ID: DeviceId = {
  deviceId: 0,
  revision: { providesSdrs: true, deviceRevision: 3 },
  firmware: { updateInProgress: false, major: 1 },
  firmwareMinor: 42,
  ipmiVersion: 0x02,
  support: { chassis: true, bridge: false, ipmbEventGenerator: false, ipmbEventReceiver: true, fru: true, sel: true, sdrRepository: true, sensor: true },
  manufacturerId: 49871,
  productId: 1,
};

export const SIM_CHASSIS: ChassisStatus = {
  power: { restorePolicy: 1, controlFault: false, fault: false, interlock: false, overload: false, on: true },
  lastEvent: { onViaIpmi: false, downByFault: false, downByInterlock: false, downByOverload: false, acFailed: false },
  misc: { identifySupported: false, identifyState: 0, coolingFault: false, driveFault: false, frontPanelLockout: false, intrusion: false },
};

const ev = (recordId: number, timestamp: number, sensorType: number, sensorNumber: number, dirType: number, d1: number): SystemEventRecord => ({
  kind: 'system',
  recordId,
  timestamp,
  generatorId: 0x20,
  evmRev: 4,
  sensorType,
  sensorNumber,
  eventDirType: { deassertion: (dirType & 0x80) !== 0, eventType: dirType & 0x7f },
  eventData1: d1,
  eventData2: 0xff,
  eventData3: 0xff,
});
/** The 5 SEL records of the ipmi_sim BMC (peers/exporter gen_sdr.py). */
export const SIM_SEL: SelRecord[] = [
  ev(1, 0x65a0c000, 0x01, 0x04, 0x01, 0x59),
  ev(2, 0x65a0c010, 0x04, 0x12, 0x01, 0x52),
  ev(3, 0x65a0c020, 0x08, 0x40, 0x6f, 0x01),
  ev(4, 0x65a0c030, 0x08, 0x40, 0xef, 0x01),
  { ...ev(5, 0x65a0c040, 0x0f, 0x00, 0x6f, 0x02), generatorId: 0x41 },
];

export interface FixtureData {
  sensors: SensorSample[];
  deviceId: DeviceId;
  systemInfo: SystemInfo;
  chassis: ChassisStatus;
  power?: PowerReading;
  sel: SelSummary;
  selRecords: SelRecord[];
  watchdog?: WatchdogState;
  lanMode?: number;
}

export function simData(over: Partial<FixtureData> = {}): FixtureData {
  return {
    sensors: SIM_SENSORS,
    deviceId: SIM_DEVICE_ID,
    systemInfo: {},
    chassis: SIM_CHASSIS,
    sel: { entries: 5, freeSpaceBytes: 4016 },
    selRecords: SIM_SEL,
    ...over,
  };
}

/** The ipmi_sim content plus every extra sensor, DCMI, Supermicro LAN mode 1 and a running SMS/OS watchdog. */
export function fullDevice(): FixtureDevice {
  return new FixtureDevice(
    simData({
      sensors: [...SIM_SENSORS, ...EXTRA_SENSORS],
      power: { currentWatts: 212, active: true },
      lanMode: 1,
      watchdog: {
        use: { dontLog: false, running: true, timerUse: 4 },
        actions: { preTimeoutInterrupt: 0, timeoutAction: 1 },
        preTimeoutIntervalSec: 10,
        expirationFlags: { oem: false, smsOs: false, osLoad: false, biosPost: false, biosFrb2: false },
        initialCountdown100ms: 3000,
        presentCountdown100ms: 2995,
      },
    }),
  );
}

type Method = 'deviceId' | 'systemInfo' | 'sensors' | 'chassisStatus' | 'powerReading' | 'selInfo' | 'selRecords' | 'watchdog' | 'raw';

/**
 * A MetricsDevice over FixtureData. `delayMs` holds every answer (or per method), `fail` makes
 * a method throw; `calls` counts what was asked, `gate` blocks calls until opened.
 */
export class FixtureDevice implements MetricsDevice {
  calls: Record<string, number> = {};
  closed = 0;
  delayMs: number | Partial<Record<Method, number>> = 0;
  fail: Partial<Record<Method, () => Error>> = {};
  private gateOpen: Promise<void> = Promise.resolve();
  private openGate?: () => void;
  private held?: ReadonlySet<Method>;
  counters: DeviceStats = { sessionsOpened: 1, requests: 0, retransmits: 0, sdrCacheHits: 0, sdrCacheMisses: 0 };

  constructor(public data: FixtureData) {}

  /** Calls (of the given methods, or all) wait until release() is called. */
  hold(methods?: Method[]): void {
    this.held = methods && new Set(methods);
    this.gateOpen = new Promise((r) => (this.openGate = r));
  }
  release(): void {
    this.openGate?.();
  }

  private async answer<T>(m: Method, value: () => T): Promise<T> {
    this.calls[m] = (this.calls[m] ?? 0) + 1;
    this.counters.requests++;
    if (!this.held || this.held.has(m)) await this.gateOpen;
    const d = typeof this.delayMs === 'number' ? this.delayMs : (this.delayMs[m] ?? 0);
    if (d) await new Promise((r) => setTimeout(r, d));
    const f = this.fail[m];
    if (f) throw f();
    return value();
  }

  deviceId() {
    return this.answer('deviceId', () => this.data.deviceId);
  }
  systemInfo() {
    return this.answer('systemInfo', () => this.data.systemInfo);
  }
  sensors() {
    return this.answer('sensors', () => this.data.sensors);
  }
  chassisStatus() {
    return this.answer('chassisStatus', () => this.data.chassis);
  }
  powerReading() {
    return this.answer('powerReading', () => {
      if (!this.data.power) throw new CompletionCodeError(0xc1, 'Invalid command', 'Get Power Reading');
      return this.data.power;
    });
  }
  selInfo() {
    return this.answer('selInfo', () => this.data.sel);
  }
  selRecords() {
    return this.answer('selRecords', () => this.data.selRecords);
  }
  watchdog() {
    return this.answer('watchdog', () => {
      if (!this.data.watchdog) throw new CompletionCodeError(0xc1, 'Invalid command', 'Get Watchdog Timer');
      return this.data.watchdog;
    });
  }
  raw(netFn: number, cmd: number, data: Buffer) {
    return this.answer('raw', () =>
      netFn === 0x30 && cmd === 0x70 && data.equals(Buffer.from([0x0c, 0])) && this.data.lanMode !== undefined
        ? { cc: 0, data: Buffer.from([this.data.lanMode]) }
        : { cc: 0xc1, data: Buffer.alloc(0) },
    );
  }
  async close() {
    this.closed++;
  }
  stats() {
    return this.counters;
  }
}

/** An inventory of fixture devices by name; address targets open `byAddress(host:port)`, if given. */
export class FixtureInventory implements MetricsInventory {
  opened: ResolvedTarget[] = [];
  constructor(
    readonly byName: Record<string, FixtureDevice>,
    readonly byAddress: (addr: string, t: ResolvedTarget) => FixtureDevice | undefined = () => undefined,
  ) {}
  devices(): InventoryDevice[] {
    return Object.keys(this.byName).map((name) => ({ name, kind: 'sim', address: `127.0.0.1:${623}` }));
  }
  open(t: ResolvedTarget): FixtureDevice {
    this.opened.push(t);
    if (t.kind === 'device') return this.byName[t.device.name];
    const d = this.byAddress(`${t.host}:${t.port}`, t);
    if (!d) throw new Error(`no fixture at ${t.host}:${t.port}`);
    return d;
  }
}

export const MODULES = parseModulesConfig(`
modules:
  default:
    user: admin
    pass: password
    collectors: [ipmi, bmc, chassis, dcmi, sel, sm-lan-mode]
  all:
    user: admin
    pass: password
    privilege: admin
    driver: LAN_2_0
    collectors: [ipmi, bmc, bmc-watchdog, chassis, dcmi, sel, sel-events, sm-lan-mode]
    exclude_sensor_ids: [21]
    sel_events:
      - name: psu_failure
        regex: "^Power Supply Failure detected$"
      - name: threshold
        regex: "(?i)going (high|low)$"
      - name: never
        regex: "no such event"
  ipmi:
    user: admin
    pass: password
    collectors: [ipmi]
  slow:
    user: admin
    pass: password
    collectors: [sel, chassis]
`);
