import { CompletionCodeError } from '../../lib/errors';
import { GetSensorHysteresis, GetSensorReading, GetSensorReadingFactors, GetSensorThresholds } from '../../codec/commands/sensor-event';
import { HYSTERESIS_MASK } from '../../codec/commands/sensor-event';
import { BMC_SA } from '../../codec/message/ipmb';
import type { FullSensorRecord, SdrRecord, SensorSdr } from '../../codec/records/sdr';
import { typedTextString } from '../../codec/records/text';
import {
  AnalogDataFormat,
  ConversionParams,
  EventReadingType,
  NON_LINEAR_FIRST,
  NON_LINEAR_LAST,
  THRESHOLDS,
  ThresholdName,
  conversionParams,
  formatUnits,
  hysteresisToValue,
  rawToValue,
  thresholdStatusText,
} from '../../codec/sensor';
import type { IpmiClient } from '../client';
import type { SdrEntry } from './sdr';

/** What one Get Sensor Reading (v2.0 §35.14, Table 35-15) says about one sensor, converted. */
export interface SensorReadout {
  record: SensorSdr;
  recordId: number;
  name: string;
  sensorNumber: number;
  /** Threshold-based (event/reading type 01h) or discrete. */
  kind: 'threshold' | 'discrete';
  /** True when the record is a Full Sensor Record with an analog data format (not 3). */
  analog: boolean;
  /** The BMC answered, scanning is enabled and the reading is available (ipmitool's "reading valid"). */
  valid: boolean;
  scanningDisabled: boolean;
  /** Raw reading byte (when the BMC answered). */
  raw?: number;
  /** Converted value in `unit` (analog sensors with a valid reading). */
  value?: number;
  /** Unit text as ipmitool prints it ("degrees C", "Volts", "% RPM"), "discrete" for non-analog sensors. */
  unit: string;
  /** Threshold comparison bits ([0] LNC .. [5] UNR) of a threshold sensor. */
  thresholdStatus?: number;
  /** Discrete states 0-14 asserted (bit n = offset n). */
  states?: number;
  /** Response bytes 4 and 5 as sent (reserved bits included; ipmitool's `sensor list` prints them). */
  stateBytes?: [number, number];
  /** ipmitool's status word: ok, nc, cr, nr for threshold sensors, ok for discrete ones, ns without a reading. */
  status: string;
  /** Why there is no reading: a completion code's text, or a sensor we cannot reach. */
  error?: string;
}

export interface ThresholdReadout {
  /** Thresholds the BMC says are readable, converted to the record's units. */
  values: Partial<Record<ThresholdName, number>>;
  raw: Partial<Record<ThresholdName, number>>;
  hysteresis?: { positive: number; negative: number };
}

/** Records that have a reading to ask for: Full and Compact Sensor Records (Event-Only records have none). */
export function readableSensors(entries: readonly SdrEntry[]): Array<{ recordId: number; record: Exclude<SensorSdr, { kind: 'eventOnly' }> }> {
  const out: Array<{ recordId: number; record: Exclude<SensorSdr, { kind: 'eventOnly' }> }> = [];
  for (const e of entries) if (e.record && (e.record.kind === 'full' || e.record.kind === 'compact')) out.push({ recordId: e.recordId, record: e.record });
  return out;
}

export function sensorName(rec: SdrRecord): string {
  return 'idString' in rec ? typedTextString(rec.idString as never) : '';
}

/** The record's unit text: "discrete" when it has no analog reading. */
export function sensorUnit(rec: SensorSdr): string {
  if (rec.kind !== 'full' || rec.units.analogDataFormat === AnalogDataFormat.noAnalogReading) return 'discrete';
  return formatUnits({ percentage: rec.units.percentage, modifierUnit: rec.units.modifierUnit, baseUnit: rec.baseUnit, modifierUnitCode: rec.modifierUnitCode });
}

/**
 * Sensors we reach with a plain request to the BMC: owner 20h on channel 0. Sensors owned by
 * other controllers need bridged requests (Send Message, v2.0 §22.7), which the client does not
 * send; they are reported without a reading.
 */
function isLocal(rec: SensorSdr): boolean {
  return rec.ownerId === BMC_SA && rec.ownerLun.channel === 0;
}

/** Conversion factors for a raw reading: the record's, or for non-linear sensors Get Sensor Reading Factors' (v2.0 §36.3). */
async function factorsFor(client: IpmiClient, rec: FullSensorRecord, raw: number): Promise<ConversionParams> {
  const p = conversionParams(rec);
  const lin = rec.linearization & 0x7f;
  if (lin < NON_LINEAR_FIRST || lin > NON_LINEAR_LAST) return p;
  const f = await client.call(GetSensorReadingFactors, { sensorNumber: rec.sensorNumber, readingByte: raw }, { lun: rec.ownerLun.lun });
  return { ...p, m: f.factors.m, b: f.factors.b, bExp: f.factors.bExp, rExp: f.factors.rExp };
}

/** Get Sensor Reading for one record, converted as ipmitool does (lib/ipmi_sdr.c ipmi_sdr_read_sensor_value). */
export async function readSensor(client: IpmiClient, recordId: number, rec: Exclude<SensorSdr, { kind: 'eventOnly' }>): Promise<SensorReadout> {
  const kind = rec.eventReadingType === EventReadingType.threshold ? 'threshold' : 'discrete';
  const analog = rec.kind === 'full' && rec.units.analogDataFormat !== AnalogDataFormat.noAnalogReading;
  const base: SensorReadout = { record: rec, recordId, name: sensorName(rec), sensorNumber: rec.sensorNumber, kind, analog, valid: false, scanningDisabled: false, unit: sensorUnit(rec), status: 'ns' };
  if (!isLocal(rec)) return { ...base, error: `owned by controller 0x${rec.ownerId.toString(16)} on channel ${rec.ownerLun.channel}: bridged requests are not supported` };
  let r;
  try {
    r = await client.call(GetSensorReading, { sensorNumber: rec.sensorNumber }, { lun: rec.ownerLun.lun });
  } catch (e) {
    if (e instanceof CompletionCodeError) return { ...base, error: e.message };
    throw e;
  }
  const out: SensorReadout = { ...base, raw: r.reading, scanningDisabled: !r.flags.scanningEnabled, stateBytes: [r.states ?? 0, r.states2 ?? 0] };
  out.valid = r.flags.scanningEnabled && !r.flags.readingUnavailable;
  if (kind === 'threshold') out.thresholdStatus = (r.states ?? 0) & 0x3f;
  else out.states = ((r.states ?? 0) | ((r.states2 ?? 0) << 8)) & 0x7fff;
  if (out.valid && analog && rec.kind === 'full') out.value = rawToValue(r.reading, await factorsFor(client, rec, r.reading));
  if (out.valid) out.status = kind === 'threshold' ? thresholdStatusText(out.thresholdStatus ?? 0, 'short') : 'ok';
  return out;
}

/** Every readable sensor of a repository, read concurrently (the link limits how many are in flight). */
export function readSensors(client: IpmiClient, entries: readonly SdrEntry[]): Promise<SensorReadout[]> {
  return Promise.all(readableSensors(entries).map((s) => readSensor(client, s.recordId, s.record)));
}

/**
 * Get Sensor Thresholds (v2.0 §35.9) and, when the record says hysteresis is readable, Get
 * Sensor Hysteresis (§35.7), converted with the record's factors. Non-linear sensors convert
 * each threshold with its own reading factors.
 */
export async function readThresholds(client: IpmiClient, rec: FullSensorRecord): Promise<ThresholdReadout> {
  const t = await client.call(GetSensorThresholds, { sensorNumber: rec.sensorNumber }, { lun: rec.ownerLun.lun });
  const values: ThresholdReadout['values'] = {};
  const raw: ThresholdReadout['raw'] = {};
  for (const [i, name] of THRESHOLDS.entries()) {
    if (!(t.readableMask & (1 << i))) continue;
    raw[name] = t.thresholds[name];
    const v = rawToValue(t.thresholds[name], await factorsFor(client, rec, t.thresholds[name]));
    if (v !== undefined) values[name] = v;
  }
  const out: ThresholdReadout = { values, raw };
  // Sensor Capabilities [5:4]: 1 readable, 2 readable and settable (v2.0 Table 43-1 byte 12).
  if (rec.sensorCapabilities.hysteresisSupport === 1 || rec.sensorCapabilities.hysteresisSupport === 2) {
    try {
      const h = await client.call(GetSensorHysteresis, { sensorNumber: rec.sensorNumber, hysteresisMask: HYSTERESIS_MASK }, { lun: rec.ownerLun.lun });
      const p = conversionParams(rec);
      out.hysteresis = { positive: hysteresisToValue(h.positiveHysteresis, p), negative: hysteresisToValue(h.negativeHysteresis, p) };
    } catch (e) {
      if (!(e instanceof CompletionCodeError)) throw e;
    }
  }
  return out;
}
