import { CimError, CimStatus } from '../lib/errors';
import type { ThresholdValues } from '../codec/sensor/thresholds';
import type { CimInstance, CimValue } from './types';
import type { Schema } from './classes/schema';
import type { DeviceEntry } from './repository';
import { THRESHOLD_PROPERTIES } from './mapping/sensors';
import { onDevice } from './methods';
import { THRESHOLDS } from '../codec/sensor/thresholds';

/**
 * Put: apply the writable properties that changed. WS-Man Put sends the whole instance back,
 * so read-only properties are ignored whatever their value (a reading moves between Get and
 * Put); keys must not change; unknown names are an error. The only writable properties the
 * device can store are NumericSensor's NonCritical thresholds (CIM_NumericSensor MOF: Write),
 * sent with Set Sensor Thresholds (v2.0 §35.8) as the nearest raw value.
 */
export async function putInstance(schema: Schema, inst: CimInstance, entry: DeviceEntry | undefined, changes: Record<string, CimValue>): Promise<void> {
  const info = schema.info(inst.className)!;
  const writes: Array<{ prop: string; value: CimValue }> = [];
  for (const [name, value] of Object.entries(changes)) {
    const p = info.properties.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!p) throw new CimError(CimStatus.INVALID_PARAMETER, `${info.name} has no property ${name}`);
    if (p.key) {
      if (String(value).toLowerCase() !== String(inst.properties[p.name]).toLowerCase())
        throw new CimError(CimStatus.INVALID_PARAMETER, `${p.name} is a key and cannot change`);
      continue;
    }
    if (!p.writable) continue;
    const current = inst.properties[p.name];
    if (value === current || (value !== null && current !== null && Number(value) === current)) continue;
    writes.push({ prop: p.name, value });
  }
  if (!writes.length) return;
  if (!schema.isa(inst.className, 'CIM_NumericSensor') || !entry)
    throw new CimError(CimStatus.NOT_SUPPORTED, `${info.name}: ${writes.map((w) => w.prop).join(', ')} cannot be stored on an IPMI device`);

  const view = await entry.cache.load(['sdr']);
  const def = view.sensors?.find((d) => d.deviceId === inst.properties.DeviceID);
  const n = def?.numeric;
  if (!def || !n) throw new CimError(CimStatus.NOT_FOUND, `${entry.source.name}: sensor ${String(inst.properties.DeviceID)} is no longer in the SDR repository`);
  const values: ThresholdValues = {};
  for (const w of writes) {
    const t = THRESHOLD_PROPERTIES[w.prop];
    const bit = 1 << THRESHOLDS.indexOf(t);
    if (!(n.settableMask & bit))
      throw new CimError(CimStatus.INVALID_PARAMETER, `${def.name} (${def.deviceId}): ${w.prop} is not settable (SettableThresholds of this sensor)`);
    const v = typeof w.value === 'number' ? w.value : typeof w.value === 'string' && w.value.trim() !== '' ? Number(w.value) : NaN;
    if (!Number.isInteger(v))
      throw new CimError(CimStatus.INVALID_PARAMETER, `${w.prop} must be an integer in units of 10^${n.scale.unitModifier}, got ${JSON.stringify(w.value)}`);
    const raw = n.scale.raw(v);
    if (raw === undefined) {
      const range = Array.from({ length: 256 }, (_, r) => n.scale.value(r));
      throw new CimError(
        CimStatus.INVALID_PARAMETER,
        `${w.prop} ${v} is outside what ${def.name} can read (${Math.min(...range)}..${Math.max(...range)} in units of 10^${n.scale.unitModifier})`,
      );
    }
    values[t] = raw;
  }
  await onDevice(entry, `Set Sensor Thresholds (sensor ${def.name})`, () => entry.source.setSensorThresholds(def.address, values));
  entry.cache.invalidate('thresholds', 'readings');
}
