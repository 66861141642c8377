import type { CimInstance, CimValue } from '../types';
import type { Schema } from '../classes/schema';
import type { DeviceView, Part } from '../cache';
import type { SensorDef } from '../mapping/sdr';
import { fillNumericSensor, fillSensor, READING_PROPERTIES, SensorInputs, THRESHOLD_VALUE_PROPERTIES } from '../mapping/sensors';
import { BuildContext, newInstance, PropSet, Provider, wants } from './types';

/** NumericSensor (threshold sensors with an analog reading) and Sensor (every other sensor record). */
export function sensorProviders(schema: Schema): Provider[] {
  const system = schema.concrete('ComputerSystem');
  const make = (cls: string, numeric: boolean): Provider => {
    /** One sensor's instance: the SDR's facts with its reading and thresholds from the view. */
    const one = (v: DeviceView, ctx: BuildContext, d: SensorDef): CimInstance => {
      const inputs: SensorInputs = {
        semantics: schema.semantics,
        systemClass: system,
        className: cls,
        device: v.name,
        maxAgeMs: ctx.maxAgeMs,
        reading: v.readings?.get(d.deviceId),
        readingsLoaded: v.readings !== undefined,
        thresholds: v.thresholds?.get(d.deviceId),
        lost: v.lost,
      };
      const inst = newInstance(schema, cls);
      (numeric ? fillNumericSensor : fillSensor)(inst.properties, d, inputs);
      return inst;
    };
    const mine = (d: SensorDef) => Boolean(d.numeric) === numeric;
    return {
      className: cls,
      scope: 'device',
      parts(props: PropSet): Part[] {
        const out: Part[] = ['sdr'];
        if (wants(props, READING_PROPERTIES)) out.push('readings');
        if (numeric && wants(props, THRESHOLD_VALUE_PROPERTIES)) out.push('thresholds');
        return out;
      },
      device: (keys) => (typeof keys.SystemName === 'string' ? keys.SystemName : undefined),
      build: (view, ctx) => (view!.sensors ?? []).filter(mine).map((d) => one(view!, ctx, d)),
      // DeviceID is `<number>.<lun>.<owner>` in decimal: no letters, so the index needs no case folding.
      lookup: (view, ctx, keys: Record<string, CimValue>) => (view!.sensorsById?.get(String(keys.DeviceID)) ?? []).filter(mine).map((d) => one(view!, ctx, d)),
    };
  };
  return [make(schema.concrete('NumericSensor'), true), make(schema.concrete('Sensor'), false)];
}
