/**
 * The fault-injection operations over the virtual BMCs of one process (issue 3 "Fault
 * injection"). Each operation resolves and checks its arguments first and returns the change as a
 * function: the HTTP routes (routes.ts) call it at once, a scenario (scenario.ts) checks every
 * step when it is loaded and calls them at their times. Every change goes through the BMC's own
 * state methods (Sensors, Sel, Chassis, the session table), so SEL entries on threshold crossings
 * and state changes happen as they would for real. Problems are ControlErrors naming the device,
 * the sensor or the field (a JSON pointer into the request body).
 */
import type { Logger } from '../../lib/logger';
import type { Timer } from '../../lib/clock';
import { ControlError } from '../../lib/errors';
import type { VirtualBmc } from '../../bmc/device';
import type { NetworkFaults } from '../../bmc/server';
import type { Reading, Sensor } from '../../bmc/state/sensors';
import type { BehaviourSpec, SensorSpec } from '../../profile/types';
import { behaviourOf, resolveSel, stateNames, valueRange, type RawBehaviour, type RawSelEntry } from '../../profile/hardware';
import {
  EventReadingType,
  SensorType,
  THRESHOLD_ABBREVIATIONS,
  entityLabel,
  eventOffsetName,
  eventReadingTypeName,
  formatUnits,
  sensorTypeName,
  thresholdStatusText,
  type ThresholdName,
} from '../../codec/sensor';
import { BMC_GENERATOR_ID, SEL_RECORD_LENGTH, TIMESTAMP_UNSPECIFIED, isPreInitTimestamp, type SelRecord } from '../../codec/records/sel';
import { ControlSchemas, type PowerAction } from './schemas';

/** A virtual BMC as the control API sees it: main.ts's Fleet entries have this shape. */
export interface ControlDevice {
  readonly bmc: VirtualBmc;
  /** The UDP server that network faults apply to; undefined for a BMC without a LAN listener. */
  readonly lan?: { readonly faults: NetworkFaults };
  readonly lanAddress?: { host: string; port: number };
}
/** The virtual BMCs of the process, by name (main.ts's Fleet). */
export interface ControlFleet {
  readonly devices: ReadonlyMap<string, ControlDevice>;
}

/** A checked change: call it to make it; it returns the JSON answer. */
export type Apply<T = unknown> = () => T;

/** A device of the fleet, with its name. */
export interface Target extends ControlDevice {
  readonly name: string;
}

/** JSON numbers without binary noise (12.06, not 12.059999999999999). */
export const num = (v: number): number => Number(v.toPrecision(10));
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

const bad = (message: string, subject: ControlError['subject']) => new ControlError(400, message, subject);

/**
 * Resolve a sensor reference as the control API and scenarios write it: the profile's key, else
 * an SDR ID string only one sensor has, else a sensor number (decimal or 0x hex). Works on specs
 * (a scenario checked before its BMC runs) and on live sensors alike.
 */
export function resolveSensorRef<T extends { key: string; name: string; number: number }>(list: readonly T[], ref: string | number, device: string): T {
  const named = typeof ref === 'string' ? list.find((s) => s.key === ref) : undefined;
  if (named) return named;
  if (typeof ref === 'string') {
    const byName = list.filter((s) => s.name === ref);
    if (byName.length === 1) return byName[0];
    if (byName.length > 1)
      throw new ControlError(404, `sensor name "${ref}" of device "${device}" is shared by ${byName.length} sensors; name one by key: ${byName.map((s) => `"${s.key}"`).join(', ')}`, {
        device,
        sensor: ref,
      });
  }
  const n = typeof ref === 'number' ? ref : /^0x[0-9a-f]{1,2}$/i.test(ref) ? parseInt(ref, 16) : /^\d{1,3}$/.test(ref) ? Number(ref) : undefined;
  const byNumber = n === undefined ? undefined : list.find((s) => s.number === n);
  if (byNumber) return byNumber;
  throw new ControlError(404, `device "${device}" has no sensor "${ref}"`, { device, sensor: String(ref) });
}

/** A discrete state by name (case-insensitive, as the sensor type's table spells it) or offset; it must be one the sensor reports. */
export function resolveState(spec: SensorSpec, ref: unknown, device: string, field: string): number {
  const names = stateNames(spec.eventReadingType, spec.sensorType);
  const readable = spec.discrete?.readable ?? [];
  const known = readable.map((o) => (names[o] ? `${o} (${names[o]})` : String(o))).join(', ');
  let offset: number | undefined;
  if (typeof ref === 'number' && Number.isInteger(ref)) offset = ref;
  else if (typeof ref === 'string') {
    const i = names.findIndex((n) => n.toLowerCase() === ref.toLowerCase());
    offset = i >= 0 ? i : /^\d{1,2}$/.test(ref) ? Number(ref) : undefined;
  }
  if (offset === undefined || !readable.includes(offset))
    throw bad(`sensor "${spec.key}" of device "${device}" has no state ${JSON.stringify(ref)}; its states are: ${known}`, { device, sensor: spec.key, field });
  return offset;
}

/**
 * The operations. One instance serves one fleet; it also keeps what the BMCs do not: reboots in
 * progress (a BMC that is down for a while after a reboot).
 */
export class Control {
  private readonly rebooting = new Map<string, { until: number; timer: Timer }>();
  readonly schemas = new ControlSchemas();

  constructor(
    readonly fleet: ControlFleet,
    readonly log: Logger,
  ) {}

  // ---- devices ----

  target(name: string): Target {
    const d = this.fleet.devices.get(name);
    if (!d) throw new ControlError(404, `no device "${name}"${this.fleet.devices.size ? `; devices: ${[...this.fleet.devices.keys()].slice(0, 20).join(', ')}` : ''}`, { device: name });
    return { name, ...d };
  }

  listDevices(): { devices: object[] } {
    return { devices: [...this.fleet.devices.keys()].map((n) => this.deviceView(this.target(n))) };
  }

  deviceView(t: Target): object {
    const b = t.bmc;
    return {
      name: t.name,
      profile: b.profile.id,
      power: b.chassis.power,
      lan: t.lanAddress ? `${t.lanAddress.host}:${t.lanAddress.port}` : null,
      sensors: b.sensors.all().length,
      selEntries: b.sel.count,
      sessions: b.sessions.active.size,
      network: t.lan ? this.networkView(t) : null,
    };
  }

  // ---- sensors ----

  sensor(t: Target, ref: string | number): Sensor {
    return resolveSensorRef(t.bmc.sensors.all(), ref, t.name);
  }

  listSensors(t: Target): { sensors: object[] } {
    return { sensors: t.bmc.sensors.all().map((s) => this.sensorView(t, s)) };
  }

  /** What a user wants to see of a sensor: its reading and status as ipmitool shows them, thresholds, behaviour, states. */
  sensorView(t: Target, s: Sensor): object {
    const spec = s.spec;
    const head = {
      key: s.key,
      name: s.name,
      number: s.number,
      type: sensorTypeName(spec.sensorType),
      entity: entityLabel(spec.entityId, spec.entityInstance),
    };
    if (spec.analog) {
      const a = spec.analog;
      const r: Reading = t.bmc.sensors.reading(s);
      const thresholds: Record<string, number> = {};
      for (const [name, v] of Object.entries(s.thresholdValues()) as [ThresholdName, number][]) if (a.readable.includes(name)) thresholds[THRESHOLD_ABBREVIATIONS[name]] = num(v);
      const o = s.override;
      return {
        ...head,
        kind: 'threshold',
        value: r.available ? num(r.value!) : null,
        unit: formatUnits({ percentage: a.units.percentage, modifierUnit: a.units.modifierOp, baseUnit: a.units.base, modifierUnitCode: a.units.modifier }),
        status: r.available ? thresholdStatusText(r.states, 'extended') : 'ns',
        thresholds: sortThresholds(thresholds),
        behaviour: o ? (o.exact ? { kind: 'constant' } : o.behaviour) : a.behaviour,
        override: o ? (o.exact ? { value: num(o.initial) } : { behaviour: o.behaviour, initial: num(o.initial) }) : null,
      };
    }
    if (spec.discrete) {
      const names = stateNames(spec.eventReadingType, spec.sensorType);
      const offsets = t.bmc.sensors.reading(s).states;
      const asserted = spec.discrete.readable.filter((o) => offsets & (1 << o));
      return {
        ...head,
        // An event-only record (v2.0 §43.3) has no reading for clients; its states still log events.
        kind: spec.record === 'eventOnly' ? 'event-only' : 'discrete',
        eventType: spec.eventReadingType === EventReadingType.sensorSpecific ? 'sensor-specific' : eventReadingTypeName(spec.eventReadingType),
        states: asserted.map((o) => names[o] ?? o),
        readableStates: spec.discrete.readable.map((o) => names[o] ?? o),
      };
    }
    return { ...head, kind: 'event-only', eventType: spec.eventReadingType === EventReadingType.sensorSpecific ? 'sensor-specific' : eventReadingTypeName(spec.eventReadingType) };
  }

  private analog(t: Target, s: Sensor, field: string): NonNullable<SensorSpec['analog']> {
    if (!s.spec.analog) throw new ControlError(409, `sensor "${s.key}" of device "${t.name}" has no reading (it is ${s.spec.discrete ? 'a discrete' : 'an event-only'} sensor: assert or deassert its states)`, { device: t.name, sensor: s.key, field });
    return s.spec.analog;
  }

  /** A value in the sensor's units that its raw reading can express. */
  private checkValue(t: Target, s: Sensor, v: unknown, field: string): number {
    const a = this.analog(t, s, field);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`${field} must be a number (in ${s.key}'s units)`, { device: t.name, sensor: s.key, field });
    const { lo, hi } = valueRange({ ...a.factors, linearization: a.linearization, analogDataFormat: a.format });
    const step = (hi - lo) / 255;
    if (v < lo - step / 2 || v > hi + step / 2) throw bad(`${v} is outside what sensor "${s.key}" can report (${num(lo)}..${num(hi)})`, { device: t.name, sensor: s.key, field });
    return v;
  }

  /** Hold a threshold sensor at a value (a failed fan: 0 RPM); threshold events follow at once. */
  setValue(t: Target, ref: string | number, body: unknown): Apply<object> {
    const s = this.sensor(t, ref);
    const b = this.schemas.check('sensorValue', body, { device: t.name, sensor: s.key }) as { value: number };
    const value = this.checkValue(t, s, b.value, '/value');
    return () => {
      t.bmc.sensors.setValue(s.number, value);
      return this.sensorView(t, s);
    };
  }

  /** A new behaviour from now on (the profile's kinds and parameters); `initial` defaults to the present value. */
  setBehaviour(t: Target, ref: string | number, body: unknown): Apply<object> {
    const s = this.sensor(t, ref);
    this.analog(t, s, '/behaviour');
    const b = this.schemas.check('sensorBehaviour', body, { device: t.name, sensor: s.key }) as { behaviour: RawBehaviour; initial?: number };
    const behaviour = this.behaviour(t, s, b.behaviour, '/behaviour');
    const initial = b.initial === undefined ? undefined : this.checkValue(t, s, b.initial, '/initial');
    return () => {
      t.bmc.sensors.setBehaviour(s.number, behaviour, initial);
      return this.sensorView(t, s);
    };
  }

  /**
   * A ramp from the present value at ratePerSec, to a value or by an amount ("temperatures rise
   * 1 °C/s for 30 s"); the end is computed when the change is made and kept within the sensor's range.
   */
  ramp(t: Target, ref: string | number, body: unknown): Apply<object> {
    const s = this.sensor(t, ref);
    const a = this.analog(t, s, '/ratePerSec');
    const b = this.schemas.check('sensorRamp', body, { device: t.name, sensor: s.key }) as { ratePerSec: number; to?: number; by?: number };
    if ((b.to === undefined) === (b.by === undefined)) throw bad('give one of to (a value) or by (an amount)', { device: t.name, sensor: s.key, field: '/to' });
    if (b.to !== undefined) this.checkValue(t, s, b.to, '/to');
    const { lo, hi } = valueRange({ ...a.factors, linearization: a.linearization, analogDataFormat: a.format });
    return () => {
      const now = t.bmc.sensors.value(s)!;
      const target = Math.min(hi, Math.max(lo, b.to ?? now + b.by!));
      t.bmc.sensors.setBehaviour(s.number, { kind: 'ramp', target, ratePerSec: b.ratePerSec, repeat: false }, now);
      return this.sensorView(t, s);
    };
  }

  /**
   * Back to the profile: a threshold sensor's behaviour, a discrete sensor's initial states
   * (a sensor the BMC drives itself, such as the ACPI power state, keeps what the BMC says).
   */
  resetSensor(t: Target, ref: string | number): Apply<object> {
    const s = this.sensor(t, ref);
    const d = s.spec.discrete;
    return () => {
      if (s.spec.analog) t.bmc.sensors.resetBehaviour(s.number);
      else if (d && !d.bind) t.bmc.sensors.setStates(s.number, d.initial);
      return this.sensorView(t, s);
    };
  }

  private behaviour(t: Target, s: Sensor, raw: RawBehaviour, field: string): BehaviourSpec {
    let first: [string, string] | undefined;
    const spec = behaviourOf(raw, field, (p, r) => (first ??= [p, r]));
    if (!first && spec.kind === 'follow' && !['load', 'power'].includes(spec.source)) {
      const src = t.bmc.sensors.all().find((x) => x.key === spec.source);
      if (!src?.spec.analog) first = [`${field}/source`, `"${spec.source}" is not a threshold sensor of device "${t.name}", nor load or power`];
      else if (src === s) first = [`${field}/source`, 'a sensor cannot follow itself'];
    }
    if (first) throw bad(`${first[0]}: ${first[1]}`, { device: t.name, sensor: s.key, field: first[0] });
    return spec;
  }

  /** Set a discrete sensor's asserted states; each change logs an assertion or deassertion event. */
  setStates(t: Target, ref: string | number, body: unknown): Apply<object> {
    const s = this.discrete(t, ref, '/states');
    const b = this.schemas.check('sensorStates', body, { device: t.name, sensor: s.key }) as { states: unknown[] };
    const offsets = b.states.map((x, i) => resolveState(s.spec, x, t.name, `/states/${i}`));
    return () => {
      t.bmc.sensors.setStates(s.number, offsets);
      return this.sensorView(t, s);
    };
  }

  /** Assert (or deassert) one state: fail a fan's presence, pull a power supply, open the chassis. */
  assertState(t: Target, ref: string | number, body: unknown, deassert: boolean): Apply<object> {
    const s = this.discrete(t, ref, '/state');
    const b = this.schemas.check('sensorState', body, { device: t.name, sensor: s.key }) as { state: unknown };
    const offset = resolveState(s.spec, b.state, t.name, '/state');
    return () => {
      if (deassert) t.bmc.sensors.deassertState(s.number, offset);
      else t.bmc.sensors.assertState(s.number, offset);
      return this.sensorView(t, s);
    };
  }

  private discrete(t: Target, ref: string | number, field: string): Sensor {
    const s = this.sensor(t, ref);
    if (!s.spec.discrete)
      throw new ControlError(409, `sensor "${s.key}" of device "${t.name}" has no states (it is ${s.spec.analog ? 'a threshold sensor: set its value or behaviour' : 'an event-only sensor'})`, {
        device: t.name,
        sensor: s.key,
        field,
      });
    return s;
  }

  // ---- SEL ----

  selView(t: Target): object {
    const sel = t.bmc.sel;
    t.bmc.sensors.evaluateAll();
    return { entries: sel.list().map((r) => this.selEntryView(t, r)), capacity: sel.capacity, overflow: sel.overflow };
  }

  selEntryView(t: Target, r: SelRecord): object {
    const time = (ts: number) => (ts === TIMESTAMP_UNSPECIFIED || isPreInitTimestamp(ts) ? null : iso(ts * 1000));
    if (r.kind === 'system') {
      const sensor = r.generatorId === BMC_GENERATOR_ID ? t.bmc.sensors.get(r.sensorNumber) : undefined;
      const et = r.eventDirType.eventType;
      return {
        id: r.recordId,
        type: 'system',
        timestamp: r.timestamp,
        time: time(r.timestamp),
        generatorId: r.generatorId,
        sensorType: sensorTypeName(r.sensorType),
        sensorNumber: r.sensorNumber,
        sensor: sensor && sensor.spec.sensorType === r.sensorType ? sensor.key : null,
        eventType: et,
        event: eventOffsetName(et, r.sensorType, r.eventData1 & 0x0f) ?? null,
        direction: r.eventDirType.deassertion ? 'deassertion' : 'assertion',
        eventData: [r.eventData1, r.eventData2, r.eventData3],
      };
    }
    if (r.kind === 'oemTimestamped')
      return { id: r.recordId, type: 'oem-timestamped', recordType: r.recordType, timestamp: r.timestamp, time: time(r.timestamp), manufacturerId: r.manufacturerId, oemData: r.oemData.toString('hex') };
    return { id: r.recordId, type: r.kind === 'oemNonTimestamped' ? 'oem' : 'reserved', recordType: r.recordType, oemData: (r.kind === 'unknown' ? r.data : r.oemData).toString('hex') };
  }

  /**
   * Add SEL entries: written as a profile's `sel.entries` (a sensor and its event by name, or
   * sensorType/sensorNumber/eventType/event, eventData, secondsAgo), or as 16 bytes of hex
   * (the SEL assigns the record ID, and the timestamp of types 02h and C0h-DFh), as Add SEL Entry.
   */
  addSel(t: Target, body: unknown): Apply<{ added: number[] }> {
    const b = this.schemas.check('selAdd', body, { device: t.name }) as { entries: Array<RawSelEntry | { hex: string }> };
    type Item = { hex: Buffer } | { event: ReturnType<typeof resolveSel>['initialEntries'][number] };
    const items: Item[] = [];
    b.entries.forEach((e, i) => {
      const at = `/entries/${i}`;
      if ('hex' in e) {
        const buf = Buffer.from(e.hex.replace(/\s+/g, ''), 'hex');
        if (buf.length !== SEL_RECORD_LENGTH || !/^([0-9a-fA-F]{2}\s*)+$/.test(e.hex)) throw bad(`${at}/hex: a SEL record is ${SEL_RECORD_LENGTH} bytes of hex`, { device: t.name, field: `${at}/hex` });
        items.push({ hex: buf });
        return;
      }
      let first: [string, string] | undefined;
      const spec = resolveSel({ capacity: 0xfff, entries: [e] }, [...(t.bmc.profile.sensors ?? [])], (p, r) => (first ??= [p, r]));
      if (first) {
        const field = first[0].replace(/^\/sel\/entries\/0/, at);
        throw bad(`${field}: ${first[1]}`, { device: t.name, field, sensor: e.sensor });
      }
      items.push({ event: spec.initialEntries[0] });
    });
    return () => {
      const sel = t.bmc.sel;
      const added: number[] = [];
      for (const [i, it] of items.entries()) {
        const id =
          'hex' in it
            ? sel.add(it.hex)
            : sel.addEvent({ ...it.event, data: it.event.eventData, timestamp: it.event.secondsAgo ? Math.max(0, sel.time() - it.event.secondsAgo) : undefined });
        if (id === undefined)
          throw new ControlError(409, `the SEL of device "${t.name}" is full (${sel.capacity} entries): entry ${i} and after not added${added.length ? `; added: ${added.join(', ')}` : ''}`, {
            device: t.name,
            field: `/entries/${i}`,
          });
        added.push(id);
      }
      return { added };
    };
  }

  /** Clear SEL, as the command does: the Event Logging Disabled sensor then logs "Log area reset/cleared". */
  clearSel(t: Target): Apply<{ cleared: number }> {
    return () => {
      const n = t.bmc.sel.count;
      t.bmc.sel.clear();
      return { cleared: n };
    };
  }

  // ---- power ----

  powerView(t: Target): object {
    const c = t.bmc.chassis;
    const p = c.pending;
    return { power: c.power, pending: p ? { to: p.to, at: iso(p.at) } : null };
  }

  /**
   * Press the front panel: on and off are the power button (off held: a hard power-off), soft a
   * short press the OS answers with a shutdown, reset the reset button, cycle off and on again.
   * The restart cause is the button's (v2.0 §28.11), and a Button sensor logs the press
   * (v2.0 Table 42-3, sensor type 14h: offset 00h power button, 02h reset button).
   */
  power(t: Target, body: unknown): Apply<object> {
    const { action } = this.schemas.check('power', body, { device: t.name }) as { action: PowerAction };
    return () => {
      const c = t.bmc.chassis;
      const press = (offset: number) => {
        for (const s of t.bmc.sensors.all()) if (s.spec.sensorType === SensorType.button && s.spec.discrete?.readable.includes(offset)) t.bmc.sensors.pulse(s, offset);
      };
      switch (action) {
        case 'on':
          if (!c.isOn) press(0);
          c.powerUp('power-button', 0);
          break;
        case 'off':
          if (c.isOn) press(0);
          c.powerDown('power-button', 0);
          break;
        case 'soft':
          if (c.isOn) press(0);
          c.softShutdown(0);
          break;
        case 'reset':
          press(2);
          c.hardReset('reset-button', 0);
          break;
        case 'cycle':
          c.powerCycle('chassis-control', 0);
          break;
      }
      return this.powerView(t);
    };
  }

  // ---- network faults ----

  private lan(t: Target): NetworkFaults {
    if (!t.lan) throw new ControlError(409, `device "${t.name}" has no LAN listener: network faults apply to its UDP server`, { device: t.name });
    return t.lan.faults;
  }

  networkView(t: Target): object {
    const f = this.lan(t);
    const r = this.rebooting.get(t.name);
    return { latencyMs: f.latencyMs, lossRatio: f.lossRatio, unresponsive: f.unresponsive, rebootingUntil: r ? iso(r.until) : null };
  }

  /** Added latency before each reply, the ratio of incoming packets dropped, or nothing answered at all. */
  setNetwork(t: Target, body: unknown): Apply<object> {
    const f = this.lan(t);
    const b = this.schemas.check('network', body, { device: t.name }) as Partial<NetworkFaults>;
    return () => {
      Object.assign(f, b);
      this.log.info({ device: t.name, network: { ...f } }, 'network faults set');
      return this.networkView(t);
    };
  }

  clearNetwork(t: Target): Apply<object> {
    const f = this.lan(t);
    return () => {
      this.cancelReboot(t.name);
      Object.assign(f, { latencyMs: 0, lossRatio: 0, unresponsive: false });
      return this.networkView(t);
    };
  }

  /**
   * Reboot the BMC: every session ends (as a Cold Reset does, v2.0 §20.2), and for `downSec`
   * the BMC answers nothing, as a real one does while it starts again.
   */
  reboot(t: Target, body: unknown): Apply<object> {
    const b = this.schemas.check('reboot', body ?? {}, { device: t.name }) as { downSec?: number };
    const f = t.lan ? this.lan(t) : undefined;
    const downMs = (b.downSec ?? 0) * 1000;
    if (downMs > 0 && !f) throw new ControlError(409, `device "${t.name}" has no LAN listener to take down; reboot it with downSec 0`, { device: t.name, field: '/downSec' });
    return () => {
      const sessions = t.bmc.sessions.active.size;
      t.bmc.events.emit({ type: 'bmc-reset', kind: 'cold' });
      this.cancelReboot(t.name);
      if (f && downMs > 0) {
        f.unresponsive = true;
        const clock = t.bmc.clock;
        const timer = clock.setTimeout(() => {
          this.rebooting.delete(t.name);
          f.unresponsive = false;
          this.log.info({ device: t.name }, 'BMC back after reboot');
        }, downMs);
        timer.unref?.();
        this.rebooting.set(t.name, { until: clock.now() + downMs, timer });
      }
      this.log.info({ device: t.name, sessions, downMs }, 'BMC rebooted');
      return { sessionsClosed: sessions, ...(f ? { network: this.networkView(t) } : {}) };
    };
  }

  private cancelReboot(name: string): void {
    const r = this.rebooting.get(name);
    if (!r) return;
    this.target(name).bmc.clock.clear(r.timer);
    this.rebooting.delete(name);
  }

  /** Stop the reboot timers (the BMCs are closed by their owner). */
  close(): void {
    for (const name of [...this.rebooting.keys()]) if (this.fleet.devices.has(name)) this.cancelReboot(name);
    this.rebooting.clear();
  }
}

function sortThresholds(t: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of ['lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr']) if (t[n] !== undefined) out[n] = t[n];
  return out;
}
