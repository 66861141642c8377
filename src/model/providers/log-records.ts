import type { CimValue } from '../types';
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
      const sensors = v.sensors ?? [];
      const logName = scopedId(v.name, 'SEL');
      return (v.sel ?? []).map((rec) => {
        let m = mapped.get(rec);
        if (!m || m.sensors !== sensors) {
          m = { sensors, props: Object.entries(logRecordProperties(rec, { sensors })) };
          mapped.set(rec, m);
        }
        const inst = newInstance(schema, cls);
        const p = inst.properties;
        p.LogCreationClassName = logClass;
        p.LogName = logName;
        p.CreationClassName = cls;
        for (const [k, x] of m.props) if (x !== undefined && k in p) p[k] = x instanceof Date ? new Date(x) : x;
        return inst;
      });
    },
  };
}
