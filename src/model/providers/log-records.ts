import type { CimInstance, CimValue } from '../types';
import type { DeviceView } from '../cache';
import type { SelRecord } from '../../codec/records/sel';
import type { Schema } from '../classes/schema';
import type { SensorDef } from '../mapping/sdr';
import { logRecordProperties } from '../mapping/sel';
import { deviceOfScopedId, newInstance, Provider, scopedId } from './types';

/**
 * LogRecord: one per SEL entry, keyed under the device's RecordLog. A SEL can hold thousands
 * of entries and its records are immutable once read, so each record's mapped properties are
 * kept with the record (until the SEL or the SDRs are read again).
 */
const mapped = new WeakMap<SelRecord, { sensors: readonly SensorDef[]; props: Array<[string, CimValue | undefined]> }>();
/** Each SEL read's records by RecordID, for Get by keys (kept as long as that read is). */
const byRecordId = new WeakMap<readonly SelRecord[], Map<string, SelRecord[]>>();

export function logRecordProvider(schema: Schema): Provider {
  const cls = schema.concrete('LogRecord');
  const logClass = schema.concrete('RecordLog');
  return {
    className: cls,
    scope: 'device',
    parts: () => ['sel', 'sdr'],
    device: (keys) => deviceOfScopedId(keys.LogName, 'SEL'),
    build(view) {
      const v = view!;
      return (v.sel ?? []).map((rec) => one(v, rec));
    },
    // RecordID is the record ID in decimal (mapping/sel.ts): digits only, no case folding.
    lookup(view, _ctx, keys) {
      const v = view!;
      const sel = v.sel ?? [];
      let index = byRecordId.get(sel);
      if (!index) {
        index = new Map();
        for (const rec of sel) {
          const id = String(rec.recordId);
          const same = index.get(id);
          if (same) same.push(rec);
          else index.set(id, [rec]);
        }
        byRecordId.set(sel, index);
      }
      return (index.get(String(keys.RecordID)) ?? []).map((rec) => one(v, rec));
    },
  };

  function one(v: DeviceView, rec: SelRecord): CimInstance {
    const sensors = v.sensors ?? [];
    let m = mapped.get(rec);
    if (!m || m.sensors !== sensors) {
      m = { sensors, props: Object.entries(logRecordProperties(rec, { sensors })) };
      mapped.set(rec, m);
    }
    const inst = newInstance(schema, cls);
    const p = inst.properties;
    p.LogCreationClassName = logClass;
    p.LogName = scopedId(v.name, 'SEL');
    p.CreationClassName = cls;
    for (const [k, x] of m.props) if (x !== undefined && k in p) p[k] = x instanceof Date ? new Date(x) : x;
    return inst;
  }
}
