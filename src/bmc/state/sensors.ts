import type { Clock, Timer } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { BehaviourSpec, ProfileSpec, SensorSpec } from '../../profile/types';
import { HARDWARE_DEFAULTS, stateNames } from '../../profile/hardware';
import {
  ConversionParams,
  EventReadingType,
  SensorType,
  THRESHOLDS,
  ThresholdName,
  compareThresholds,
  evaluateThresholds,
  hysteresisToValue,
  isUpper,
  rawToValue,
  thresholdBit,
  thresholdEventBit,
  valueToHysteresis,
  valueToRaw,
} from '../../codec/sensor';
import { EVENT_RECEIVER_DISABLED } from '../../codec/commands/sensor-event/set-event-receiver';
import { BMC_SA } from '../../codec/message/ipmb';
import { hashSeed } from '../simulate/random';
import { Own, Signal, followMap, jitterAt, ownSignal } from '../simulate/signals';
import type { SystemModel } from '../simulate/power';
import type { BmcEvent, EventHub } from './events';
import type { DeviceStore } from './store';
import { Shape, StateSection } from './section';

/** An event a sensor generates, for the event receiver (the SEL). */
export interface SensorEvent {
  sensorType: number;
  sensorNumber: number;
  eventType: number;
  deassertion: boolean;
  data: [number, number, number];
}
export type EventSink = (e: SensorEvent) => void;

/** v2.0 Table 29-6: event data 1 [7:6] = 01b trigger reading in byte 2, [5:4] = 01b trigger threshold in byte 3. */
const THRESHOLD_DATA1 = 0x50;
/** v2.0 Table 29-6: [7:6] = 11b, byte 2 holds a sensor-specific event extension code (watchdog 2's interrupt/timer use). */
const EXTENSION_DATA1 = 0xc0;
const UNSPECIFIED = 0xff;
/** A relaxation after a power change is followed for this many time constants (e^-5 < 1 %). */
const RELAX_TAUS = 5;
/** Threshold events of a sensor that changes with power are held back for this many time constants after power-on. */
const SETTLE_TAUS = 3;

/** A sensor's state: its spec plus what can change at run time. */
export class Sensor {
  readonly params?: ConversionParams;
  /** Raw thresholds in force (Set Sensor Thresholds changes them, through assignThresholds()). */
  readonly thresholds: Partial<Record<ThresholdName, number>> = {};
  /** thresholdValues() and hysteresisValues() as last computed: every reading compares against them. */
  private unitThresholds?: Readonly<Partial<Record<ThresholdName, number>>>;
  private unitHysteresis?: { of: { positive: number; negative: number }; value: { positive: number; negative: number } };
  /** Raw hysteresis counts. */
  hysteresis = { positive: 0, negative: 0 };
  eventMessagesEnabled = true;
  scanningEnabled = true;
  /** Enabled assertion / deassertion events, bit n = offset n. */
  assertEnabled: number;
  deassertEnabled: number;
  /** Threshold sensors: asserted thresholds (mask order of sensor/thresholds.ts). Discrete: asserted offsets. */
  state = 0;
  /** Events that deasserted since the last re-arm (Get Sensor Event Status bytes 4-5). */
  deasserted = 0;
  /** A behaviour set at run time (control API): replaces the profile's. `exact` = setValue, no jitter or power coupling. */
  override?: { behaviour: BehaviourSpec; initial: number; exact: boolean };
  /** The signal of the behaviour in force (own behaviours only; follow is computed from its source). */
  signal?: Signal;
  /** The exponential approach after the last power change: v = target + delta * e^-(t-at)/tau. */
  relax?: { at: number; delta: number };
  readonly seed: number;
  readonly supportedAssert: number;
  readonly supportedDeassert: number;

  constructor(readonly spec: SensorSpec, seed: string) {
    const a = spec.analog;
    if (a) {
      this.params = { ...a.factors, linearization: a.linearization, analogDataFormat: a.format };
      for (const t of a.readable) this.thresholds[t] = valueToRaw(a.thresholds[t]!, this.params);
      this.hysteresis = { positive: valueToHysteresis(a.hysteresis.positive, this.params), negative: valueToHysteresis(a.hysteresis.negative, this.params) };
    }
    this.supportedAssert = spec.assertionEvents.reduce((m, o) => m | (1 << o), 0);
    this.supportedDeassert = spec.deassertionEvents.reduce((m, o) => m | (1 << o), 0);
    this.assertEnabled = this.supportedAssert;
    this.deassertEnabled = this.supportedDeassert;
    this.seed = hashSeed(`${seed}\0${spec.key}`);
  }

  get name(): string {
    return this.spec.name;
  }
  get key(): string {
    return this.spec.key;
  }
  get number(): number {
    return this.spec.number;
  }
  get isThreshold(): boolean {
    return this.spec.eventReadingType === EventReadingType.threshold;
  }
  /** Has a reading (threshold sensors with a full record). */
  get hasReading(): boolean {
    return this.spec.analog !== undefined;
  }
  /** Change raw thresholds (Set Sensor Thresholds, saved state). */
  assignThresholds(raw: Partial<Record<ThresholdName, number>>): void {
    Object.assign(this.thresholds, raw);
    this.unitThresholds = undefined;
  }
  /** Thresholds in force, in units (computed again only after they change). */
  thresholdValues(): Readonly<Partial<Record<ThresholdName, number>>> {
    if (this.unitThresholds) return this.unitThresholds;
    const out: Partial<Record<ThresholdName, number>> = {};
    for (const [t, raw] of Object.entries(this.thresholds) as [ThresholdName, number][]) out[t] = rawToValue(raw, this.params!)!;
    return (this.unitThresholds = out);
  }
  /** Hysteresis in units (computed again only when `hysteresis` is replaced). */
  hysteresisValues(): Readonly<{ positive: number; negative: number }> {
    const h = this.hysteresis;
    if (this.unitHysteresis?.of === h) return this.unitHysteresis.value;
    const value = { positive: hysteresisToValue(h.positive, this.params!), negative: hysteresisToValue(h.negative, this.params!) };
    this.unitHysteresis = { of: h, value };
    return value;
  }
}

/** What Get Sensor Reading reports. */
export interface Reading {
  raw: number;
  /** The reading in units as a client converts it (undefined without an analog reading). */
  value?: number;
  available: boolean;
  /** Threshold comparison status (mask order) or asserted discrete states. */
  states: number;
}

interface SavedSensor {
  thresholds?: Partial<Record<ThresholdName, number>>;
  hysteresis?: [number, number];
  events?: { messages: boolean; scanning: boolean; assert: number; deassert: number };
}
interface Saved {
  eventReceiver: { address: number; lun: number };
  sensors: Record<string, SavedSensor>;
}

/**
 * The BMC's sensors (v2.0 §35, §36): readings computed lazily from (time, system state), threshold
 * and discrete-state events with hysteresis, thresholds/hysteresis/event enables (persisted), the
 * event receiver, and the control methods a fault-injection API calls. Threshold crossings are
 * found when a sensor or the SEL is read, and by a coarse scan that runs only while some moving
 * sensor's range reaches a threshold (SystemModel and simulate/signals.ts say where values can go).
 */
export class Sensors {
  private readonly list: Sensor[] = [];
  private readonly byNumber = new Map<number, Sensor>();
  private readonly byKey = new Map<string, Sensor>();
  private readonly section: StateSection<Saved>;
  private saved: Saved;
  private timer?: Timer;
  private watched: Sensor[] = [];
  private readonly scanIntervalMs: number;

  constructor(
    store: DeviceStore,
    private readonly clock: Clock,
    profile: ProfileSpec,
    readonly system: SystemModel,
    private readonly sink: EventSink,
    private readonly log: Logger,
  ) {
    const seed = profile.simulation?.seed ?? profile.id;
    for (const spec of orderByFollow(profile.sensors ?? [])) {
      const s = new Sensor(spec, seed);
      this.list.push(s);
      this.byNumber.set(spec.number, s);
      this.byKey.set(spec.key, s);
    }
    this.scanIntervalMs = profile.simulation?.scanIntervalMs ?? HARDWARE_DEFAULTS.scanIntervalMs;
    this.section = new StateSection(store, 'sensors');
    this.saved = this.section.load((raw, shape) => checkSaved(raw, shape, this.byNumber)) ?? { eventReceiver: { address: BMC_SA, lun: 0 }, sensors: {} };
    for (const [n, v] of Object.entries(this.saved.sensors)) this.apply(this.byNumber.get(Number(n))!, v);
    const now = clock.now();
    for (const s of this.list) {
      if (s.spec.analog) s.signal = signalOf(s, now);
      if (s.spec.discrete) s.state = s.spec.discrete.initial.reduce((m, o) => m | (1 << o), 0);
    }
    for (const s of this.bound('power')) s.state = this.powerStates(s, system.powered, s.state);
    // Threshold states at start are established silently, as a BMC's initial scan; only later
    // changes log events (a restart of the emulator does not repeat old events).
    for (const s of this.list) if (s.spec.analog && this.scanning(s, now)) s.state = evaluateThresholds(this.quantized(s, now)!, s.thresholdValues(), s.hysteresisValues(), 0).asserted;
    this.rescan();
  }

  all(): readonly Sensor[] {
    return this.list;
  }
  get(number: number): Sensor | undefined {
    return this.byNumber.get(number);
  }
  /** By key (the profile's name for it), else by ID string when only one sensor has it, or by number. */
  find(ref: string | number): Sensor | undefined {
    if (typeof ref === 'number') return this.byNumber.get(ref);
    const s = this.byKey.get(ref);
    if (s) return s;
    const named = this.list.filter((x) => x.name === ref);
    return named.length === 1 ? named[0] : undefined;
  }
  private need(ref: Sensor | string | number): Sensor {
    if (ref instanceof Sensor) return ref;
    const s = this.find(ref);
    if (!s) throw new RangeError(`no sensor ${typeof ref === 'number' ? `number 0x${ref.toString(16)}` : `"${ref}"`}`);
    return s;
  }

  get eventReceiver(): Readonly<{ address: number; lun: number }> {
    return this.saved.eventReceiver;
  }
  setEventReceiver(address: number, lun: number): void {
    this.saved.eventReceiver = { address, lun };
    this.section.save(this.saved);
  }
  /** Internal events go to the event receiver; FFh disables event message generation (v2.0 §29.1). */
  get eventsToReceiver(): boolean {
    return this.saved.eventReceiver.address !== EVENT_RECEIVER_DISABLED;
  }

  // ---- values ----

  /** The sensor's value in units at t (unquantized), undefined for sensors without a reading. */
  value(ref: Sensor | string | number, t = this.clock.now()): number | undefined {
    const s = ref instanceof Sensor ? ref : this.need(ref);
    const a = s.spec.analog;
    if (!a) return undefined;
    if (s.override?.exact) return s.override.initial;
    let v = this.target(s, t);
    if (s.relax && a.whenOff && a.whenOff.tauSec > 0) v += s.relax.delta * Math.exp(-(t - s.relax.at) / (a.whenOff.tauSec * 1000));
    return v;
  }

  /** The value the sensor tends to under the present power state (before the relaxation term). */
  private target(s: Sensor, t: number): number {
    const a = s.spec.analog!;
    if (a.whenOff && !this.system.powered) return a.whenOff.value;
    const b = s.override?.behaviour ?? a.behaviour;
    let v: number;
    if (b.kind === 'follow') v = followMap(b.input, b.output, this.sourceValue(b.source, t));
    else v = s.signal!.at(t);
    return v + (s.override ? 0 : jitterAt(a.jitter, s.seed, t));
  }

  private sourceValue(source: string, t: number): number {
    if (source === 'load') return this.system.load(t);
    if (source === 'power') return this.system.wattsAt(t);
    return this.value(this.byKey.get(source)!, t)!;
  }

  /** The reading a client sees: the value rounded to a raw count and converted back. */
  quantized(s: Sensor, t = this.clock.now()): number | undefined {
    const v = this.value(s, t);
    return v === undefined ? undefined : rawToValue(valueToRaw(v, s.params!), s.params!);
  }

  /** Is the reading available now? Unavailable while off when the profile says so. */
  available(s: Sensor): boolean {
    return !(s.spec.analog?.whenOff?.unavailable && !this.system.powered);
  }

  /** Get Sensor Reading (v2.0 §35.14): evaluates the sensor first, so a crossing is logged before it is reported. */
  reading(s: Sensor): Reading {
    const now = this.clock.now();
    if (!s.spec.analog) return { raw: 0, available: s.spec.record !== 'eventOnly', states: s.state };
    this.evaluate(s, now);
    if (!this.available(s)) return { raw: 0, available: false, states: 0 };
    const raw = valueToRaw(this.value(s, now)!, s.params!);
    const value = rawToValue(raw, s.params!)!;
    return { raw, value, available: true, states: compareThresholds(value, s.thresholdValues()) };
  }

  // ---- thresholds, hysteresis, event enables (commands; persisted) ----

  setThresholds(s: Sensor, raw: Partial<Record<ThresholdName, number>>): void {
    s.assignThresholds(raw);
    this.persist(s, { thresholds: { ...s.thresholds } });
    this.rescan();
  }
  setHysteresis(s: Sensor, positive: number, negative: number): void {
    s.hysteresis = { positive, negative };
    this.persist(s, { hysteresis: [positive, negative] });
    this.rescan();
  }
  setEventEnables(s: Sensor, e: { messages: boolean; scanning: boolean; assert: number; deassert: number }): void {
    s.eventMessagesEnabled = e.messages;
    s.scanningEnabled = e.scanning;
    s.assertEnabled = e.assert & s.supportedAssert;
    s.deassertEnabled = e.deassert & s.supportedDeassert;
    this.persist(s, { events: { messages: e.messages, scanning: e.scanning, assert: s.assertEnabled, deassert: s.deassertEnabled } });
    this.rescan();
  }

  /**
   * Re-arm Sensor Events (v2.0 §35.12): forget the given (or all) asserted threshold events so a
   * condition still present is evaluated, and logged, again; clear the deassertion status.
   */
  rearm(s: Sensor, masks?: { assert: number; deassert: number }): void {
    if (s.isThreshold) {
      for (const t of THRESHOLDS) if (!masks || masks.assert & thresholdEventBit(t) || masks.deassert & thresholdEventBit(t)) s.state &= ~thresholdBit(t);
      s.deasserted &= masks ? ~(masks.assert | masks.deassert) : 0;
      this.evaluate(s, this.clock.now());
    } else s.deasserted &= masks ? ~(masks.assert | masks.deassert) : 0;
  }

  /** Get Sensor Event Status (v2.0 §35.13): asserted events (latched thresholds / present states) and deassertions since re-arm. */
  eventStatus(s: Sensor): { asserted: number; deasserted: number } {
    if (!s.isThreshold) return { asserted: s.state, deasserted: s.deasserted };
    if (s.spec.analog) this.evaluate(s, this.clock.now());
    let asserted = 0;
    for (const t of THRESHOLDS) if (s.state & thresholdBit(t)) asserted |= thresholdEventBit(t);
    return { asserted, deasserted: s.deasserted };
  }

  // ---- control (fault injection) ----

  /** Hold a threshold sensor at a value (a failed fan: 0 RPM). Events follow at once. */
  setValue(ref: string | number, value: number): void {
    const s = this.need(ref);
    if (!s.spec.analog) throw new RangeError(`sensor "${s.name}" has no reading`);
    s.override = { behaviour: { kind: 'constant' }, initial: value, exact: true };
    s.signal = signalOf(s, this.clock.now());
    this.rescan();
  }
  /** Give a threshold sensor a new behaviour from now on (values from `initial`, default its present value). */
  setBehaviour(ref: string | number, behaviour: BehaviourSpec, initial?: number): void {
    const s = this.need(ref);
    if (!s.spec.analog) throw new RangeError(`sensor "${s.name}" has no reading`);
    if (behaviour.kind === 'follow' && !['load', 'power'].includes(behaviour.source) && !this.byKey.get(behaviour.source)?.spec.analog)
      throw new RangeError(`follow source "${behaviour.source}" is not a threshold sensor, load or power`);
    const now = this.clock.now();
    s.override = { behaviour, initial: initial ?? this.value(s, now)!, exact: false };
    s.signal = signalOf(s, now);
    s.relax = undefined;
    this.rescan();
  }
  /** Back to the profile's behaviour. */
  resetBehaviour(ref: string | number): void {
    const s = this.need(ref);
    s.override = undefined;
    if (s.spec.analog) s.signal = signalOf(s, this.clock.now());
    this.rescan();
  }
  /** Set a discrete sensor's asserted states (offsets); changes log assertion/deassertion events. */
  setStates(ref: string | number, offsets: Iterable<number>): void {
    const s = this.need(ref);
    if (!s.spec.discrete) throw new RangeError(`sensor "${s.name}" is not a discrete sensor`);
    let mask = 0;
    for (const o of offsets) {
      if (!s.spec.discrete.readable.includes(o)) throw new RangeError(`sensor "${s.name}" has no state ${o}`);
      mask |= 1 << o;
    }
    this.changeStates(s, mask);
  }
  assertState(ref: string | number, offset: number): void {
    const s = this.need(ref);
    this.setStates(ref, [...offsetsOf(s.state), offset]);
  }
  deassertState(ref: string | number, offset: number): void {
    const s = this.need(ref);
    this.setStates(ref, offsetsOf(s.state).filter((o) => o !== offset));
  }
  /** A discrete state by its name in the sensor's table ("Presence detected", "Failure detected") or its offset. */
  stateOffset(ref: string | number, state: string | number): number {
    const s = this.need(ref);
    if (!s.spec.discrete) throw new RangeError(`sensor "${s.name}" is not a discrete sensor`);
    if (typeof state === 'number') return state;
    const names = stateNames(s.spec.eventReadingType, s.spec.sensorType);
    const i = names.findIndex((n) => n.toLowerCase() === state.toLowerCase());
    if (i < 0) throw new RangeError(`sensor "${s.name}" has no state "${state}" (its states: ${names.join(', ')})`);
    return i;
  }

  /** Control: the system load (0..1) follows a new behaviour from now on; sensors that follow it move with it. */
  setLoad(behaviour: BehaviourSpec, initial: number): void {
    this.system.setLoad(behaviour, initial, this.clock.now());
    this.rescan();
  }

  /** A momentary event (a button press, a boot): logged as an assertion, the state does not stay. */
  pulse(ref: Sensor | string | number, offset: number, data2 = UNSPECIFIED, data3 = UNSPECIFIED): void {
    const s = this.need(ref);
    this.emit(s, offset, false, [offset, data2, data3]);
  }

  /** Sensors the coarse scan is watching (they may cross a threshold); empty = no timer runs. */
  get watching(): readonly Sensor[] {
    return this.watched;
  }
  get scanActive(): boolean {
    return this.timer !== undefined;
  }

  /** Check every sensor that may have crossed a threshold (the SEL is about to be read). */
  evaluateAll(): void {
    const now = this.clock.now();
    for (const s of this.watched) this.evaluate(s, now);
  }

  /** Reacts to power, reset and watchdog events of the BMC (VirtualBmc subscribes this). */
  onBmcEvent(e: BmcEvent): void {
    if (e.type === 'power') {
      this.powerChanged(e.state === 'on');
    } else if (e.type === 'system-reset') {
      // v2.0 Table 42-3, sensor type 1Dh offset 01h: initiated by hard reset.
      for (const s of this.bound('power')) if (s.spec.sensorType === SensorType.systemBootInitiated) this.pulse(s, 1);
    } else if (e.type === 'watchdog' && e.log) {
      // Watchdog 2 (v2.0 Table 42-3): offsets 0-3 are the timeout actions, 8 the pre-timeout
      // interrupt; event data 2 = [7:4] interrupt type, [3:0] timer use.
      const offset = e.phase === 'pre-timeout' ? 8 : e.action;
      for (const s of this.bound('watchdog')) this.emit(s, offset, false, [EXTENSION_DATA1 | offset, (e.interrupt << 4) | e.timerUse, UNSPECIFIED]);
    }
  }

  /** The SEL changed: an Event Logging Disabled sensor bound to it reports cleared / full / almost full. */
  selChanged(what: { cleared: boolean; full: boolean; almostFull: boolean }): void {
    for (const s of this.bound('sel')) {
      // v2.0 Table 42-3, sensor type 10h: 02h log area reset/cleared, 04h SEL full, 05h SEL almost full.
      if (what.cleared) this.pulse(s, 2);
      const mask = (s.state & ~0x30) | (what.full ? 1 << 4 : 0) | (what.almostFull ? 1 << 5 : 0);
      if (mask !== s.state) this.changeStates(s, mask & this.readableMask(s));
    }
  }

  close(): void {
    if (this.timer) this.clock.clear(this.timer);
    this.timer = undefined;
  }

  // ---- internals ----

  private bound(kind: 'power' | 'watchdog' | 'sel'): Sensor[] {
    return this.list.filter((s) => s.spec.discrete?.bind === kind);
  }
  private readableMask(s: Sensor): number {
    return (s.spec.discrete?.readable ?? []).reduce((m, o) => m | (1 << o), 0);
  }

  /** The states a power-bound sensor shows (v2.0 Table 42-3): ACPI S0/G0 or S5/G2, power unit "Power off/down". */
  private powerStates(s: Sensor, on: boolean, current: number): number {
    if (s.spec.sensorType === SensorType.systemAcpiPowerState) return on ? 1 << 0 : 1 << 5;
    if (s.spec.sensorType === SensorType.powerUnit) return on ? current & ~1 : current | 1;
    return current;
  }

  private powerChanged(on: boolean): void {
    const now = this.clock.now();
    if (on === this.system.powered) return;
    // The value each coupled sensor had just before, then the new regime: the relaxation term
    // keeps every value continuous (sources first, so followers see continuous inputs).
    const before = new Map<Sensor, number>();
    for (const s of this.list) if (s.spec.analog?.whenOff && !s.override?.exact) before.set(s, this.value(s, now)!);
    this.system.setPowered(on, now);
    for (const s of this.list) {
      const v0 = before.get(s);
      if (v0 === undefined) continue;
      s.relax = undefined;
      s.relax = { at: now, delta: v0 - this.value(s, now)! }; // value() without relax = the new target
    }
    for (const s of this.bound('power')) {
      if (s.spec.sensorType === SensorType.systemBootInitiated) {
        // v2.0 Table 42-3, sensor type 1Dh offset 00h: initiated by power up.
        if (on) this.pulse(s, 0);
      } else this.changeStates(s, this.powerStates(s, on, s.state));
    }
    this.rescan();
  }

  private changeStates(s: Sensor, mask: number): void {
    const was = s.state;
    s.state = mask;
    for (let o = 0; o < 15; o++) {
      const bit = 1 << o;
      if ((was & bit) === (mask & bit)) continue;
      const deassert = (mask & bit) === 0;
      if (deassert) s.deasserted |= bit;
      this.emit(s, o, deassert, [o, UNSPECIFIED, UNSPECIFIED]);
    }
  }

  /** Log an event if the sensor, the offset and the event receiver allow it. */
  private emit(s: Sensor, offset: number, deassertion: boolean, data: [number, number, number]): void {
    const bit = 1 << offset;
    if (!s.eventMessagesEnabled || !(deassertion ? s.deassertEnabled & bit : s.assertEnabled & bit) || !this.eventsToReceiver) return;
    this.log.debug({ sensor: s.name, offset, deassertion }, 'sensor event');
    this.sink({ sensorType: s.spec.sensorType, sensorNumber: s.number, eventType: s.spec.eventReadingType, deassertion, data });
  }

  /** Should threshold events of this sensor be evaluated now? */
  private scanning(s: Sensor, t: number): boolean {
    const a = s.spec.analog;
    if (!a || !s.scanningEnabled || !this.available(s)) return false;
    if (a.whenOff && !s.override?.exact) {
      if (!this.system.powered) return false;
      const since = this.system.lastTransition.at;
      if (t - since < SETTLE_TAUS * a.whenOff.tauSec * 1000) return false;
    }
    return true;
  }

  private evaluate(s: Sensor, t: number): void {
    if (!this.scanning(s, t)) return;
    const v = this.quantized(s, t)!;
    const { asserted, changes } = evaluateThresholds(v, s.thresholdValues(), s.hysteresisValues(), s.state);
    s.state = asserted;
    const raw = valueToRaw(v, s.params!);
    for (const c of changes) {
      if (!c.asserted) s.deasserted |= 1 << c.offset;
      this.emit(s, c.offset, !c.asserted, [THRESHOLD_DATA1 | c.offset, raw, s.thresholds[c.threshold] ?? 0]);
    }
  }

  /** Where the sensor's value can still go from t (units), or undefined when it cannot move. */
  private rangeFrom(s: Sensor, t: number, depth = 0): [number, number] | undefined {
    const a = s.spec.analog;
    if (!a || s.override?.exact || depth > 16) return undefined;
    let r: [number, number];
    if (a.whenOff && !this.system.powered) r = [a.whenOff.value, a.whenOff.value];
    else {
      const b = s.override?.behaviour ?? a.behaviour;
      if (b.kind === 'follow') {
        const src =
          b.source === 'load'
            ? this.system.loadRangeFrom(t)
            : b.source === 'power'
              ? this.system.wattsRangeFrom(t)
              : (this.rangeFrom(this.byKey.get(b.source)!, t, depth + 1) ?? ([this.value(b.source, t)!, this.value(b.source, t)!] as [number, number]));
        const y0 = followMap(b.input, b.output, src[0]);
        const y1 = followMap(b.input, b.output, src[1]);
        r = [Math.min(y0, y1), Math.max(y0, y1)];
      } else r = s.signal!.rangeFrom(t);
      const j = s.override ? 0 : a.jitter;
      r = [r[0] - j, r[1] + j];
    }
    if (s.relax && a.whenOff && t - s.relax.at < RELAX_TAUS * a.whenOff.tauSec * 1000) {
      const v = this.value(s, t)!;
      r = [Math.min(r[0], v), Math.max(r[1], v)];
    }
    return r[0] < r[1] ? r : undefined;
  }

  /** Could the sensor change its threshold state from now on? */
  private mayCross(s: Sensor, t: number): boolean {
    if (!s.spec.analog || Object.keys(s.thresholds).length === 0) return false;
    const r = this.rangeFrom(s, t);
    if (!r) return false;
    const h = s.hysteresisValues();
    return Object.entries(s.thresholdValues()).some(([name, v]) =>
      isUpper(name as ThresholdName) ? r[0] - h.positive <= v && v <= r[1] : r[0] <= v && v <= r[1] + h.negative,
    );
  }

  /** Evaluate everything once, then keep a scan running only while some sensor may cross a threshold. */
  private rescan(): void {
    const now = this.clock.now();
    for (const s of this.list) if (s.spec.analog) this.evaluate(s, now);
    this.watched = this.list.filter((s) => this.mayCross(s, now));
    if (this.watched.length && !this.timer) {
      this.timer = this.clock.setInterval(() => this.tick(), this.scanIntervalMs);
      this.timer.unref?.();
    } else if (!this.watched.length) this.close();
  }

  private tick(): void {
    const now = this.clock.now();
    for (const s of this.watched) this.evaluate(s, now);
    this.watched = this.watched.filter((s) => this.mayCross(s, now));
    if (!this.watched.length) this.close();
  }

  private apply(s: Sensor, v: SavedSensor): void {
    if (v.thresholds) s.assignThresholds(v.thresholds);
    if (v.hysteresis) s.hysteresis = { positive: v.hysteresis[0], negative: v.hysteresis[1] };
    if (v.events) {
      s.eventMessagesEnabled = v.events.messages;
      s.scanningEnabled = v.events.scanning;
      s.assertEnabled = v.events.assert & s.supportedAssert;
      s.deassertEnabled = v.events.deassert & s.supportedDeassert;
    }
  }
  private persist(s: Sensor, v: SavedSensor): void {
    this.saved.sensors[s.number] = { ...this.saved.sensors[s.number], ...v };
    this.section.save(this.saved);
  }
}

function signalOf(s: Sensor, now: number): Signal | undefined {
  const a = s.spec.analog!;
  const b = s.override?.behaviour ?? a.behaviour;
  return b.kind === 'follow' ? undefined : ownSignal(b as Own, s.override?.initial ?? a.initial, now, s.seed);
}

export function offsetsOf(mask: number): number[] {
  const out: number[] = [];
  for (let o = 0; o < 15; o++) if (mask & (1 << o)) out.push(o);
  return out;
}

/** Sensors whose behaviour follows another come after it, so power changes see continuous sources. */
function orderByFollow(specs: readonly SensorSpec[]): SensorSpec[] {
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const out: SensorSpec[] = [];
  const seen = new Set<string>();
  const visit = (s: SensorSpec) => {
    if (seen.has(s.key)) return;
    seen.add(s.key);
    const b = s.analog?.behaviour;
    if (b?.kind === 'follow' && byKey.has(b.source)) visit(byKey.get(b.source)!);
    out.push(s);
  };
  specs.forEach(visit);
  return out;
}

function checkSaved(raw: unknown, s: Shape, byNumber: Map<number, Sensor>): Saved {
  const o = s.object(raw, '');
  const er = s.object(o.eventReceiver, '/eventReceiver');
  const sensors: Record<string, SavedSensor> = {};
  for (const [n, v] of Object.entries(s.object(o.sensors, '/sensors'))) {
    const at = `/sensors/${n}`;
    const sensor = byNumber.get(Number(n));
    // A sensor the profile no longer has: its saved settings are dropped.
    if (!sensor) continue;
    const e = s.object(v, at);
    const out: SavedSensor = {};
    if (e.thresholds !== undefined) {
      const t = s.object(e.thresholds, `${at}/thresholds`);
      out.thresholds = {};
      for (const [k, x] of Object.entries(t)) out.thresholds[s.oneOf(k, `${at}/thresholds`, THRESHOLDS)] = s.int(x, `${at}/thresholds/${k}`, 0, 255);
    }
    if (e.hysteresis !== undefined) {
      if (!Array.isArray(e.hysteresis) || e.hysteresis.length !== 2) s.fail(`${at}/hysteresis`, 'must be [positive, negative]');
      out.hysteresis = [s.int(e.hysteresis[0], `${at}/hysteresis/0`, 0, 255), s.int(e.hysteresis[1], `${at}/hysteresis/1`, 0, 255)];
    }
    if (e.events !== undefined) {
      const ev = s.object(e.events, `${at}/events`);
      out.events = {
        messages: s.bool(ev.messages, `${at}/events/messages`),
        scanning: s.bool(ev.scanning, `${at}/events/scanning`),
        assert: s.int(ev.assert, `${at}/events/assert`, 0, 0x7fff),
        deassert: s.int(ev.deassert, `${at}/events/deassert`, 0, 0x7fff),
      };
    }
    sensors[n] = out;
  }
  return { eventReceiver: { address: s.int(er.address, '/eventReceiver/address', 0, 255), lun: s.int(er.lun, '/eventReceiver/lun', 0, 3) }, sensors };
}

