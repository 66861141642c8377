import { CimError, CimStatus } from '../../../src/lib/errors';
import type {
  CimClassInfo,
  CimInstance,
  CimPropertyInfo,
  CimReference,
  CimValue,
  EnumerateOptions,
  InvokeContext,
  ModelRepository,
} from '../../../src/model/types';

/**
 * A small in-memory root\hardware for the WS-Man tests (NOT the product model): a few
 * NumericSensor / Sensor / RecordLog / LogRecord / ComputerSystem instances with class infos
 * shaped like research/cim-model.md §2, one association class, and a tiny WQL subset
 * (SELECT ... FROM ... [WHERE p op v [AND ...]], ASSOCIATORS OF, REFERENCES OF).
 */
const NS = 'root/hardware';
const p = (name: string, type: CimPropertyInfo['type'], extra: Partial<CimPropertyInfo> = {}): CimPropertyInfo => ({ name, type, ...extra });

const sensorProps: CimPropertyInfo[] = [
  p('SystemCreationClassName', 'string', { key: true }),
  p('SystemName', 'string', { key: true }),
  p('CreationClassName', 'string', { key: true }),
  p('DeviceID', 'string', { key: true }),
  p('ElementName', 'string'),
  p('SensorType', 'uint16'),
  p('CurrentState', 'string'),
  p('PossibleStates', 'string', { array: true }),
  p('EnabledState', 'uint16'),
  p('InstallDate', 'datetime'),
];
const numericProps: CimPropertyInfo[] = [
  ...sensorProps,
  p('BaseUnits', 'uint16'),
  p('UnitModifier', 'sint32'),
  p('CurrentReading', 'sint32'),
  p('LowerThresholdCritical', 'sint32', { writable: true }),
  p('UpperThresholdNonCritical', 'sint32', { writable: true }),
  p('UpperThresholdCritical', 'sint32', { writable: true }),
  p('SupportedThresholds', 'uint16', { array: true }),
  p('IsLinear', 'boolean'),
];
const logProps: CimPropertyInfo[] = [
  p('InstanceID', 'string', { key: true }),
  p('Name', 'string'),
  p('CurrentNumberOfRecords', 'uint64'),
  p('MaxNumberOfRecords', 'uint64'),
];
const recordProps: CimPropertyInfo[] = [
  p('LogCreationClassName', 'string', { key: true }),
  p('LogName', 'string', { key: true }),
  p('CreationClassName', 'string', { key: true }),
  p('RecordID', 'string', { key: true }),
  p('MessageTimestamp', 'datetime', { key: true }),
  p('Caption', 'string'),
  p('RecordFormat', 'string'),
  p('RecordData', 'string'),
];
const csProps: CimPropertyInfo[] = [
  p('CreationClassName', 'string', { key: true }),
  p('Name', 'string', { key: true }),
  p('ElementName', 'string'),
  p('EnabledState', 'uint16'),
  p('Dedicated', 'uint16', { array: true }),
];
const clearLog = { name: 'ClearLog', parameters: [], returns: 'uint32' as const };
const rsc = {
  name: 'RequestStateChange',
  parameters: [
    { name: 'RequestedState', type: 'uint16' as const, in: true, out: false },
    { name: 'TimeoutPeriod', type: 'datetime' as const, in: true, out: false },
    { name: 'Job', type: 'reference' as const, in: false, out: true },
  ],
  returns: 'uint32' as const,
};
const cls = (name: string, properties: CimPropertyInfo[], extra: Partial<CimClassInfo> = {}): CimClassInfo => ({ name, namespace: NS, properties, methods: [], ...extra });

export const CLASSES: CimClassInfo[] = [
  cls('CIM_Sensor', sensorProps, { abstract: true }),
  cls('Sensor', sensorProps, { superClass: 'CIM_Sensor' }),
  cls('CIM_NumericSensor', numericProps, { superClass: 'CIM_Sensor', abstract: true }),
  cls('NumericSensor', numericProps, { superClass: 'CIM_NumericSensor' }),
  cls('CIM_RecordLog', logProps, { abstract: true, methods: [clearLog] }),
  cls('RecordLog', logProps, { superClass: 'CIM_RecordLog', methods: [clearLog] }),
  cls('CIM_LogRecord', recordProps, { abstract: true }),
  cls('LogRecord', recordProps, { superClass: 'CIM_LogRecord' }),
  cls('CIM_ComputerSystem', csProps, { abstract: true, methods: [rsc] }),
  cls('ComputerSystem', csProps, { superClass: 'CIM_ComputerSystem', methods: [rsc] }),
  cls('CIM_SystemDevice', [p('GroupComponent', 'reference', { key: true, refClass: 'CIM_ComputerSystem' }), p('PartComponent', 'reference', { key: true, refClass: 'CIM_Sensor' })], { association: true }),
  cls('SlowSensor', sensorProps, { superClass: 'CIM_Sensor' }),
  cls('FlakySensor', sensorProps, { superClass: 'CIM_Sensor' }),
];

export const SYSTEM = '4C4C4544-0042-3510-8052-B2C04F334B32';
export const T0 = new Date(Date.UTC(2009, 2, 19, 2, 21, 3));

function sensor(cls: 'NumericSensor' | 'Sensor', id: string, name: string, props: Record<string, CimValue>): CimInstance {
  return {
    className: cls,
    namespace: NS,
    properties: {
      SystemCreationClassName: 'ComputerSystem',
      SystemName: SYSTEM,
      CreationClassName: cls,
      DeviceID: id,
      ElementName: name,
      EnabledState: 2,
      InstallDate: null,
      ...props,
    },
  };
}

export interface FixtureOptions {
  /** Extra NumericSensor instances produced lazily (laziness and paging tests). */
  extraSensors?: number;
}

export class FixtureModel implements ModelRepository {
  sensors: CimInstance[];
  records: CimInstance[];
  log: CimInstance;
  system: CimInstance;
  /** How many instances the enumerations have produced (laziness checks). */
  produced = 0;
  /** Release SlowSensor's first item. */
  releaseSlow?: () => void;
  calls: string[] = [];

  constructor(private readonly opts: FixtureOptions = {}) {
    this.sensors = [
      sensor('NumericSensor', '48.0.32', 'CPU1 Temp', {
        SensorType: 2, CurrentState: 'Normal', PossibleStates: ['Unknown', 'Normal', 'Upper Non-Critical', 'Upper Critical'],
        BaseUnits: 2, UnitModifier: 0, CurrentReading: 41, LowerThresholdCritical: null, UpperThresholdNonCritical: 85,
        UpperThresholdCritical: 95, SupportedThresholds: [1, 3], IsLinear: true,
      }),
      sensor('NumericSensor', '64.0.32', 'FAN1', {
        SensorType: 5, CurrentState: 'Normal', PossibleStates: ['Normal'], BaseUnits: 19, UnitModifier: 0, CurrentReading: 5400,
        LowerThresholdCritical: 600, UpperThresholdNonCritical: null, UpperThresholdCritical: null, SupportedThresholds: [2], IsLinear: true,
      }),
      sensor('Sensor', '52.0.32', 'PwrSupply1Pres', { SensorType: 1, CurrentState: 'Presence detected', PossibleStates: ['Presence detected', 'Absent'] }),
    ];
    this.log = { className: 'RecordLog', namespace: NS, properties: { InstanceID: `IPMI:${SYSTEM}:SEL`, Name: 'IPMI SEL', CurrentNumberOfRecords: 2, MaxNumberOfRecords: 512 } };
    this.records = [1, 2].map((n) => ({
      className: 'LogRecord',
      namespace: NS,
      properties: {
        LogCreationClassName: 'RecordLog', LogName: 'IPMI SEL', CreationClassName: 'LogRecord', RecordID: String(n),
        MessageTimestamp: new Date(T0.getTime() + (n - 1) * 60000), Caption: n === 1 ? 'Temperature Assert: Upper Non-critical - going high' : 'OEM SEL',
        RecordFormat: '*uint8[2] IPMI_RecordID*', RecordData: `*0${n} 00*`,
      },
    }));
    this.system = { className: 'ComputerSystem', namespace: NS, properties: { CreationClassName: 'ComputerSystem', Name: SYSTEM, ElementName: 'bmc-1', EnabledState: 2, Dedicated: [14] } };
  }

  classes(namespace?: string): CimClassInfo[] {
    return namespace ? CLASSES.filter((c) => c.namespace === namespace) : CLASSES;
  }
  classInfo(className: string): CimClassInfo | undefined {
    return CLASSES.find((c) => c.name.toLowerCase() === className.toLowerCase());
  }

  private isA(cls: string, base: string): boolean {
    for (let c = this.classInfo(cls); c; c = c.superClass ? this.classInfo(c.superClass) : undefined) if (c.name.toLowerCase() === base.toLowerCase()) return true;
    return false;
  }

  private associations(): CimInstance[] {
    const ref = (i: CimInstance): CimReference => {
      const info = this.classInfo(i.className)!;
      return { kind: 'reference', className: i.className, namespace: NS, keys: Object.fromEntries(info.properties.filter((x) => x.key).map((x) => [x.name, String(i.properties[x.name])])) };
    };
    return this.sensors.map((s) => ({ className: 'CIM_SystemDevice', namespace: NS, properties: { GroupComponent: ref(this.system), PartComponent: ref(s) } }));
  }

  private async *all(): AsyncGenerator<CimInstance> {
    for (const s of this.sensors) yield s;
    for (let i = 0; i < (this.opts.extraSensors ?? 0); i++) {
      yield sensor('NumericSensor', `${100 + i}.0.32`, `Extra ${i}`, { SensorType: 2, CurrentReading: i, SupportedThresholds: [], IsLinear: true });
    }
    yield this.log;
    yield* this.records;
    yield this.system;
    yield* this.associations();
  }

  async *enumerate(className: string, _opts?: EnumerateOptions): AsyncIterable<CimInstance> {
    if (!this.classInfo(className)) throw new CimError(CimStatus.INVALID_CLASS, `no class ${className}`);
    this.calls.push(`enumerate ${className}`);
    if (this.isA('SlowSensor', className) && className.toLowerCase() !== 'cim_sensor') {
      // The first item at once, the second only after releaseSlow() (MaxTime and OperationTimeout tests).
      yield sensor('Sensor', '1.0.32', 'Slow', {});
      await new Promise<void>((res) => (this.releaseSlow = res));
      yield sensor('Sensor', '3.0.32', 'Slower', {});
      return;
    }
    if (className.toLowerCase() === 'flakysensor') {
      yield sensor('Sensor', '2.0.32', 'Flaky', {});
      throw new CimError(CimStatus.FAILED, 'Get Sensor Reading: Node busy (0xc0)');
    }
    for await (const i of this.all()) {
      if (!this.isA(i.className, className)) continue;
      this.produced++;
      yield i;
    }
  }

  async get(className: string, keys: Record<string, string>): Promise<CimInstance> {
    if (!this.classInfo(className)) throw new CimError(CimStatus.INVALID_CLASS, `no class ${className}`);
    for await (const i of this.enumerate(className)) {
      if (Object.entries(keys).every(([k, v]) => keyText(i.properties[k]) === v)) return i;
    }
    throw new CimError(CimStatus.NOT_FOUND, `no ${className} with ${JSON.stringify(keys)}`);
  }

  async *query(wql: string, _opts?: { namespace?: string }): AsyncIterable<CimInstance> {
    this.calls.push(`query ${wql}`);
    const assoc = /^\s*(ASSOCIATORS|REFERENCES)\s+OF\s+\{(\w+)\.(.*)\}\s*(?:WHERE\s+(.*))?$/i.exec(wql);
    if (assoc) {
      const [, kind, c, keyText2, where] = assoc;
      const keys = Object.fromEntries([...keyText2.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2].replace(/\\(.)/g, '$1')]));
      const src = await this.get(c, keys).catch(() => undefined);
      if (!src) return;
      const rc = /ResultClass\s*=\s*(\w+)/i.exec(where ?? '')?.[1];
      for (const a of this.associations()) {
        const g = a.properties.GroupComponent as CimReference;
        const part = a.properties.PartComponent as CimReference;
        const matches = (r: CimReference) => r.className === src.className && Object.entries(r.keys).every(([k, v]) => keyText(src.properties[k]) === String(v));
        if (kind.toUpperCase() === 'REFERENCES') {
          if ((matches(g) || matches(part)) && (!rc || this.isA(a.className, rc))) yield a;
          continue;
        }
        const other = matches(g) ? part : matches(part) ? g : undefined;
        if (!other) continue;
        const inst = await this.get(other.className, Object.fromEntries(Object.entries(other.keys).map(([k, v]) => [k, String(v)])));
        if (!rc || this.isA(inst.className, rc)) yield inst;
      }
      return;
    }
    const m = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?\s*$/i.exec(wql);
    if (!m) throw new CimError(CimStatus.INVALID_QUERY, `syntax error in "${wql}" at position ${wql.length}`);
    const [, list, c, where] = m;
    if (!this.classInfo(c)) throw new CimError(CimStatus.INVALID_CLASS, `no class ${c}`);
    const conds = (where ? where.split(/\s+AND\s+/i) : []).map((t) => {
      const cm = /^(\w+)\s*(=|<>|!=|<=|>=|<|>)\s*('(?:[^']*)'|"(?:[^"]*)"|-?\d+(?:\.\d+)?|TRUE|FALSE)$/i.exec(t.trim());
      if (!cm) throw new CimError(CimStatus.INVALID_QUERY, `cannot parse condition "${t}"`);
      const raw = cm[3];
      const v: string | number | boolean = /^['"]/.test(raw) ? raw.slice(1, -1) : /^(true|false)$/i.test(raw) ? raw.toLowerCase() === 'true' : Number(raw);
      return { prop: cm[1], op: cm[2], v };
    });
    const props = list.trim() === '*' ? undefined : list.split(',').map((x) => x.trim());
    for await (const i of this.enumerate(c)) {
      const ok = conds.every(({ prop, op, v }) => {
        const key = Object.keys(i.properties).find((k) => k.toLowerCase() === prop.toLowerCase());
        const x = key ? i.properties[key] : null;
        if (x === null || Array.isArray(x) || typeof x === 'object') return op === '<>' || op === '!=';
        const a = typeof v === 'string' ? String(x).toLowerCase() : x;
        const b = typeof v === 'string' ? v.toLowerCase() : v;
        switch (op) {
          case '=': return a === b;
          case '<>': case '!=': return a !== b;
          case '<': return a < b;
          case '>': return a > b;
          case '<=': return a <= b;
          default: return a >= b;
        }
      });
      if (!ok) continue;
      yield props ? { ...i, properties: Object.fromEntries(props.map((k) => [k, i.properties[k] ?? null])), selected: props } : i;
    }
  }

  async put(className: string, keys: Record<string, string>, properties: Record<string, CimValue>): Promise<CimInstance> {
    const i = await this.get(className, keys);
    this.calls.push(`put ${className} ${JSON.stringify(properties)}`);
    const info = this.classInfo(i.className)!;
    for (const [k, v] of Object.entries(properties)) {
      if (!info.properties.find((x) => x.name === k)?.writable) throw new CimError(CimStatus.INVALID_PARAMETER, `${k} is read-only`);
      if (typeof v === 'number' && k.includes('Threshold') && (v < -128 || v > 127)) throw new CimError(CimStatus.INVALID_PARAMETER, `${k} ${v} is outside the sensor's range`);
      i.properties[k] = v;
    }
    return i;
  }

  async invoke(className: string, keys: Record<string, string> | undefined, method: string, args: Record<string, CimValue>, ctx?: InvokeContext): Promise<{ returnValue: number; out: Record<string, CimValue> }> {
    this.calls.push(`invoke ${className}.${method} ${JSON.stringify(keys)} ${JSON.stringify(args)}${ctx?.privilege ? ` as ${ctx.privilege}` : ''}`);
    if (this.isA(className, 'CIM_RecordLog') && method === 'ClearLog') {
      const target = keys ? await this.get(className, keys) : this.log;
      this.records = [];
      target.properties.CurrentNumberOfRecords = 0;
      return { returnValue: 0, out: {} };
    }
    if (this.isA(className, 'CIM_ComputerSystem') && method === 'RequestStateChange') {
      if (!keys) throw new CimError(CimStatus.INVALID_PARAMETER, 'RequestStateChange needs an instance');
      const target = await this.get(className, keys);
      const s = args.RequestedState;
      if (s !== 2 && s !== 3) return { returnValue: 5, out: { Job: null } };
      target.properties.EnabledState = s;
      return { returnValue: 0, out: { Job: null } };
    }
    throw new CimError(CimStatus.METHOD_NOT_FOUND, `no method ${method}`);
  }
}

function keyText(v: CimValue | undefined): string {
  if (v instanceof Date) {
    const z = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${v.getUTCFullYear()}${z(v.getUTCMonth() + 1)}${z(v.getUTCDate())}${z(v.getUTCHours())}${z(v.getUTCMinutes())}${z(v.getUTCSeconds())}.${z(v.getUTCMilliseconds() * 1000, 6)}+000`;
  }
  return String(v ?? '');
}
