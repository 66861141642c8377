import type { Logger } from '../lib/logger';
import type { MaybePromise } from '../lib/maybe';
import { Clock, systemClock } from '../lib/clock';
import type { ProfileSpec } from '../profile/types';
import type { ConsoleSpec, PowerHookSpec } from '../profile/console-types';
import { BoundHandler, Dispatcher, RawRequest, RawResponse, RequestContext, SessionView } from './dispatch';
import { DeviceStore } from './state/store';
import { OemState } from './state/oem';
import { UserSeed, UserStore } from './state/users';
import { SessionTable } from './sessions';
import { BmcEventListener, EventHub } from './state/events';
import { Chassis } from './state/chassis';
import { BootOptions } from './state/boot';
import type { BootFlags } from '../codec/commands/chassis/boot-option-parameters';
import { Watchdog } from './state/watchdog';
import { LanConfig } from './state/lan';
import { SystemInfo } from './state/system-info';
import { BmcSettings } from './state/settings';
import { SystemModel } from './simulate/power';
import { SdrRepository, buildSdrRecords } from './state/sdr';
import { Sel } from './state/sel';
import { SensorEvent, Sensors } from './state/sensors';
import { FruStore } from './state/fru';
import { Dcmi } from './state/dcmi';
import { BMC_GENERATOR_ID } from '../codec/records/sel';
import { typedTextString } from '../codec/records/text';
import { SolService } from './sol/service';
import { CommandPowerHooks, bootContext } from './state/power-hooks';

/** LAN channel number and the serial channel (v2.0 §6.3: channel numbers are implementation-assigned). */
export const LAN_CHANNEL = 1;
export const SERIAL_CHANNEL = 2;
/** "Present interface" channel: requests for channel 0Eh mean the one the request came in on. */
export const PRESENT_CHANNEL = 0x0e;

export interface VirtualBmcOptions {
  name: string;
  profile: ProfileSpec;
  /** Per-device state directory; undefined = nothing persisted. */
  stateDir?: string;
  clock?: Clock;
  log: Logger;
  handlers: Iterable<BoundHandler<VirtualBmc>>;
  /** Called for every BmcEvent (power changes, resets, watchdog); more listeners: `bmc.events.on()`. */
  onEvent?: BmcEventListener;
  /**
   * The console SOL connects to (issue 9). Given: started with the BMC (boot events reach the
   * SEL from the start). Not given: a simulated console, started when SOL is first used.
   */
  console?: ConsoleSpec;
  /** Commands that drive a real machine's power and boot device (issue 9). */
  powerHooks?: PowerHookSpec;
}

/**
 * One virtual BMC: its profile, persistent state and command handlers. Transports (UDP,
 * serial) and the session layer sit in front of it and call `dispatch`.
 */
export class VirtualBmc {
  readonly name: string;
  readonly profile: ProfileSpec;
  readonly clock: Clock;
  readonly log: Logger;
  readonly store: DeviceStore;
  readonly users: UserStore;
  readonly dispatcher: Dispatcher<VirtualBmc>;
  readonly sessions: SessionTable;
  /** Power changes, resets and watchdog events, for the SEL and for observers. */
  readonly events: EventHub;
  /** Chassis power, restart cause, power-on hours, restore policy, identify, ACPI state. */
  readonly chassis: Chassis;
  readonly boot: BootOptions;
  readonly watchdog: Watchdog;
  /** LAN channel configuration parameters (IP, MAC, auth type enables, cipher suite privileges). */
  readonly lan: LanConfig;
  /** Vendor OEM state the profile turns on (Supermicro LAN mode). */
  readonly oem: OemState;
  readonly systemInfo: SystemInfo;
  /** Global enables and per-channel access. */
  readonly settings: BmcSettings;
  /** The managed system's power state history, load and watts, as sensors and DCMI see them (issue 3). */
  readonly system: SystemModel;
  /** SDR repository built from the profile's sensors, FRU devices and MC. */
  readonly sdr: SdrRepository;
  /** System Event Log, journaled on disk. */
  readonly sel: Sel;
  /** Sensor readings, thresholds, events and the control methods of fault injection. */
  readonly sensors: Sensors;
  readonly fru: FruStore;
  /** DCMI power limit, asset tag, MC ID; undefined when the profile has no dcmi section (DCMI commands answer C1h). */
  readonly dcmi?: Dcmi;
  /** Serial-over-LAN: SOL configuration, the console, the payload instance (issue 9). */
  readonly sol: SolService;
  /** The boot flags as the system's firmware read them at its last start (before one-time flags are cleared). */
  firmwareBootFlags?: BootFlags;

  constructor(opts: VirtualBmcOptions) {
    this.name = opts.name;
    this.profile = opts.profile;
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log;
    this.store = new DeviceStore(opts.stateDir);
    this.users = new UserStore(opts.profile.maxUsers, [LAN_CHANNEL, SERIAL_CHANNEL], this.store, userSeeds(opts.profile));
    this.dispatcher = new Dispatcher(opts.handlers);
    const sec = opts.profile.security;
    this.sessions = new SessionTable(this.clock, sec.maxSessions, sec.sessionTimeoutSec * 1000, (s, why) => {
      this.log.info({ session: s.id, user: s.userName, why }, 'session closed');
      // A payload dies with its session (v2.0 §24.1), whatever closed it.
      this.sol.sessionClosed(s);
    });
    this.events = new EventHub(this.log);
    // Ahead of BootOptions' own listener, which clears one-time flags at the start they apply to.
    this.events.on((e) => {
      if ((e.type === 'power' && e.state === 'on') || e.type === 'system-reset') this.firmwareBootFlags = this.boot.flags();
    });
    if (opts.onEvent) this.events.on(opts.onEvent);
    // A BMC reset ends every session (v2.0 §20.2: Cold Reset returns to the power-on state);
    // the reply to the reset itself is still sealed with its session's keys.
    this.events.on((e) => {
      if (e.type === 'bmc-reset') this.sessions.closeAll(`BMC ${e.kind} reset`);
    });
    this.chassis = new Chassis(this.store, this.clock, this.profile, this.events);
    this.boot = new BootOptions(this.store, this.clock, this.events);
    this.watchdog = new Watchdog(this.clock, this.chassis, this.events);
    this.lan = new LanConfig(this.store, this.profile);
    this.oem = new OemState(this.store, this.profile);
    this.systemInfo = new SystemInfo(this.store, this.profile);
    this.settings = new BmcSettings(this.store, [LAN_CHANNEL, SERIAL_CHANNEL]);
    this.system = new SystemModel(this.chassis.isOn, this.clock.now(), opts.profile.simulation, opts.profile.dcmi?.power);
    this.sdr = new SdrRepository(buildSdrRecords(opts.profile), this.clock);
    this.sel = new Sel(this.store, this.clock, opts.profile.sel);
    this.fru = new FruStore(this.store, opts.profile);
    this.sensors = new Sensors(this.store, this.clock, opts.profile, this.system, (e) => this.logEvent(e), this.log);
    this.sel.onChange = (c) => this.sensors.selChanged(c);
    this.events.on((e) => this.sensors.onBmcEvent(e));
    if (opts.profile.dcmi) this.dcmi = new Dcmi(this.store, this.clock, opts.profile.dcmi, this.system, () => this.fruAssetTag());
    this.sol = new SolService(this, opts.console, LAN_CHANNEL);
    if (opts.powerHooks) {
      this.chassis.hooks = new CommandPowerHooks(opts.powerHooks, this.name, this.log.child({ hooks: 'power' }));
      this.chassis.bootContext = () => bootContext(this.boot.flags());
    }
    this.chassis.resume();
    this.boot.resume();
    if (opts.console) this.sol.startConsole();
  }

  /**
   * A GUID in IPMI wire order: the 16 bytes of the RFC 4122 text reversed (v2.0 §20.8; ipmitool
   * 1.8.19 prints "GUID Encoding : IPMI" and reverses them back).
   */
  static guidWire(text: string): Buffer {
    return Buffer.from(text.replace(/-/g, ''), 'hex').reverse();
  }
  /** The BMC's device GUID, as sent in Get Device GUID and RAKP 2 (every login reads it twice: converted once per GUID text). */
  guidBytes(): Buffer {
    const text = this.profile.identity.guid;
    if (this.guidCache?.text !== text) this.guidCache = { text, bytes: VirtualBmc.guidWire(text) };
    return this.guidCache.bytes;
  }
  private guidCache?: { text: string; bytes: Buffer };
  /** The managed system's GUID, as sent in Get System GUID. */
  systemGuidBytes(): Buffer {
    return VirtualBmc.guidWire(this.profile.identity.systemGuid);
  }

  /**
   * Log an event to the SEL (v2.0 §29: the BMC is its own event receiver) unless system event
   * logging is disabled in the global enables. Generator ID 0020h = the BMC's own sensors.
   */
  logEvent(e: SensorEvent, generatorId: number = BMC_GENERATOR_ID): void {
    if (!this.settings.globalEnables.systemEventLogging) return;
    this.sel.addEvent({ generatorId, sensorType: e.sensorType, sensorNumber: e.sensorNumber, eventType: e.eventType, deassertion: e.deassertion, data: e.data });
  }

  /** FRU 0's product asset tag (the DCMI asset tag unless the profile or a Set Asset Tag says otherwise). */
  private fruAssetTag(): string {
    const tag = this.fru.decoded(0)?.product?.assetTag;
    return tag === undefined ? '' : typedTextString(tag);
  }

  dispatch(req: RawRequest, ctx: Omit<RequestContext<VirtualBmc>, 'bmc' | 'log'> & { log?: Logger }): Promise<RawResponse> {
    return this.dispatcher.dispatch(req, { ...ctx, bmc: this, log: ctx.log ?? this.log });
  }
  /** The transports' form of dispatch(): a complete context, and no promise unless the handler waits. */
  run(req: RawRequest, ctx: RequestContext<VirtualBmc>): MaybePromise<RawResponse> {
    return this.dispatcher.run(req, ctx);
  }

  /** Stop timers; release resources. Transports are closed by their owners. */
  close(): void {
    this.sessions.closeAll('BMC stopped');
    this.sessions.stop();
    this.watchdog.close();
    this.boot.close();
    this.chassis.close();
    this.sensors.close();
    this.sel.close();
    this.fru.close();
    void this.sol.close();
  }
}

/**
 * The profile's users, plus the null user (ID 1, empty name and password) when the profile
 * allows anonymous login: it stays disabled otherwise (issue 2 "secure defaults").
 */
function userSeeds(profile: ProfileSpec): UserSeed[] {
  const seeds: UserSeed[] = [...profile.users];
  if (profile.security.allowAnonymous && !seeds.some((u) => u.id === 1)) seeds.unshift({ id: 1, name: '', password: '', privilege: 'user' });
  return seeds;
}

export type BmcContext = RequestContext<VirtualBmc>;
export type { SessionView };
