/**
 * Resolves the hardware sections of a raw profile (hardware-schema.ts) into HardwareSpec
 * (hardware-types.ts): names to codes, values in units to what the SDRs will hold, FRU areas to
 * an image. One function serves both the check (problems reported with a JSON pointer and a
 * reason, collected by load.ts) and the build of the frozen spec, so the rules are written once.
 */
import {
  AnalogDataFormat,
  ConversionParams,
  EventReadingType,
  Linearization,
  SensorType,
  THRESHOLDS,
  ThresholdName,
  deriveFactors,
  eventOffsetName,
  eventReadingTypeName,
  genericOffsetName,
  rawRange,
  rawToValue,
  sensorSpecificOffsets,
  sensorTypeCode,
  sensorTypeName,
  thresholdEventOffset,
  unitCode,
  valueToRaw,
} from '../codec/sensor';
import { BMC_GENERATOR_ID } from '../codec/records/sel';
import { IdInstanceModifier, idInstanceModifier } from '../codec/records/sdr';
import { PowerLimitExceptionAction } from '../codec/commands/group/set-power-limit';
import { FruImage, FruMultiRecord, dateToFruMinutes, decodeFru, encodeFru, fruChassisTypeName } from '../codec/records/fru';
import { ANALOG_FORMATS, EXCEPTION_ACTIONS, LINEARIZATIONS, RATE_NAMES, THRESHOLD_KEYS } from './hardware-schema';
import type {
  AnalogSensorSpec,
  BehaviourSpec,
  DcmiSpec,
  DiscreteSensorSpec,
  FruDeviceSpec,
  HardwareSpec,
  SdrSpec,
  SelEntrySpec,
  SelSpec,
  SensorSpec,
  SimulationSpec,
} from './hardware-types';

/** Defaults of the hardware sections; bmc/state reads them for hand-built specs that leave a section out. */
export const HARDWARE_DEFAULTS = {
  sel: { capacity: 512, clock: 'real' as const },
  scanIntervalMs: 1000,
  load: 0.3,
  fruSize: 256,
  dcmi: {
    power: { offWatts: 10, idleWatts: 120, maxWatts: 400 },
    correctionTimeMs: 1000,
    samplingPeriodSec: 1,
    statisticsPeriodSec: 3600,
    rollingAveragePeriodsSec: [60, 300, 900, 3600],
    temperatureSamplingSec: 1,
  },
};

/** The system load and the DCMI power model can be followed like sensors. */
export const FOLLOW_SOURCES = ['load', 'power'] as const;

const THRESHOLD_BY_KEY: Record<(typeof THRESHOLD_KEYS)[number], ThresholdName> = {
  lnr: 'lowerNonRecoverable',
  lcr: 'lowerCritical',
  lnc: 'lowerNonCritical',
  unc: 'upperNonCritical',
  ucr: 'upperCritical',
  unr: 'upperNonRecoverable',
};
const EXCEPTION_ACTION_CODES: Record<(typeof EXCEPTION_ACTIONS)[number], number> = {
  none: PowerLimitExceptionAction.noAction,
  'hard-power-off': PowerLimitExceptionAction.hardPowerOffAndLog,
  log: PowerLimitExceptionAction.logEventOnly,
};
const RATE_CODES: Record<string, number> = Object.fromEntries(RATE_NAMES.map((n, i) => [n, i]));

export type Problem = (pointer: string, reason: string) => void;

// The raw shapes the schema admits (fields typed `{}` there are `unknown` here).
export interface RawBehaviour {
  kind: BehaviourSpec['kind'];
  amplitude?: number;
  stepSec?: number;
  periodSec?: number;
  phaseSec?: number;
  target?: number;
  ratePerSec?: number;
  repeat?: boolean;
  source?: string;
  input?: [number, number];
  output?: [number, number];
}
interface RawSensor {
  name?: string;
  number?: number;
  record?: SensorSpec['record'];
  entity?: [number, number];
  type?: unknown;
  eventType?: unknown;
  units?: unknown;
  format?: (typeof ANALOG_FORMATS)[number];
  linearization?: (typeof LINEARIZATIONS)[number];
  factors?: { m: number; b?: number; bExp?: number; rExp?: number };
  range?: [number, number];
  tolerance?: number;
  accuracy?: number;
  accuracyExp?: number;
  thresholds?: Partial<Record<(typeof THRESHOLD_KEYS)[number], number>>;
  readable?: (typeof THRESHOLD_KEYS)[number][];
  settable?: (typeof THRESHOLD_KEYS)[number][];
  hysteresis?: { positive?: number; negative?: number };
  nominal?: number;
  normalMin?: number;
  normalMax?: number;
  initial?: number;
  behaviour?: RawBehaviour;
  jitter?: number;
  whenOff?: { value?: number; tauSec?: number; unavailable?: boolean };
  states?: unknown[];
  readableStates?: unknown[];
  events?: unknown[];
  deassertEvents?: unknown[];
  bind?: DiscreteSensorSpec['bind'];
  dcmi?: SensorSpec['dcmi'];
  share?: { count: number; modifier?: 'numeric' | 'alpha'; offset?: number; entityInstances?: boolean };
}
interface RawFru {
  name?: string;
  size?: number;
  writable?: boolean;
  entity?: [number, number];
  raw?: string;
  internalUse?: string;
  chassis?: { type?: unknown; partNumber?: string; serialNumber?: string; custom?: string[] };
  board?: { manufacturer?: string; productName?: string; serialNumber?: string; partNumber?: string; fruFileId?: string; mfgDate?: string; custom?: string[] };
  product?: {
    manufacturer?: string;
    name?: string;
    partNumber?: string;
    version?: string;
    serialNumber?: string;
    assetTag?: string;
    fruFileId?: string;
    custom?: string[];
  };
  powerSupplies?: Array<{
    capacityWatts: number;
    peakVa?: number;
    inrushCurrentAmps?: number;
    inrushIntervalMs?: number;
    inputVoltage?: [number, number][];
    frequencyHz?: [number, number];
    dropoutToleranceMs?: number;
    hotSwap?: boolean;
    autoswitch?: boolean;
    powerFactorCorrection?: boolean;
    predictiveFailure?: boolean;
    holdUpSec?: number;
    peakWatts?: number;
  }>;
}
export interface RawSelEntry {
  secondsAgo?: number;
  sensor?: string;
  sensorType?: unknown;
  sensorNumber?: number;
  eventType?: unknown;
  event?: unknown;
  deassert?: boolean;
  reading?: number;
  eventData?: [number, number, number];
  generatorId?: number;
}
export interface RawHardware {
  sdr?: { mcName?: string; mcEntity?: [number, number]; entityAssociations?: Array<{ container: [number, number]; contained: [number, number][]; range?: boolean }> };
  sensors?: Record<string, RawSensor>;
  fru?: Record<string, RawFru>;
  sel?: { capacity?: number; clock?: SelSpec['clock']; utcOffsetMinutes?: number; entries?: RawSelEntry[] };
  dcmi?: {
    power?: Partial<DcmiSpec['power']>;
    powerLimit?: { watts?: number; correctionTimeMs?: number; samplingPeriodSec?: number; exceptionAction?: (typeof EXCEPTION_ACTIONS)[number]; active?: boolean };
    statisticsPeriodSec?: number;
    assetTag?: string;
    mcIdString?: string;
    rollingAveragePeriodsSec?: number[];
    temperatureSamplingSec?: number;
  };
  simulation?: { scanIntervalMs?: number; seed?: string; load?: { initial?: number; behaviour?: RawBehaviour; jitter?: number } };
}

/** What the resolver needs from the rest of the profile. */
export interface HardwareContext {
  profileId: string;
  deviceName?: string;
  productName?: string;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const hex2 = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

/**
 * Resolve (and check) the hardware sections. Problems go to `problem`; the returned spec is only
 * meaningful when none were reported.
 */
export function resolveHardware(raw: RawHardware, ctx: HardwareContext, problem: Problem): HardwareSpec {
  const sensors = raw.sensors ? sharedSensors(raw.sensors, problem) : resolveSensors({}, problem);
  const fru = resolveFru(raw.fru ?? {}, problem);
  return {
    sdr: resolveSdr(raw.sdr ?? {}, ctx),
    sensors,
    fru,
    sel: resolveSel(raw.sel ?? {}, sensors, problem),
    dcmi: raw.dcmi ? resolveDcmi(raw.dcmi, ctx, problem) : undefined,
    simulation: resolveSimulation(raw.simulation ?? {}, ctx, problem),
  };
}

/**
 * The sensors of one raw `sensors` mapping, resolved once: the members of a fleet (and devices
 * that do not override `sensors`) share the profile's mapping, so they share one frozen
 * SensorSpec[] instead of a copy each (1000 BMCs: ~25 MB less heap, issue 8). The problems
 * found the first time are reported again to every caller. The loader never mutates raw values.
 */
const sensorsResolved = new WeakMap<object, { sensors: SensorSpec[]; problems: [string, string][] }>();
function sharedSensors(raw: Record<string, RawSensor>, problem: Problem): SensorSpec[] {
  let hit = sensorsResolved.get(raw);
  if (!hit) {
    const problems: [string, string][] = [];
    hit = { sensors: resolveSensors(raw, (p, r) => problems.push([p, r])), problems };
    sensorsResolved.set(raw, hit);
  }
  for (const [p, r] of hit.problems) problem(p, r);
  return hit.sensors;
}

function resolveSdr(raw: NonNullable<RawHardware['sdr']>, ctx: HardwareContext): SdrSpec {
  return {
    mcName: raw.mcName ?? (ctx.productName ?? 'BMC').slice(0, 16),
    mcEntity: raw.mcEntity ?? [0x07, 1],
    entityAssociations: (raw.entityAssociations ?? []).map((a) => ({ container: a.container, contained: a.contained, range: a.range ?? false })),
  };
}

/** A code given as a number, or a name looked up with `byName`. */
function codeOf(v: unknown, at: string, what: string, byName: (s: string) => number | undefined, problem: Problem, max = 0xff): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max) return v;
  if (typeof v === 'string') {
    const c = byName(v);
    if (c !== undefined) return c;
    problem(at, `unknown ${what} "${v}"`);
    return undefined;
  }
  problem(at, `must be a ${what} name or a code 0..${max}`);
  return undefined;
}

/** Event/reading type: 'threshold', 'sensor-specific', a generic type's name, or a code. */
function eventTypeByName(s: string): number | undefined {
  const n = s.toLowerCase();
  if (n === 'threshold') return EventReadingType.threshold;
  if (n === 'sensor-specific') return EventReadingType.sensorSpecific;
  for (let c = 0x02; c <= 0x0c; c++) if (eventReadingTypeName(c).toLowerCase() === n) return c;
  return undefined;
}

/** The state names of a discrete sensor: the sensor type's table (6Fh) or the generic type's. */
export function stateNames(eventType: number, sensorType: number): readonly string[] {
  if (eventType === EventReadingType.sensorSpecific) return sensorSpecificOffsets(sensorType);
  const out: string[] = [];
  for (let i = 0; i < 15 && genericOffsetName(eventType, i) !== undefined; i++) out.push(genericOffsetName(eventType, i)!);
  return out;
}

function stateOf(v: unknown, names: readonly string[], at: string, problem: Problem): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 14) return v;
  if (typeof v === 'string') {
    const i = names.findIndex((n) => n.toLowerCase() === v.toLowerCase());
    if (i >= 0) return i;
    problem(at, names.length ? `unknown state "${v}"; this sensor's states are: ${names.join(', ')}` : `unknown state "${v}": this event type has no named states, give an offset 0..14`);
    return undefined;
  }
  problem(at, 'must be a state name or an offset 0..14');
  return undefined;
}

function unitsOf(v: unknown, at: string, problem: Problem): AnalogSensorSpec['units'] {
  const none = { base: 0, modifier: 0, modifierOp: 0, rate: 0, percentage: false };
  const unit = (u: unknown, p: string) => codeOf(u, p, 'unit', unitCode, problem, 92) ?? 0;
  if (v === undefined) return none;
  if (typeof v === 'string' || typeof v === 'number') return { ...none, base: unit(v, at) };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    problem(at, 'must be a unit name or { base, modifier, op, rate, percentage }');
    return none;
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['base', 'modifier', 'op', 'rate', 'percentage'].includes(k)) problem(`${at}/${escape(k)}`, 'unknown field');
  const out = { ...none, base: o.base === undefined ? 0 : unit(o.base, `${at}/base`) };
  if (o.modifier !== undefined) {
    out.modifier = unit(o.modifier, `${at}/modifier`);
    if (o.op !== 'divide' && o.op !== 'multiply') problem(`${at}/op`, 'a modifier unit needs op: divide or multiply');
    out.modifierOp = o.op === 'divide' ? 1 : 2;
  } else if (o.op !== undefined) problem(`${at}/op`, 'op needs a modifier unit');
  if (o.rate !== undefined) {
    if (typeof o.rate !== 'string' || RATE_CODES[o.rate] === undefined) problem(`${at}/rate`, `must be one of: ${RATE_NAMES.join(', ')}`);
    else out.rate = RATE_CODES[o.rate];
  }
  if (o.percentage !== undefined) {
    if (typeof o.percentage !== 'boolean') problem(`${at}/percentage`, 'must be true or false');
    else out.percentage = o.percentage;
  }
  return out;
}

export function behaviourOf(raw: RawBehaviour | undefined, at: string, problem: Problem): BehaviourSpec {
  if (!raw) return { kind: 'constant' };
  const need = (k: keyof RawBehaviour) => {
    if (raw[k] === undefined) problem(`${at}/${k}`, `required for kind ${raw.kind}`);
  };
  const unused = (allowed: (keyof RawBehaviour)[]) => {
    for (const k of Object.keys(raw) as (keyof RawBehaviour)[]) if (k !== 'kind' && !allowed.includes(k)) problem(`${at}/${k}`, `not used by kind ${raw.kind}`);
  };
  switch (raw.kind) {
    case 'constant':
      unused([]);
      return { kind: 'constant' };
    case 'noise':
      need('amplitude');
      unused(['amplitude', 'stepSec']);
      return { kind: 'noise', amplitude: raw.amplitude ?? 0, stepSec: raw.stepSec ?? 1 };
    case 'sine':
      need('amplitude');
      need('periodSec');
      unused(['amplitude', 'periodSec', 'phaseSec']);
      return { kind: 'sine', amplitude: raw.amplitude ?? 0, periodSec: raw.periodSec ?? 1, phaseSec: raw.phaseSec ?? 0 };
    case 'ramp':
      need('target');
      need('ratePerSec');
      unused(['target', 'ratePerSec', 'repeat']);
      return { kind: 'ramp', target: raw.target ?? 0, ratePerSec: raw.ratePerSec ?? 1, repeat: raw.repeat ?? false };
    case 'randomWalk':
      need('amplitude');
      unused(['amplitude', 'stepSec']);
      return { kind: 'randomWalk', amplitude: raw.amplitude ?? 0, stepSec: raw.stepSec ?? 10 };
    case 'follow':
      need('source');
      need('input');
      need('output');
      unused(['source', 'input', 'output']);
      if (raw.input && raw.input[0] === raw.input[1]) problem(`${at}/input`, 'the two input points must differ');
      return { kind: 'follow', source: raw.source ?? '', input: raw.input ?? [0, 1], output: raw.output ?? [0, 1] };
  }
}

/** The range a raw reading can express, in units (ends in either order for decreasing linearizations). */
export function valueRange(p: ConversionParams): { lo: number; hi: number } {
  const r = rawRange(p.analogDataFormat);
  const a = rawToValue(r.min & 0xff, p)!;
  const b = rawToValue(r.max & 0xff, p)!;
  return { lo: Math.min(a, b), hi: Math.max(a, b) };
}

/** A value in units as a raw byte, or a problem when the sensor cannot express it. */
function rawOf(v: number, p: ConversionParams, at: string, problem: Problem): number {
  let raw: number;
  try {
    raw = valueToRaw(v, p);
  } catch (e) {
    problem(at, (e as Error).message);
    return 0;
  }
  const { lo, hi } = valueRange(p);
  const step = (hi - lo) / 255;
  if (v < lo - step / 2 || v > hi + step / 2) problem(at, `${v} is outside what the sensor can report (${round(lo)}..${round(hi)})`);
  return raw;
}
const round = (v: number) => Math.round(v * 1000) / 1000;

function resolveSensors(raw: Record<string, RawSensor>, problem: Problem): SensorSpec[] {
  const out: SensorSpec[] = [];
  /** The profile key each sensor of a shared record came from. */
  const sharedFrom = new Map<SensorSpec, string>();
  const numbers = new Map<number, string>();
  for (const [key, s] of Object.entries(raw)) {
    const at = `/sensors/${escape(key)}`;
    // The key names the sensor in this file and to the control API; `name`, when given, is the
    // SDR ID string (real BMCs repeat ID strings: Dell's two CPU sensors are both "Temp").
    const name = s.name ?? key;
    if (!/^[\x20-\x7e]{1,16}$/.test(name)) problem(s.name === undefined ? at : `${at}/name`, 'a sensor name (its SDR ID string) is 1 to 16 printable ASCII characters');
    // A purely numeric key would be reordered by JavaScript objects (integer keys come first).
    if (/^\d+$/.test(key)) problem(at, 'a sensor key must not be a plain number');
    const num = s.number ?? 0;
    const other = numbers.get(num);
    if (other !== undefined) problem(`${at}/number`, `sensor number ${hex2(num)} is also used by /sensors/${escape(other)}`);
    else numbers.set(num, key);
    const sensorType = codeOf(s.type, `${at}/type`, 'sensor type', sensorTypeCode, problem) ?? 0;
    const analogHint = s.thresholds !== undefined || s.units !== undefined || s.initial !== undefined;
    const eventReadingType =
      s.eventType === undefined
        ? analogHint
          ? EventReadingType.threshold
          : EventReadingType.sensorSpecific
        : (codeOf(s.eventType, `${at}/eventType`, 'event/reading type', eventTypeByName, problem, 0x7f) ?? 0);
    const isThreshold = eventReadingType === EventReadingType.threshold;
    const record = s.record ?? (isThreshold ? 'full' : 'compact');
    const [entityId, entityInstance] = s.entity ?? [0x07, 1];
    if (entityInstance > 127) problem(`${at}/entity/1`, 'an entity instance is 0..127');
    const spec: SensorSpec = { key, name, number: num, record, entityId, entityInstance, sensorType, eventReadingType, assertionEvents: [], deassertionEvents: [] };
    const misplaced = (keys: (keyof RawSensor)[], why: string) => {
      for (const k of keys) if (s[k] !== undefined) problem(`${at}/${k}`, why);
    };
    if (isThreshold) {
      if (record === 'compact') problem(`${at}/record`, 'a compact record has no conversion factors: threshold sensors need record: full');
      misplaced(['states', 'readableStates', 'events', 'deassertEvents', 'bind'], 'only for discrete sensors');
      if (record === 'eventOnly') misplaced(['thresholds', 'initial', 'behaviour', 'whenOff'], 'an event-only sensor has no reading');
      else spec.analog = resolveAnalog(s, at, problem);
      if (spec.analog) {
        const events = spec.analog.readable.map((t) => thresholdEventOffset(t));
        spec.assertionEvents = events;
        spec.deassertionEvents = events;
      }
    } else {
      misplaced(
        ['units', 'format', 'linearization', 'factors', 'range', 'thresholds', 'readable', 'settable', 'hysteresis', 'nominal', 'normalMin', 'normalMax', 'initial', 'behaviour', 'jitter', 'whenOff'],
        'only for threshold sensors',
      );
      const d = resolveDiscrete(s, sensorType, eventReadingType, at, problem);
      spec.discrete = d.spec;
      spec.assertionEvents = d.events;
      spec.deassertionEvents = d.deassertEvents;
    }
    if (s.dcmi) {
      if (sensorType !== SensorType.temperature || !spec.analog) problem(`${at}/dcmi`, 'DCMI temperature roles are for threshold temperature sensors');
      else spec.dcmi = s.dcmi;
    }
    if (!s.share) {
      out.push(spec);
      continue;
    }
    if (record === 'full') {
      problem(`${at}/share`, 'only compact and event-only records are shared (v2.0 §43.2): give record: compact or eventOnly');
      out.push(spec);
      continue;
    }
    // One record, `count` sensors: each its own number, name, entity instance, state and events.
    const share = { count: s.share.count, modifierType: IdInstanceModifier[s.share.modifier ?? 'numeric'], offset: s.share.offset ?? 0, entityInstances: s.share.entityInstances ?? false, baseName: name };
    for (let i = 0; i < share.count; i++) {
      const suffix = idInstanceModifier(share.modifierType, share.offset + i);
      const member: SensorSpec = { ...spec, key: key + suffix, name: name + suffix, number: num + i, entityInstance: entityInstance + (share.entityInstances ? i : 0), share: { index: i, ...share } };
      if (spec.discrete) member.discrete = { ...spec.discrete, initial: [...spec.discrete.initial] };
      if (i > 0) {
        const taken = numbers.get(member.number);
        if (member.number > 254) problem(`${at}/share/count`, `the shared record runs past sensor number FEh (${share.count} sensors from ${hex2(num)})`);
        else if (taken !== undefined) problem(`${at}/share/count`, `sensor number ${hex2(member.number)} (${member.name}) is also used by /sensors/${escape(taken)}`);
        else numbers.set(member.number, key);
        if (member.entityInstance > 127) problem(`${at}/share/entityInstances`, `entity instance ${member.entityInstance} of ${member.name} is past 127`);
      }
      out.push(member);
      sharedFrom.set(member, key);
    }
  }
  // Shared records name their sensors by suffix; a suffixed key must not be another sensor's key.
  const keys = new Map<string, SensorSpec>();
  for (const sp of out) {
    const first = keys.get(sp.key);
    if (!first) keys.set(sp.key, sp);
    else problem(`/sensors/${escape(sharedFrom.get(first) ?? sharedFrom.get(sp) ?? sp.key)}/share`, `sensor key "${sp.key}" is used twice (a shared record's sensors are named by its key plus their instance modifier)`);
  }
  checkFollows(out, problem);
  return out;
}

function resolveAnalog(s: RawSensor, at: string, problem: Problem): AnalogSensorSpec {
  const format = AnalogDataFormat[s.format ?? 'unsigned'];
  let factors = { m: 1, b: 0, bExp: 0, rExp: 0 };
  if (s.factors && s.range) problem(`${at}/range`, 'give factors or range, not both');
  if (s.factors) factors = { m: s.factors.m, b: s.factors.b ?? 0, bExp: s.factors.bExp ?? 0, rExp: s.factors.rExp ?? 0 };
  else if (s.range) {
    try {
      factors = deriveFactors(s.range[0], s.range[1], format);
    } catch (e) {
      problem(`${at}/range`, (e as Error).message);
    }
  }
  const linearization = Linearization[s.linearization ?? 'linear'];
  const p: ConversionParams = { ...factors, linearization, analogDataFormat: format };
  if (factors.m === 0) problem(`${at}/factors/m`, 'M must not be 0');
  const thresholds: Partial<Record<ThresholdName, number>> = {};
  for (const [k, v] of Object.entries(s.thresholds ?? {}) as [(typeof THRESHOLD_KEYS)[number], number][]) {
    thresholds[THRESHOLD_BY_KEY[k]] = v;
    if (factors.m !== 0) rawOf(v, p, `${at}/thresholds/${k}`, problem);
  }
  const present = THRESHOLDS.filter((t) => thresholds[t] !== undefined);
  const names = (keys: (typeof THRESHOLD_KEYS)[number][] | undefined, field: string) => {
    if (!keys) return undefined;
    keys.forEach((k, i) => {
      if (thresholds[THRESHOLD_BY_KEY[k]] === undefined) problem(`${at}/${field}/${i}`, `threshold ${k} has no value in thresholds`);
    });
    return THRESHOLDS.filter((t) => keys.some((k) => THRESHOLD_BY_KEY[k] === t));
  };
  const readable = names(s.readable, 'readable') ?? present;
  const settable = names(s.settable, 'settable') ?? readable;
  const initial = s.initial ?? s.nominal;
  if (initial === undefined) problem(`${at}/initial`, 'required field is missing (the reading at start, in units)');
  else if (factors.m !== 0) rawOf(initial, p, `${at}/initial`, problem);
  for (const k of ['nominal', 'normalMin', 'normalMax'] as const) if (s[k] !== undefined && factors.m !== 0) rawOf(s[k]!, p, `${at}/${k}`, problem);
  const whenOff = s.whenOff && { value: s.whenOff.value ?? 0, tauSec: s.whenOff.tauSec ?? 0, unavailable: s.whenOff.unavailable ?? false };
  return {
    units: unitsOf(s.units, `${at}/units`, problem),
    format,
    linearization,
    factors,
    tolerance: s.tolerance ?? 0,
    accuracy: s.accuracy ?? 0,
    accuracyExp: s.accuracyExp ?? 0,
    thresholds,
    readable,
    settable,
    hysteresis: { positive: s.hysteresis?.positive ?? 0, negative: s.hysteresis?.negative ?? 0 },
    nominal: s.nominal,
    normalMin: s.normalMin,
    normalMax: s.normalMax,
    initial: initial ?? 0,
    behaviour: behaviourOf(s.behaviour, `${at}/behaviour`, problem),
    jitter: s.jitter ?? 0,
    whenOff,
  };
}

export const BIND_TYPES: Record<NonNullable<DiscreteSensorSpec['bind']>, number[]> = {
  power: [SensorType.systemAcpiPowerState, SensorType.powerUnit, SensorType.systemBootInitiated],
  watchdog: [SensorType.watchdog2],
  sel: [SensorType.eventLoggingDisabled],
};

function resolveDiscrete(s: RawSensor, sensorType: number, eventType: number, at: string, problem: Problem) {
  const names = stateNames(eventType, sensorType);
  const offsets = (list: unknown[] | undefined, field: string) =>
    list?.map((v, i) => stateOf(v, names, `${at}/${field}/${i}`, problem)).filter((o): o is number => o !== undefined);
  const all = names.length ? names.map((_, i) => i) : [0];
  const readable = offsets(s.readableStates, 'readableStates') ?? all;
  const initial = offsets(s.states, 'states') ?? [];
  initial.forEach((o, i) => {
    if (!readable.includes(o)) problem(`${at}/states/${i}`, `state ${o} is not in readableStates`);
  });
  const events = offsets(s.events, 'events') ?? readable;
  const deassertEvents = offsets(s.deassertEvents, 'deassertEvents') ?? events;
  if (s.bind && !BIND_TYPES[s.bind].includes(sensorType))
    problem(`${at}/bind`, `bind: ${s.bind} is for sensor types ${BIND_TYPES[s.bind].map((t) => `${sensorTypeName(t)} (${hex2(t)})`).join(', ')}`);
  if (s.bind && eventType !== EventReadingType.sensorSpecific) problem(`${at}/bind`, 'a bound sensor reports the sensor-specific states of its type (eventType: sensor-specific)');
  const spec: DiscreteSensorSpec = { initial, readable, bind: s.bind };
  return { spec, events, deassertEvents };
}

/** Follow sources exist, are threshold sensors with readings, and do not form a loop. */
function checkFollows(sensors: SensorSpec[], problem: Problem): void {
  const byKey = new Map(sensors.map((s) => [s.key, s]));
  const sourceOf = (s: SensorSpec) => (s.analog?.behaviour.kind === 'follow' ? s.analog.behaviour.source : undefined);
  for (const s of sensors) {
    const src = sourceOf(s);
    if (src === undefined) continue;
    const at = `/sensors/${escape(s.key)}/behaviour/source`;
    if ((FOLLOW_SOURCES as readonly string[]).includes(src)) continue;
    const target = byKey.get(src);
    if (!target?.analog) {
      problem(at, `"${src}" is not a threshold sensor of this profile, nor one of: ${FOLLOW_SOURCES.join(', ')}`);
      continue;
    }
    const seen = [s.key];
    for (let cur: string | undefined = src; cur !== undefined && byKey.has(cur); cur = sourceOf(byKey.get(cur)!)) {
      if (seen.includes(cur)) {
        problem(at, `follow loop: ${[...seen, cur].join(' -> ')}`);
        break;
      }
      seen.push(cur);
    }
  }
}

function resolveFru(raw: Record<string, RawFru>, problem: Problem): FruDeviceSpec[] {
  const out: FruDeviceSpec[] = [];
  for (const [key, f] of Object.entries(raw)) {
    const at = `/fru/${key}`;
    const id = Number(key);
    if (id > 254) {
      problem(at, 'a FRU device ID is 0..254');
      continue;
    }
    let image: Buffer | undefined;
    if (f.raw !== undefined) {
      for (const k of ['internalUse', 'chassis', 'board', 'product', 'powerSupplies'] as const) if (f[k] !== undefined) problem(`${at}/${k}`, 'give raw or the areas, not both');
      image = Buffer.from(f.raw, 'hex');
      try {
        decodeFru(image);
      } catch (e) {
        problem(`${at}/raw`, `not a FRU image: ${(e as Error).message}`);
      }
    } else {
      try {
        image = encodeFru(fruImageOf(f, at, problem));
      } catch (e) {
        problem(at, (e as Error).message);
      }
    }
    const len = image?.length ?? 0;
    const size = f.size ?? Math.max(HARDWARE_DEFAULTS.fruSize, Math.ceil(len / 64) * 64);
    if (len > size) problem(`${at}/size`, `the image is ${len} bytes, more than size ${size}`);
    const [entityId, entityInstance] = f.entity ?? [0x07, 1];
    out.push({
      id,
      name: f.name ?? (id === 0 ? 'Builtin FRU' : `FRU ${id}`),
      size,
      writable: f.writable ?? true,
      entityId,
      entityInstance,
      image: image && len <= size ? Buffer.concat([image, Buffer.alloc(size - len)]).toString('hex') : '',
    });
  }
  return out.sort((a, b) => a.id - b.id);
}

const CHASSIS_TYPES = Array.from({ length: 0x1e }, (_, i) => fruChassisTypeName(i));

function fruImageOf(f: RawFru, at: string, problem: Problem): FruImage {
  const img: FruImage = {};
  if (f.internalUse !== undefined) img.internalUse = Buffer.from(f.internalUse, 'hex');
  if (f.chassis) {
    const c = f.chassis;
    const byName = (n: string) => {
      const i = CHASSIS_TYPES.findIndex((t) => t.toLowerCase() === n.toLowerCase());
      return i < 0 ? undefined : i;
    };
    img.chassis = {
      chassisType: c.type === undefined ? 0x17 : (codeOf(c.type, `${at}/chassis/type`, 'chassis type', byName, problem) ?? 0),
      partNumber: c.partNumber ?? '',
      serialNumber: c.serialNumber ?? '',
      custom: c.custom ?? [],
    };
  }
  if (f.board) {
    const b = f.board;
    let mfgDateMinutes = 0;
    if (b.mfgDate !== undefined) {
      const d = new Date(b.mfgDate);
      if (Number.isNaN(d.getTime())) problem(`${at}/board/mfgDate`, 'must be an ISO 8601 date-time like 2021-06-15T08:30:00Z');
      else
        try {
          mfgDateMinutes = dateToFruMinutes(d);
        } catch (e) {
          problem(`${at}/board/mfgDate`, (e as Error).message);
        }
    }
    img.board = {
      languageCode: 0,
      mfgDateMinutes,
      manufacturer: b.manufacturer ?? '',
      productName: b.productName ?? '',
      serialNumber: b.serialNumber ?? '',
      partNumber: b.partNumber ?? '',
      fruFileId: b.fruFileId ?? '',
      custom: b.custom ?? [],
    };
  }
  if (f.product) {
    const p = f.product;
    img.product = {
      languageCode: 0,
      manufacturer: p.manufacturer ?? '',
      productName: p.name ?? '',
      partNumber: p.partNumber ?? '',
      version: p.version ?? '',
      serialNumber: p.serialNumber ?? '',
      assetTag: p.assetTag ?? '',
      fruFileId: p.fruFileId ?? '',
      custom: p.custom ?? [],
    };
  }
  if (f.powerSupplies?.length) img.multiRecords = f.powerSupplies.map(powerSupplyRecord);
  return img;
}

function powerSupplyRecord(p: NonNullable<RawFru['powerSupplies']>[number]): FruMultiRecord {
  const v10mV = (v: number | undefined) => Math.round((v ?? 0) * 100);
  const [r1, r2] = p.inputVoltage ?? [[100, 240]];
  return {
    kind: 'powerSupply',
    powerSupply: {
      overallCapacityWatts: p.capacityWatts,
      peakVa: p.peakVa ?? 0xffff,
      inrushCurrent: p.inrushCurrentAmps ?? 0xff,
      inrushIntervalMs: p.inrushIntervalMs ?? 0,
      inputVoltageRange1Low10mV: v10mV(r1[0]),
      inputVoltageRange1High10mV: v10mV(r1[1]),
      inputVoltageRange2Low10mV: v10mV(r2?.[0]),
      inputVoltageRange2High10mV: v10mV(r2?.[1]),
      inputFrequencyLowHz: p.frequencyHz?.[0] ?? 50,
      inputFrequencyHighHz: p.frequencyHz?.[1] ?? 60,
      inputDropoutToleranceMs: p.dropoutToleranceMs ?? 10,
      flags: {
        tachometerPulsesPerRotation: false,
        hotSwap: p.hotSwap ?? true,
        autoswitch: p.autoswitch ?? true,
        powerFactorCorrection: p.powerFactorCorrection ?? true,
        predictiveFailSupport: p.predictiveFailure ?? false,
      },
      peakWattage: { holdUpTimeSeconds: p.holdUpSec ?? 0, peakCapacityWatts: p.peakWatts ?? p.capacityWatts },
      combinedWattage: { voltage1: 0, voltage2: 0 },
      totalCombinedWatts: 0,
      predictiveFailTachometerLowerThreshold: 0,
    },
  };
}

export function resolveSel(raw: NonNullable<RawHardware['sel']>, sensors: SensorSpec[], problem: Problem): SelSpec {
  const byKey = new Map(sensors.map((s) => [s.key, s]));
  const entries: SelEntrySpec[] = [];
  (raw.entries ?? []).forEach((e, i) => {
    const at = `/sel/entries/${i}`;
    const sensor = e.sensor === undefined ? undefined : byKey.get(e.sensor);
    if (e.sensor !== undefined && !sensor) return problem(`${at}/sensor`, `no sensor "${e.sensor}" in this profile`);
    if (sensor) for (const k of ['sensorType', 'sensorNumber', 'eventType'] as const) if (e[k] !== undefined) problem(`${at}/${k}`, 'comes from the sensor named');
    if (!sensor && (e.sensorType === undefined || e.sensorNumber === undefined)) return problem(at, 'name a sensor, or give sensorType and sensorNumber');
    const sensorType = sensor?.sensorType ?? codeOf(e.sensorType, `${at}/sensorType`, 'sensor type', sensorTypeCode, problem) ?? 0;
    const eventType =
      sensor?.eventReadingType ??
      (e.eventType === undefined ? EventReadingType.sensorSpecific : (codeOf(e.eventType, `${at}/eventType`, 'event/reading type', eventTypeByName, problem, 0x7f) ?? 0));
    const names = eventType === EventReadingType.threshold ? Array.from({ length: 12 }, (_, o) => eventOffsetName(1, 0, o)!) : stateNames(eventType, sensorType);
    if (e.event === undefined) return problem(`${at}/event`, 'required field is missing (an offset or its name)');
    const offset = stateOf(e.event, names, `${at}/event`, problem) ?? 0;
    let data: [number, number, number] = [offset, 0xff, 0xff];
    if (eventType === EventReadingType.threshold) {
      const a = sensor?.analog;
      const t = THRESHOLDS[offset >> 1];
      const threshold = a?.thresholds[t];
      if (!a || threshold === undefined) {
        if (!e.eventData) problem(`${at}/event`, `a threshold event needs a sensor with a ${t} threshold, or eventData`);
      } else {
        const p = { ...a.factors, linearization: a.linearization, analogDataFormat: a.format };
        // v2.0 Table 29-6: [7:6] 01b trigger reading in byte 2, [5:4] 01b trigger threshold in byte 3.
        data = [0x50 | offset, rawOf(e.reading ?? threshold, p, `${at}/reading`, problem), valueToRaw(threshold, p)];
      }
    } else if (e.reading !== undefined) problem(`${at}/reading`, 'only threshold events carry a reading');
    entries.push({
      secondsAgo: e.secondsAgo ?? 0,
      generatorId: e.generatorId ?? BMC_GENERATOR_ID,
      sensorType,
      sensorNumber: sensor?.number ?? e.sensorNumber ?? 0,
      eventType,
      deassertion: e.deassert ?? false,
      eventData: e.eventData ?? data,
    });
  });
  const capacity = raw.capacity ?? HARDWARE_DEFAULTS.sel.capacity;
  if (entries.length > capacity) problem('/sel/entries', `${entries.length} entries do not fit a SEL of capacity ${capacity}`);
  return { capacity, clock: raw.clock ?? HARDWARE_DEFAULTS.sel.clock, utcOffsetMinutes: raw.utcOffsetMinutes, initialEntries: entries };
}

function resolveDcmi(raw: NonNullable<RawHardware['dcmi']>, ctx: HardwareContext, problem: Problem): DcmiSpec {
  const D = HARDWARE_DEFAULTS.dcmi;
  const power = { ...D.power, ...raw.power };
  if (power.idleWatts > power.maxWatts) problem('/dcmi/power/idleWatts', `idle (${power.idleWatts} W) is above max (${power.maxWatts} W)`);
  const l = raw.powerLimit ?? {};
  const periods = raw.rollingAveragePeriodsSec ?? D.rollingAveragePeriodsSec;
  periods.forEach((s, i) => {
    if (!dcmiPeriodFits(s)) problem(`/dcmi/rollingAveragePeriodsSec/${i}`, `${s} s is not a whole number (1..63) of seconds, minutes, hours or days`);
  });
  return {
    power,
    powerLimit: {
      watts: l.watts ?? power.maxWatts,
      correctionTimeMs: l.correctionTimeMs ?? D.correctionTimeMs,
      samplingPeriodSec: l.samplingPeriodSec ?? D.samplingPeriodSec,
      exceptionAction: EXCEPTION_ACTION_CODES[l.exceptionAction ?? 'none'],
      active: l.active ?? false,
    },
    statisticsPeriodSec: raw.statisticsPeriodSec ?? D.statisticsPeriodSec,
    assetTag: raw.assetTag,
    mcIdString: raw.mcIdString ?? ctx.productName ?? ctx.profileId,
    rollingAveragePeriodsSec: periods,
    temperatureSamplingSec: raw.temperatureSamplingSec ?? D.temperatureSamplingSec,
  };
}

/** The DCMI time period byte (DCMI v1.5 Table 6-3 parameter 5): [7:6] unit s/min/h/day, [5:0] 1..63. */
export function dcmiPeriod(seconds: number): { units: number; duration: number } | undefined {
  const units = [1, 60, 3600, 86400];
  for (let u = 0; u < 4; u++) if (seconds % units[u] === 0 && seconds / units[u] >= 1 && seconds / units[u] <= 63) return { units: u, duration: seconds / units[u] };
  return undefined;
}
const dcmiPeriodFits = (s: number) => dcmiPeriod(s) !== undefined;

function resolveSimulation(raw: NonNullable<RawHardware['simulation']>, ctx: HardwareContext, problem: Problem): SimulationSpec {
  const load = raw.load ?? {};
  const behaviour = behaviourOf(load.behaviour, '/simulation/load/behaviour', problem);
  if (behaviour.kind === 'follow') problem('/simulation/load/behaviour/kind', 'the load cannot follow anything');
  return {
    scanIntervalMs: raw.scanIntervalMs ?? HARDWARE_DEFAULTS.scanIntervalMs,
    load: { initial: load.initial ?? HARDWARE_DEFAULTS.load, behaviour, jitter: load.jitter ?? 0 },
    seed: raw.seed ?? `${ctx.profileId}\0${ctx.deviceName ?? ''}`,
  };
}
