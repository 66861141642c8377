import type { CimClassInfo, CimPropertyInfo, CimValue } from '../types';
import { ClassDef, HARDWARE, PropDef, Semantics } from './define';
import { coreClasses } from './core';
import { deviceClasses } from './devices';
import { physicalClasses } from './physical';
import { associationClasses } from './associations';
import { windowsClasses, wmiClasses } from './windows';

export const allClassDefs: readonly ClassDef[] = [
  ...coreClasses,
  ...deviceClasses,
  ...physicalClasses,
  ...associationClasses,
  ...windowsClasses,
  ...wmiClasses,
];

/** Names the mapping code instantiates, by their Windows short name. */
export type ConcreteBase =
  | 'Sensor'
  | 'NumericSensor'
  | 'ComputerSystem'
  | 'AdminDomain'
  | 'RecordLog'
  | 'LogRecord'
  | 'SystemSpecificCollection'
  | 'RegisteredProfile'
  | 'Account';

/** Namespaces are written `root/hardware` here; `root\hardware` and any case are accepted. */
export function normalizeNamespace(ns: string): string {
  return ns.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/**
 * The class table for one semantics, inheritance flattened. Lookups ignore case (WMI class and
 * property names are case-insensitive) and accept the short and the CIM_ form of a name:
 * `NumericSensor` and `CIM_NumericSensor` both resolve (to different classes under Windows
 * semantics, where the first derives from the second; to the same one under DMTF semantics).
 */
export class Schema {
  private readonly byLower = new Map<string, CimClassInfo>();
  private readonly propIndex = new Map<string, Map<string, CimPropertyInfo>>();
  private readonly ancestors = new Map<string, string[]>();
  private readonly ordered: CimClassInfo[] = [];
  private readonly blanks = new Map<string, Record<string, CimValue>>();

  constructor(readonly semantics: Semantics = 'windows') {
    const defs = allClassDefs.filter((d) => !d.only || d.only === semantics);
    const defByName = new Map(defs.map((d) => [d.name, d]));
    const hasWindowsSub = new Set(defs.filter((d) => d.only === 'windows').map((d) => d.superClass));
    const flatten = (d: ClassDef): PropDef[] => {
      const parent = d.superClass ? defByName.get(d.superClass) : undefined;
      if (d.superClass && !parent) throw new Error(`class ${d.name}: unknown superclass ${d.superClass}`);
      const props = parent ? flatten(parent) : [];
      for (const own of d.properties) {
        if (own.dmtf && semantics !== 'dmtf') continue;
        const i = props.findIndex((x) => x.name === own.name);
        // An override keeps the parent's Key flag (DSP0004 §5.6.3: a key cannot be un-keyed).
        if (i >= 0) props[i] = { ...own, key: own.key || props[i].key };
        else props.push(own);
      }
      return props;
    };
    for (const d of defs) {
      const props = flatten(d)
        .map((x): CimPropertyInfo => {
          const { dmtf: _d, valueMapBySemantics, default: _v, ...info } = x;
          return valueMapBySemantics ? { ...info, valueMap: valueMapBySemantics[semantics] } : info;
        })
        // WMI returns properties in case-insensitive alphabetical order (winrm enumerate of any
        // WMI class shows AcceptPause, AcceptStop, Caption, CheckPoint, CreationClassName ...),
        // not MOF order, so the class table is kept in that order.
        .sort((x, y) => (x.name.toLowerCase() < y.name.toLowerCase() ? -1 : 1));
      const methods = new Map<string, CimClassInfo['methods'][number]>();
      for (let c: ClassDef | undefined = d; c; c = c.superClass ? defByName.get(c.superClass) : undefined)
        for (const mm of c.methods ?? []) if (!methods.has(mm.name)) methods.set(mm.name, mm);
      const info: CimClassInfo = {
        name: d.name,
        namespace: d.namespace ?? HARDWARE,
        superClass: d.superClass,
        abstract: Boolean(d.abstract) || (semantics === 'windows' && hasWindowsSub.has(d.name)),
        association: Boolean(d.association) || undefined,
        properties: props,
        methods: [...methods.values()],
      };
      if (!info.association) delete info.association;
      if (!info.superClass) delete info.superClass;
      this.ordered.push(info);
      this.byLower.set(d.name.toLowerCase(), info);
      this.propIndex.set(d.name, new Map(props.map((x) => [x.name.toLowerCase(), x])));
      const defaults = new Map(flatten(d).map((x) => [x.name, x.default ?? null]));
      this.blanks.set(d.name, Object.fromEntries(props.map((x) => [x.name, defaults.get(x.name) ?? null])));
      const chain: string[] = [];
      for (let c: ClassDef | undefined = d; c; c = c.superClass ? defByName.get(c.superClass) : undefined) chain.push(c.name);
      this.ancestors.set(d.name, chain);
    }
  }

  /**
   * Every property of the class in class order, set to its MOF default or null: WMI returns
   * every property of an instance, nil when it has no value, and so does the model.
   */
  blank(className: string): Record<string, CimValue> {
    const c = this.resolve(className);
    const b = c ? this.blanks.get(c) : undefined;
    if (!b) throw new Error(`no class ${className}`);
    return { ...b };
  }

  /** Every class, or those of one namespace. */
  classes(namespace?: string): CimClassInfo[] {
    if (!namespace) return [...this.ordered];
    const ns = normalizeNamespace(namespace);
    return this.ordered.filter((c) => c.namespace === ns);
  }

  /** The class a name means: exact (any case), else the CIM_ form of a short name. */
  info(name: string): CimClassInfo | undefined {
    const l = name.toLowerCase();
    return this.byLower.get(l) ?? (l.startsWith('cim_') ? undefined : this.byLower.get('cim_' + l));
  }

  /** Canonical spelling of a class name, or undefined. */
  resolve(name: string): string | undefined {
    return this.info(name)?.name;
  }

  property(className: string, prop: string): CimPropertyInfo | undefined {
    const c = this.resolve(className);
    return c ? this.propIndex.get(c)?.get(prop.toLowerCase()) : undefined;
  }

  keys(className: string): string[] {
    return this.info(className)?.properties.filter((x) => x.key).map((x) => x.name) ?? [];
  }

  /** The class and its superclasses, most derived first. */
  lineage(className: string): string[] {
    const c = this.resolve(className);
    return c ? [...(this.ancestors.get(c) ?? [])] : [];
  }

  /** True when `className` is `ancestor` or derives from it (both resolved as in info()). */
  isa(className: string, ancestor: string): boolean {
    const a = this.resolve(ancestor);
    return a !== undefined && this.lineage(className).includes(a);
  }

  /** The class to instantiate for a Windows short name under these semantics. */
  concrete(base: ConcreteBase): string {
    return this.semantics === 'windows' ? base : `CIM_${base}`;
  }

  /** Do two class names mean the same instantiable class (e.g. `NumericSensor` and `CIM_NumericSensor` under DMTF semantics)? */
  sameClass(x: string, y: string): boolean {
    const a = this.resolve(x);
    return a !== undefined && a === this.resolve(y);
  }
}
