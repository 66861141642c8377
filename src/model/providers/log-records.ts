import type { Schema } from '../classes/schema';
import { logRecordProperties } from '../mapping/sel';
import { deviceOfScopedId, instance, Provider, scopedId } from './types';

/** LogRecord: one per SEL entry, keyed under the device's RecordLog. */
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
      const ctx = { sensors: v.sensors ?? [] };
      return (v.sel ?? []).map((rec) =>
        instance(schema, cls, {
          LogCreationClassName: logClass,
          LogName: scopedId(v.name, 'SEL'),
          CreationClassName: cls,
          ...logRecordProperties(rec, ctx),
        }),
      );
    },
  };
}
