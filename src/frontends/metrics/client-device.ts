import { CompletionCodeError } from '../../lib/errors';
import { CC, completionText } from '../../codec/message/completion-codes';
import { ParameterCC } from '../../codec/commands/app/config-parameters';
import type { Logger } from '../../lib/logger';
import { GetSystemInfoParameters } from '../../codec/commands/app/get-system-info-parameters';
import { GetWatchdogTimer } from '../../codec/commands/app/get-watchdog-timer';
import { SYSINFO_MAX_SETS, sysInfoStringFromBlocks } from '../../codec/commands/app/system-info-parameters';
import { EventReadingType } from '../../codec/sensor/event-types';
import { BmcDevice, IpmiClient, connect, type ClientTarget, type IpmiLink, type LanOptions, type SensorReadout } from '../../client';
import type { DeviceStats, InventoryDevice, MetricsDevice, MetricsInventory, RequestObserver, ResolvedTarget, SensorSample, SystemInfo } from './source';

/**
 * System Info parameters bmc-info prints (v2.0 §22.14a, Table 22-16a, as amended by the v2.0
 * errata: 1 System Firmware Version, 6 BMC URL). Both use the string block layout.
 */
const SYSINFO_FIRMWARE_VERSION = 1;
const SYSINFO_BMC_URL = 6;
const BLOCK_TEXT = 14;
const BLOCK = 16;

/**
 * Completion codes that say "this BMC does not have it" (v2.0 Table 5-2: C1h invalid command,
 * C2h invalid for LUN, CBh not present; 80h "parameter not supported" of configuration
 * parameter commands, v2.0 §22.14b).
 */
const ABSENT: ReadonlySet<number> = new Set([CC.InvalidCommand, CC.InvalidForLun, CC.NotPresent, ParameterCC.notSupported]);
/** How long such an answer is believed before the BMC is asked again (a firmware update may add the command). */
export const ABSENT_TTL_MS = 600_000;

/**
 * Remembers, per device handle, what the BMC said it does not have, so that a collector the BMC
 * lacks (sm-lan-mode on non-Supermicro BMCs, dcmi, the BMC URL parameter) fails with the same
 * CompletionCodeError without a round trip on every scrape.
 */
class AbsentCache {
  private readonly known = new Map<string, { err: CompletionCodeError; until: number }>();
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const hit = this.known.get(key);
    if (hit && hit.until > performance.now()) throw hit.err;
    try {
      return await fn();
    } catch (e) {
      if (e instanceof CompletionCodeError && ABSENT.has(e.completionCode)) this.known.set(key, { err: e, until: performance.now() + ABSENT_TTL_MS });
      throw e;
    }
  }
}

/**
 * A System Info string parameter, or undefined when the BMC does not have it (any completion
 * code: C1h from BMCs without the command, 80h "parameter not supported"). FreeIPMI's bmc-info
 * omits the line then and ipmi_exporter reports "N/A".
 */
async function sysInfoString(client: IpmiClient, absent: AbsentCache, parameter: number): Promise<string | undefined> {
  const get = (setSelector: number) => client.call(GetSystemInfoParameters, { which: { revisionOnly: false }, parameter, setSelector, blockSelector: 0 });
  try {
    const first = (await absent.run(`sysinfo:${parameter}`, () => get(0))).data;
    if (first.length < 1 + BLOCK) return undefined;
    const blocks = [first.subarray(1, 1 + BLOCK)];
    const length = blocks[0][1];
    for (let s = 1; BLOCK_TEXT + (s - 1) * BLOCK < length && s < SYSINFO_MAX_SETS; s++) blocks.push((await get(s)).data.subarray(1, 1 + BLOCK));
    return sysInfoStringFromBlocks(blocks).text.replace(/\0+$/, '');
  } catch (e) {
    if (e instanceof CompletionCodeError) return undefined;
    throw e;
  }
}

/**
 * A reading in ipmimonitoring's terms: a value only for threshold sensors with an analog
 * reading that the BMC reported as valid; states only when there was a valid reading.
 */
export function sensorSample(r: SensorReadout): SensorSample {
  const rec = r.record;
  const threshold = rec.eventReadingType === EventReadingType.threshold;
  return {
    recordId: r.recordId,
    name: r.name,
    sensorType: rec.sensorType,
    eventReadingType: rec.eventReadingType,
    // Event-Only records have no units (and no reading: readSensors skips them).
    units:
      rec.kind === 'eventOnly'
        ? { baseUnit: 0, modifierUnit: 0, modifierUnitCode: 0, rate: 0, percentage: false }
        : { baseUnit: rec.baseUnit, modifierUnit: rec.units.modifierUnit, modifierUnitCode: rec.modifierUnitCode, rate: rec.units.rateUnit, percentage: rec.units.percentage },
    value: threshold && r.valid ? r.value : undefined,
    states: !r.valid ? undefined : threshold ? r.thresholdStatus : r.states,
  };
}

/** A MetricsDevice over the device layer's BmcDevice (its session, SDR cache and SEL cursor are kept). */
export function clientDevice(dev: BmcDevice): MetricsDevice {
  let sdrUses = 0;
  const absent = new AbsentCache();
  return {
    deviceId: () => dev.deviceId(),
    async systemInfo(): Promise<SystemInfo> {
      const [firmwareVersion, bmcUrl] = await Promise.all([sysInfoString(dev.client, absent, SYSINFO_FIRMWARE_VERSION), sysInfoString(dev.client, absent, SYSINFO_BMC_URL)]);
      return { firmwareVersion, bmcUrl };
    },
    async sensors() {
      sdrUses++;
      return (await dev.sensors()).map(sensorSample);
    },
    chassisStatus: () => dev.chassisStatus(),
    async powerReading() {
      const r = await absent.run('dcmi:power', () => dev.powerReading());
      return { currentWatts: r.currentWatts, active: r.state.measurementActive };
    },
    async selInfo() {
      const r = await dev.selInfo();
      return { entries: r.entries, freeSpaceBytes: r.freeSpace };
    },
    async selRecords() {
      return (await dev.sel()).map((e) => e.record);
    },
    watchdog: () => absent.run('watchdog', () => dev.client.call(GetWatchdogTimer, {})),
    async raw(netFn, cmd, data) {
      // raw() returns completion codes rather than throwing them; an absent command is remembered all the same.
      const key = `raw:${netFn}:${cmd}:${data.toString('hex')}`;
      try {
        return await absent.run(key, async () => {
          const r = await dev.raw({ netFn, cmd, data });
          if (ABSENT.has(r.cc)) throw new CompletionCodeError(r.cc, completionText(r.cc), `raw ${netFn.toString(16)}h/${cmd.toString(16)}h`);
          return { cc: r.cc, data: r.data };
        });
      } catch (e) {
        if (e instanceof CompletionCodeError) return { cc: e.completionCode, data: Buffer.alloc(0) };
        throw e;
      }
    },
    close: () => dev.close(),
    stats(): DeviceStats {
      const s = dev.client.stats;
      return {
        sessionsOpened: s.logins,
        requests: s.sent - s.retransmits,
        retransmits: s.retransmits,
        sdrCacheHits: Math.max(0, sdrUses - dev.sdrCache.reads),
        sdrCacheMisses: dev.sdrCache.reads,
      };
    },
  };
}

/** A link that reports every request's round-trip time (retransmissions included) and outcome. */
export function observedLink(link: IpmiLink, observe: RequestObserver): IpmiLink {
  return {
    get target() {
      return link.target;
    },
    get stats() {
      return link.stats;
    },
    async request(req) {
      const t0 = performance.now();
      try {
        const r = await link.request(req);
        observe((performance.now() - t0) / 1000, true);
        return r;
      } catch (e) {
        observe((performance.now() - t0) / 1000, false);
        throw e;
      }
    },
    close: () => link.close(),
  };
}

/** FreeIPMI's retransmissions: attempts wait timeoutMs * 1.5^n; this many retransmissions after the first. */
const RETRIES = 3;
const BACKOFF = 1.5;

/**
 * The LAN options for a host[:port] target with a module's credentials, as ipmi_exporter's
 * FreeIPMI tools would log in: privilege OPERATOR unless the module says otherwise (FreeIPMI's
 * default); driver LAN = IPMI v1.5, LAN_2_0 = RMCP+. Deviation: with no driver, FreeIPMI uses
 * v1.5; we use RMCP+ (the client's default), which most BMCs now require. The module's
 * `timeout` (FreeIPMI's session timeout, ms) becomes the whole retry budget of one request.
 */
export function lanOptionsFor(t: Extract<ResolvedTarget, { kind: 'address' }>, defaults: Partial<LanOptions> = {}): LanOptions {
  const c = t.credentials;
  const timeout = c.timeoutMs === undefined ? {} : { timeoutMs: Math.max(50, Math.round(c.timeoutMs / [...Array(RETRIES + 1).keys()].reduce((a, i) => a + BACKOFF ** i, 0))), retries: RETRIES, backoff: BACKOFF };
  return {
    ...defaults,
    host: t.host,
    port: t.port,
    user: c.user ?? '',
    password: c.pass ?? '',
    privilege: c.privilege ?? 'operator',
    interface: c.driver === 'LAN' ? 'lan' : 'lanplus',
    ...timeout,
  };
}

export interface ClientInventoryOptions {
  /** The inventory's devices (names, kinds, addresses for /sd). */
  devices: readonly InventoryDevice[] | (() => readonly InventoryDevice[]);
  /** How to reach an inventory device, with its own credentials (from the devices file). */
  clientTarget(device: InventoryDevice): ClientTarget;
  /** Options for host[:port] targets besides host, port and the module's credentials (cipher suite, K_g, keepalive). */
  lanDefaults?: Partial<LanOptions>;
  log?: Logger;
}

/**
 * A MetricsInventory over the device layer: every target gets its own IpmiClient (one session)
 * and BmcDevice (SDR cache, SEL cursor), made on first scrape and kept by the engine.
 */
export function clientInventory(opts: ClientInventoryOptions): MetricsInventory {
  const list = typeof opts.devices === 'function' ? opts.devices : () => opts.devices as readonly InventoryDevice[];
  return {
    devices: list,
    open(t, observe) {
      const target: ClientTarget = t.kind === 'device' ? opts.clientTarget(t.device) : { kind: 'lan', ...lanOptionsFor(t, opts.lanDefaults) };
      const raw = connect(target, opts.log);
      const client = new IpmiClient(observedLink(raw.link, observe), { log: opts.log });
      return clientDevice(new BmcDevice(client));
    },
  };
}
