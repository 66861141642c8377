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
import { Health, statusProperties } from './status';
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

/** Everything both Sensor and NumericSensor publish. */
function common(def: SensorDef, inp: SensorInputs): Record<string, CimValue | undefined> {
  const typeText = sensorTypeText(def.sensorType);
  const sensorType = cimSensorType(def.sensorType, def.unit?.base ?? 0, inp.semantics);
  return {
    SystemCreationClassName: inp.systemClass,
    SystemName: inp.device,
    CreationClassName: inp.className,
    DeviceID: def.deviceId,
    Name: def.name,
    ElementName: def.name,
    // MS-IPMIPrv (Sensor class): Caption "<sensor type>(<DeviceID>)", Description
    // "<name>(<DeviceID>):<sensor type> for <entity> <instance>".
    Caption: `${typeText}(${def.deviceId})`,
    Description: `${def.name}(${def.deviceId}):${typeText} for ${entityText(def.entityId)} ${def.entityInstance}`,
    SensorType: sensorType,
    OtherSensorTypeDescription: sensorType === 1 ? typeText : null,
    IdentifyingDescriptions: ['IPMI Entity ID', 'IPMI Entity Instance'],
    OtherIdentifyingInfo: [String(def.entityId), String(def.entityInstance)],
    // Readings are at most this old (repository max age), in nanoseconds.
    PollingInterval: inp.maxAgeMs * 1e6,
  };
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
function unreadable(s: Exclude<ReadingState, { ok: SensorReading }>): Record<string, CimValue> {
  return { ...statusProperties(s.health, s.detail), CurrentState: 'Unknown', EnabledState: s.enabled };
}

/** Threshold comparison bits (Get Sensor Reading byte 4 [5:0]) -> the state and health. ipmitool's order: lower before upper. */
function thresholdState(states: number): { state: string; health: Health } {
  const order: Array<[ThresholdName, Health]> = [
    ['lowerNonRecoverable', 'fatal'],
    ['upperNonRecoverable', 'fatal'],
    ['lowerCritical', 'critical'],
    ['upperCritical', 'critical'],
    ['lowerNonCritical', 'nonCritical'],
    ['upperNonCritical', 'nonCritical'],
  ];
  for (const [t, health] of order) if (states & (1 << THRESHOLDS.indexOf(t))) return { state: CIM_THRESHOLD[t].state, health };
  return { state: 'Normal', health: 'ok' };
}

/** PossibleStates of a threshold sensor: Unknown, Normal, then one per readable threshold in CIM order. */
function thresholdPossibleStates(readable: ThresholdName[]): string[] {
  return ['Unknown', 'Normal', ...CIM_ORDER.filter((t) => readable.includes(t)).map((t) => CIM_THRESHOLD[t].state)];
}

/** NumericSensor: a threshold sensor with an analog reading. */
export function numericSensorProperties(def: SensorDef, inp: SensorInputs): Record<string, CimValue | undefined> {
  const n = def.numeric!;
  const s = n.scale;
  const sdr = n.sdr;
  const readable = masked(n.readableMask);
  const values: Record<string, CimValue | undefined> = {
    ...common(def, inp),
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
    ...thresholdProperties(n, inp.thresholds),
  };
  const rs = readingState(def, inp);
  if (rs && 'ok' in rs) {
    const { state, health } = thresholdState(rs.ok.states);
    Object.assign(values, statusProperties(health), { CurrentReading: s.value(rs.ok.raw), CurrentState: state, EnabledState: 2 });
  } else if (rs) Object.assign(values, unreadable(rs));
  return values;
}

/** Assertion mask bits of a threshold's two events (going low, going high): offsets 2i and 2i+1 (v2.0 Table 42-2). */
function enabledBits(t: ThresholdName): number {
  return 3 << (2 * THRESHOLDS.indexOf(t));
}

/** The six threshold properties: live values (Get Sensor Thresholds) or, for fixed thresholds, the SDR's. */
function thresholdProperties(n: NumericDef, result: ThresholdResult | undefined): Record<string, CimValue | undefined> {
  let raw: ThresholdValues | undefined;
  if (n.thresholdsFixed) raw = n.sdr.thresholds;
  else if (result && !(result instanceof CompletionCodeError)) raw = result;
  else if (result === undefined) return {};
  const out: Record<string, CimValue> = {};
  for (const t of THRESHOLDS) {
    const readable = (n.readableMask & (1 << THRESHOLDS.indexOf(t))) !== 0;
    const v = raw?.[t];
    out[CIM_THRESHOLD[t].prop] = readable && v !== undefined ? n.scale.value(v) : null;
  }
  return out;
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
export function sensorProperties(def: SensorDef, inp: SensorInputs): Record<string, CimValue | undefined> {
  const values = common(def, inp);
  if (def.eventReadingType === EventReadingType.threshold) {
    const readable = def.record.kind === 'eventOnly' ? [] : masked(def.record.readingMask & 0x3f);
    values.PossibleStates = thresholdPossibleStates(readable);
    const rs = readingState(def, inp);
    if (rs && 'ok' in rs) {
      const { state, health } = thresholdState(rs.ok.states);
      Object.assign(values, statusProperties(health), { CurrentState: state, EnabledState: 2 });
    } else if (rs) Object.assign(values, unreadable(rs));
    return values;
  }
  const offsets = discreteOffsets(def);
  values.PossibleStates = ['Unknown', 'Normal', ...offsets.map((o) => offsetName(def, o))];
  const rs = readingState(def, inp);
  if (rs && 'ok' in rs) {
    // Get Sensor Reading bytes 4-5: asserted discrete states [14:0].
    const worst = worstOffset(def.eventReadingType, def.sensorType, rs.ok.states & 0x7fff);
    Object.assign(values, statusProperties(worst?.severity ?? 'ok'), {
      CurrentState: worst ? offsetName(def, worst.offset) : 'Normal',
      EnabledState: 2,
    });
  } else if (rs) Object.assign(values, unreadable(rs));
  return values;
}
