import { CompletionCodeError } from '../../lib/errors';
import { THRESHOLDS, ThresholdName } from '../../codec/sensor/thresholds';
import { EventReadingType } from '../../codec/sensor/event-types';
import type { CimValue } from '../types';
import type { Semantics } from '../classes/define';
import type { ReadingResult, ThresholdResult } from '../cache';
import type { SensorReading, ThresholdValues } from '../sources/types';
import type { SensorDef, NumericDef } from './sdr';
import { cimSensorType } from './units';
import { entityText, offsetText, sensorTypeText } from './texts';
import { Health, setStatus } from './status';
import { worstOffset } from './discrete';

/**
 * SDR + Get Sensor Reading (+ Get Sensor Thresholds) -> the properties of Sensor and
 * NumericSensor (research note cim-model.md §2.1, §2.2, §2.5).
 */

/** CIM threshold enum (SupportedThresholds ValueMap) for each IPMI threshold, and the property and state names. */
const CIM_THRESHOLD: Record<ThresholdName, { value: number; prop: string; state: string }> = {
  lowerNonCritical: { value: 0, prop: 'LowerThresholdNonCritical', state: 'Lower Non-Critical' },
  upperNonCritical: { value: 1, prop: 'UpperThresholdNonCritical', state: 'Upper Non-Critical' },
  lowerCritical: { value: 2, prop: 'LowerThresholdCritical', state: 'Lower Critical' },
  upperCritical: { value: 3, prop: 'UpperThresholdCritical', state: 'Upper Critical' },
  // IPMI "non-recoverable" is CIM "fatal".
  lowerNonRecoverable: { value: 4, prop: 'LowerThresholdFatal', state: 'Lower Fatal' },
  upperNonRecoverable: { value: 5, prop: 'UpperThresholdFatal', state: 'Upper Fatal' },
};
/** Thresholds in CIM enum order (0 LNC, 1 UNC, 2 LC, 3 UC, 4 LNR, 5 UNR). */
export const CIM_ORDER: readonly ThresholdName[] = [...THRESHOLDS].sort((a, b) => CIM_THRESHOLD[a].value - CIM_THRESHOLD[b].value);
export const THRESHOLD_PROPERTIES: Readonly<Record<string, ThresholdName>> = Object.fromEntries(
  THRESHOLDS.map((t) => [CIM_THRESHOLD[t].prop, t]),
);

/** Properties that come from Get Sensor Reading. */
export const READING_PROPERTIES = [
  'CurrentReading', 'CurrentState', 'HealthState', 'OperationalStatus', 'StatusDescriptions', 'Status', 'EnabledState',
  'PrimaryStatus', 'DetailedStatus', 'CommunicationStatus',
];
/** Properties that come from Get Sensor Thresholds. */
export const THRESHOLD_VALUE_PROPERTIES = Object.keys(THRESHOLD_PROPERTIES);

export interface SensorInputs {
  semantics: Semantics;
  systemClass: string;
  className: string;
  device: string;
  maxAgeMs: number;
  /** The reading, a completion code, or undefined when readings were not loaded. */
  reading?: ReadingResult;
  readingsLoaded: boolean;
  thresholds?: ThresholdResult;
  /** Why the device is unreachable, when it is. */
  lost?: string;
}

const masked = (mask: number): ThresholdName[] => THRESHOLDS.filter((_, i) => mask & (1 << i));
const cimList = (names: ThresholdName[]): number[] => names.map((t) => CIM_THRESHOLD[t].value).sort((a, b) => a - b);

/**
 * The mapping writes straight into the instance's property record (already holding every
 * property of the class, null or default): building each sensor through intermediate objects
 * and spreads cost ~30 us a sensor, direct writes ~1 us (scripts/bench/model.ts).
 */
type Props = Record<string, CimValue>;

/** Everything both Sensor and NumericSensor publish. */
function fillCommon(p: Props, def: SensorDef, inp: SensorInputs): void {
  const typeText = sensorTypeText(def.sensorType);
  const sensorType = cimSensorType(def.sensorType, def.unit?.base ?? 0, inp.semantics);
  p.SystemCreationClassName = inp.systemClass;
  p.SystemName = inp.device;
  p.CreationClassName = inp.className;
  p.DeviceID = def.deviceId;
  p.Name = def.name;
  p.ElementName = def.name;
  // MS-IPMIPrv (Sensor class): Caption "<sensor type>(<DeviceID>)", Description
  // "<name>(<DeviceID>):<sensor type> for <entity> <instance>".
  p.Caption = `${typeText}(${def.deviceId})`;
  p.Description = `${def.name}(${def.deviceId}):${typeText} for ${entityText(def.entityId)} ${def.entityInstance}`;
  p.SensorType = sensorType;
  p.OtherSensorTypeDescription = sensorType === 1 ? typeText : null;
  p.IdentifyingDescriptions = ['IPMI Entity ID', 'IPMI Entity Instance'];
  p.OtherIdentifyingInfo = [String(def.entityId), String(def.entityInstance)];
  // Readings are at most this old (repository max age), in nanoseconds.
  p.PollingInterval = inp.maxAgeMs * 1e6;
}

/** The reading's usable state, or why there is none. */
type ReadingState = { ok: SensorReading } | { health: Health; detail?: string; enabled: number };
function readingState(def: SensorDef, inp: SensorInputs): ReadingState | undefined {
  if (!def.readable) return undefined;
  if (inp.lost) return { health: 'lost', detail: inp.lost, enabled: 0 };
  if (!inp.readingsLoaded) return undefined;
  const r = inp.reading;
  if (r === undefined) return { health: 'unknown', enabled: 0 };
  if (r instanceof CompletionCodeError) return { health: 'unknown', detail: r.message, enabled: 0 };
  // Get Sensor Reading byte 3 (v2.0 Table 35-15): [6] scanning enabled, [5] reading unavailable.
  if (!r.scanningEnabled) return { health: 'disabled', detail: 'sensor scanning disabled', enabled: 3 };
  if (r.unavailable) return { health: 'unknown', detail: 'reading unavailable', enabled: 2 };
  return { ok: r };
}

/** State properties for a health without a usable reading. */
function fillUnreadable(p: Props, s: Exclude<ReadingState, { ok: SensorReading }>): void {
  setStatus(p, s.health, s.detail);
  p.CurrentState = 'Unknown';
  p.EnabledState = s.enabled;
}

/** Threshold comparison bits (Get Sensor Reading byte 4 [5:0]) -> the state and health. ipmitool's order: lower before upper. */
const SEVERITY_ORDER: ReadonlyArray<[number, string, Health]> = (
  [
    ['lowerNonRecoverable', 'fatal'],
    ['upperNonRecoverable', 'fatal'],
    ['lowerCritical', 'critical'],
    ['upperCritical', 'critical'],
    ['lowerNonCritical', 'nonCritical'],
    ['upperNonCritical', 'nonCritical'],
  ] as Array<[ThresholdName, Health]>
).map(([t, h]) => [1 << THRESHOLDS.indexOf(t), CIM_THRESHOLD[t].state, h]);
function fillThresholdState(p: Props, states: number): void {
  const hit = SEVERITY_ORDER.find(([bit]) => states & bit);
  setStatus(p, hit ? hit[2] : 'ok');
  p.CurrentState = hit ? hit[1] : 'Normal';
  p.EnabledState = 2;
}

/** PossibleStates of a threshold sensor: Unknown, Normal, then one per readable threshold in CIM order. */
function thresholdPossibleStates(readable: ThresholdName[]): string[] {
  return ['Unknown', 'Normal', ...CIM_ORDER.filter((t) => readable.includes(t)).map((t) => CIM_THRESHOLD[t].state)];
}

/** What a numeric sensor publishes from its SDR alone, computed once per SensorDef. */
interface NumericStatic {
  BaseUnits: number;
  UnitModifier: number;
  RateUnits: number;
  IsLinear: boolean;
  NominalReading: number | null;
  NormalMax: number | null;
  NormalMin: number | null;
  MaxReadable: number;
  MinReadable: number;
  Resolution: number;
  Tolerance: number;
  Accuracy: number;
  Hysteresis: number | null;
  SupportedThresholds: number[];
  SettableThresholds: number[];
  EnabledThresholds: number[];
  PossibleStates: string[];
}
const numericStatic = new WeakMap<SensorDef, NumericStatic>();
function staticNumeric(def: SensorDef): NumericStatic {
  let got = numericStatic.get(def);
  if (got) return got;
  const n = def.numeric!;
  const s = n.scale;
  const sdr = n.sdr;
  const readable = masked(n.readableMask);
  got = {
    BaseUnits: n.baseUnits,
    UnitModifier: s.unitModifier,
    RateUnits: n.rateUnits,
    IsLinear: s.linear,
    // v2.0 Table 43-1 byte 31: which of the nominal / normal max / normal min bytes are given.
    NominalReading: sdr.analogFlags.nominalSpecified ? s.value(sdr.nominalReading) : null,
    NormalMax: sdr.analogFlags.normalMaxSpecified ? s.value(sdr.normalMaximum) : null,
    NormalMin: sdr.analogFlags.normalMinSpecified ? s.value(sdr.normalMinimum) : null,
    // Sensor Maximum/Minimum Reading bytes; with a negative M the larger raw byte is the smaller value.
    MaxReadable: Math.max(s.value(sdr.sensorMaximum), s.value(sdr.sensorMinimum)),
    MinReadable: Math.min(s.value(sdr.sensorMaximum), s.value(sdr.sensorMinimum)),
    // One raw count, in property units (research note §2.2 [R]).
    Resolution: s.span(1),
    // Tolerance is in +/- half raw counts (v2.0 Table 43-1 byte 26).
    Tolerance: s.span(sdr.factors.tolerance / 2),
    // Accuracy: 1/100 percent units times 10^exp (Table 43-1 bytes 28-29); CIM's unit is hundredths of percent.
    Accuracy: sdr.factors.accuracy * 10 ** sdr.factors.accuracyExp,
    // Positive-going hysteresis (CIM has one value); null when the sensor has no hysteresis.
    Hysteresis: sdr.sensorCapabilities.hysteresisSupport === 0 ? null : s.span(sdr.positiveHysteresis),
    SupportedThresholds: cimList(readable),
    SettableThresholds: cimList(masked(n.settableMask)),
    EnabledThresholds: cimList(readable.filter((t) => sdr.assertionMask & enabledBits(t))),
    PossibleStates: thresholdPossibleStates(readable),
  };
  numericStatic.set(def, got);
  return got;
}

/** NumericSensor: a threshold sensor with an analog reading. */
export function fillNumericSensor(p: Props, def: SensorDef, inp: SensorInputs): void {
  const n = def.numeric!;
  const st = staticNumeric(def);
  fillCommon(p, def, inp);
  // Named stores (not a loop over keys): this is the model's hot path.
  p.BaseUnits = st.BaseUnits;
  p.UnitModifier = st.UnitModifier;
  p.RateUnits = st.RateUnits;
  p.IsLinear = st.IsLinear;
  p.NominalReading = st.NominalReading;
  p.NormalMax = st.NormalMax;
  p.NormalMin = st.NormalMin;
  p.MaxReadable = st.MaxReadable;
  p.MinReadable = st.MinReadable;
  p.Resolution = st.Resolution;
  p.Tolerance = st.Tolerance;
  p.Accuracy = st.Accuracy;
  p.Hysteresis = st.Hysteresis;
  p.SupportedThresholds = st.SupportedThresholds.slice();
  p.SettableThresholds = st.SettableThresholds.slice();
  p.EnabledThresholds = st.EnabledThresholds.slice();
  p.PossibleStates = st.PossibleStates.slice();
  fillThresholds(p, n, inp.thresholds);
  const rs = readingState(def, inp);
  if (rs && 'ok' in rs) {
    fillThresholdState(p, rs.ok.states);
    p.CurrentReading = n.scale.value(rs.ok.raw);
  } else if (rs) fillUnreadable(p, rs);
}

/** Assertion mask bits of a threshold's two events (going low, going high): offsets 2i and 2i+1 (v2.0 Table 42-2). */
function enabledBits(t: ThresholdName): number {
  return 3 << (2 * THRESHOLDS.indexOf(t));
}

/** The six threshold properties: live values (Get Sensor Thresholds) or, for fixed thresholds, the SDR's. */
function fillThresholds(p: Props, n: NumericDef, result: ThresholdResult | undefined): void {
  let raw: ThresholdValues | undefined;
  if (n.thresholdsFixed) raw = n.sdr.thresholds;
  else if (result && !(result instanceof CompletionCodeError)) raw = result;
  else if (result === undefined) return;
  const m = n.readableMask;
  const v = (bit: number, raw: number | undefined) => (m & bit && raw !== undefined ? n.scale.value(raw) : null);
  // Mask bits (v2.0 Table 35-9): [0] LNC, [1] LC, [2] LNR, [3] UNC, [4] UC, [5] UNR.
  p.LowerThresholdNonCritical = v(0x01, raw?.lowerNonCritical);
  p.LowerThresholdCritical = v(0x02, raw?.lowerCritical);
  p.LowerThresholdFatal = v(0x04, raw?.lowerNonRecoverable);
  p.UpperThresholdNonCritical = v(0x08, raw?.upperNonCritical);
  p.UpperThresholdCritical = v(0x10, raw?.upperCritical);
  p.UpperThresholdFatal = v(0x20, raw?.upperNonRecoverable);
}

/** The discrete offsets a sensor can be in: the SDR reading mask, else its event masks, else every offset its type defines. */
function discreteOffsets(def: SensorDef): number[] {
  const rec = def.record;
  let mask = rec.kind === 'eventOnly' ? 0 : rec.readingMask & 0x7fff;
  if (!mask && rec.kind !== 'eventOnly') mask = (rec.assertionMask | rec.deassertionMask) & 0x7fff;
  const out: number[] = [];
  for (let o = 0; o < 15; o++) {
    const named = offsetText(def.eventReadingType, def.sensorType, o) !== undefined;
    if (mask ? mask & (1 << o) : named) out.push(o);
  }
  return out;
}

function offsetName(def: SensorDef, o: number): string {
  return offsetText(def.eventReadingType, def.sensorType, o) ?? `State ${o}`;
}

/**
 * Sensor: discrete sensors, event-only sensors, and threshold sensors without an analog reading
 * or conversion factors (compact records). PossibleStates are the names of the offsets the
 * sensor can assert (v2.0 Tables 42-2/42-3) after "Unknown" and "Normal"; CurrentState is the
 * most severe asserted one ("Normal" when none is). Event-only sensors have no reading: no
 * CurrentState and no health (EnabledState stays 5 Not Applicable).
 */
export function fillSensor(p: Props, def: SensorDef, inp: SensorInputs): void {
  fillCommon(p, def, inp);
  const rs = readingState(def, inp);
  if (def.eventReadingType === EventReadingType.threshold) {
    const readable = def.record.kind === 'eventOnly' ? [] : masked(def.record.readingMask & 0x3f);
    p.PossibleStates = thresholdPossibleStates(readable);
    if (rs && 'ok' in rs) fillThresholdState(p, rs.ok.states);
    else if (rs) fillUnreadable(p, rs);
    return;
  }
  p.PossibleStates = ['Unknown', 'Normal', ...discreteOffsets(def).map((o) => offsetName(def, o))];
  if (rs && 'ok' in rs) {
    // Get Sensor Reading bytes 4-5: asserted discrete states [14:0].
    const worst = worstOffset(def.eventReadingType, def.sensorType, rs.ok.states & 0x7fff);
    setStatus(p, worst?.severity ?? 'ok');
    p.CurrentState = worst ? offsetName(def, worst.offset) : 'Normal';
    p.EnabledState = 2;
  } else if (rs) fillUnreadable(p, rs);
}
