import type { CimInstance, CimReference, CimValue } from '../types';
import type { Schema } from '../classes/schema';
import type { DeviceView, Part } from '../cache';
import { formatDmtfDatetime } from '../mapping/datetime';
import { BMC_ADDRESS, SensorDef } from '../mapping/sdr';
import { physicalElements } from './physical';
import { BuildContext, instance, Provider, wants } from './types';

/**
 * The associations (an extension: Windows' root\hardware has none; research note §1.2, §2.11).
 * Each is built per device from the instances at its two ends.
 */

/** A reference to an instance: its class, namespace and key values (datetimes as DMTF strings). */
export function referenceTo(schema: Schema, inst: CimInstance): CimReference {
  const keys: Record<string, string | number> = {};
  for (const k of schema.keys(inst.className)) {
    const v = inst.properties[k];
    keys[k] = v instanceof Date ? formatDmtfDatetime(v) : typeof v === 'number' ? v : String(v ?? '');
  }
  return { kind: 'reference', className: inst.className, namespace: inst.namespace, keys };
}

interface AssocSpec {
  className: string;
  roles: [string, string];
  /** Data parts the two ends' keys need (and any extra property). */
  parts: (props: '*' | ReadonlySet<string>) => Part[];
  pairs(view: DeviceView, ctx: BuildContext): Array<[CimInstance, CimInstance, Record<string, CimValue>?]>;
}

export function associationProviders(schema: Schema): Provider[] {
  const cs = schema.concrete('ComputerSystem');
  const sensorClasses = [schema.concrete('NumericSensor'), schema.concrete('Sensor')];
  const sensors = (ctx: BuildContext) => sensorClasses.flatMap((c) => ctx.of(c));
  const system = (ctx: BuildContext) => ctx.of(cs)[0];
  const physical = (view: DeviceView) => physicalElements(view, schema);
  const one = <T>(x: T | undefined): T[] => (x === undefined ? [] : [x]);

  const specs: AssocSpec[] = [
    {
      className: 'CIM_SystemDevice',
      roles: ['GroupComponent', 'PartComponent'],
      parts: () => ['sdr'],
      pairs: (_v, ctx) => sensors(ctx).map((s) => [system(ctx), s]),
    },
    {
      // The element a sensor measures: the FRU element with the sensor's SDR entity (v2.0
      // §39), else the ComputerSystem (every sensor measures something in the managed system).
      className: 'CIM_AssociatedSensor',
      roles: ['Antecedent', 'Dependent'],
      parts: () => ['sdr', 'fru'],
      pairs: (v, ctx) => {
        const els = physical(v);
        const byId = new Map(sensors(ctx).map((s) => [s.properties.DeviceID as string, s]));
        return (v.sensors ?? []).flatMap((d: SensorDef) => {
          const s = byId.get(d.deviceId);
          if (!s) return [];
          const el = els.find((e) => e.entity?.id === d.entityId && e.entity.instance === d.entityInstance);
          return [[s, el?.instance ?? system(ctx)] as [CimInstance, CimInstance]];
        });
      },
    },
    {
      className: 'CIM_UseOfLog',
      roles: ['Antecedent', 'Dependent'],
      parts: () => [],
      pairs: (_v, ctx) => ctx.of(schema.concrete('RecordLog')).map((l) => [l, system(ctx), { RecordedData: 'IPMI System Event Log records' }]),
    },
    {
      className: 'CIM_LogManagesRecord',
      roles: ['Log', 'Record'],
      parts: () => ['sel', 'sdr'],
      pairs: (_v, ctx) => {
        const log = ctx.of(schema.concrete('RecordLog'))[0];
        return ctx.of(schema.concrete('LogRecord')).map((r) => [log, r]);
      },
    },
    {
      // Sensors owned by the BMC sit on the baseboard: FRU 0's board (HostingBoard) realizes them.
      className: 'CIM_Realizes',
      roles: ['Antecedent', 'Dependent'],
      parts: () => ['sdr', 'fru'],
      pairs: (v, ctx) => {
        const board = physical(v).find((e) => e.fruId === 0 && e.instance.className === 'CIM_Card')?.instance;
        if (!board) return [];
        const owned = new Set((v.sensors ?? []).filter((d) => d.address.ownerId === BMC_ADDRESS).map((d) => d.deviceId));
        return sensors(ctx)
          .filter((s) => owned.has(s.properties.DeviceID as string))
          .map((s) => [board, s]);
      },
    },
    {
      // FRU 0 describes the managed system: its chassis (or, without a chassis area, its board) packages the ComputerSystem.
      className: 'CIM_ComputerSystemPackage',
      roles: ['Antecedent', 'Dependent'],
      parts: (props) => ['fru', ...(wants(props, ['PlatformGUID']) ? (['identity'] as const) : [])],
      pairs: (v, ctx) => {
        const els = physical(v).filter((e) => e.fruId === 0);
        const pkg = (els.find((e) => e.instance.className === 'CIM_Chassis') ?? els.find((e) => e.instance.className === 'CIM_Card'))?.instance;
        return one(pkg).map((p) => [p, system(ctx), { PlatformGUID: v.identity?.systemGuid ?? null }]);
      },
    },
    {
      className: 'CIM_Container',
      roles: ['GroupComponent', 'PartComponent'],
      parts: () => ['fru'],
      pairs: (v) => {
        const els = physical(v);
        const chassis = els.find((e) => e.fruId === 0 && e.instance.className === 'CIM_Chassis')?.instance;
        return chassis ? els.filter((e) => e.instance !== chassis).map((e) => [chassis, e.instance]) : [];
      },
    },
    {
      className: 'CIM_HostedCollection',
      roles: ['Antecedent', 'Dependent'],
      parts: () => [],
      pairs: (_v, ctx) => ctx.of(schema.concrete('SystemSpecificCollection')).map((c) => [system(ctx), c]),
    },
    {
      className: 'CIM_MemberOfCollection',
      roles: ['Collection', 'Member'],
      parts: () => ['sdr'],
      pairs: (_v, ctx) => {
        const coll = ctx.of(schema.concrete('SystemSpecificCollection'))[0];
        return sensors(ctx).map((s) => [coll, s]);
      },
    },
    {
      className: 'CIM_ElementConformsToProfile',
      roles: ['ConformantStandard', 'ManagedElement'],
      parts: () => [],
      pairs: (_v, ctx) => ctx.of(schema.concrete('RegisteredProfile')).map((p) => [p, system(ctx)]),
    },
  ];

  return specs.map(
    (spec): Provider => ({
      className: spec.className,
      scope: 'device',
      parts: spec.parts,
      device: undefined,
      build: (view, ctx) =>
        spec.pairs(view!, ctx).map(([a, b, extra]) =>
          instance(schema, spec.className, {
            [spec.roles[0]]: referenceTo(schema, a),
            [spec.roles[1]]: referenceTo(schema, b),
            ...extra,
          }),
        ),
    }),
  );
}
