import type { CimClassInfo, CimMethodInfo, CimPropertyInfo, CimType, CimValue } from '../types';

/**
 * Class definitions are data: name, superclass, own properties (CIM type, array, key,
 * writable, value map) and methods. The schema (schema.ts) flattens inheritance once; the
 * WQL evaluator, the repository and the front ends all read that one table.
 */

/** Which semantics a model serves (see docs/cim-model.md "Semantics"). */
export type Semantics = 'windows' | 'dmtf';

export interface PropDef extends CimPropertyInfo {
  /** Only present in the DMTF 2.41 schema (absent from Windows' CIM 2.8/2.9 root\hardware). */
  dmtf?: true;
  /** Value maps that differ between the two schemas (e.g. SensorType stops at 12 on Windows). */
  valueMapBySemantics?: Record<Semantics, Record<string, string>>;
  /** The MOF default value (e.g. EnabledState = 5); instances start from it. */
  default?: CimValue;
}

export interface ClassDef {
  name: string;
  /** 'root/hardware' unless stated. */
  namespace?: string;
  superClass?: string;
  abstract?: boolean;
  association?: boolean;
  /** Present only under these semantics (default: both). */
  only?: Semantics;
  properties: PropDef[];
  methods?: CimMethodInfo[];
}

export const HARDWARE = 'root/hardware';
export const WMI = 'root/wmi';

type Opts = Omit<PropDef, 'name' | 'type'>;
/** A scalar property. */
export const p = (name: string, type: CimType, o: Opts = {}): PropDef => ({ name, type, ...o });
/** An array property. */
export const a = (name: string, type: CimType, o: Opts = {}): PropDef => ({ name, type, array: true, ...o });
/** A key property (string unless stated). */
export const k = (name: string, type: CimType = 'string', o: Opts = {}): PropDef => ({ name, type, key: true, ...o });
/** A reference property of an association (always a key, DSP0004 §5.1.2.13). */
export const ref = (name: string, refClass: string): PropDef => ({ name, type: 'reference', refClass, key: true });

type Param = CimMethodInfo['parameters'][number];
export const pin = (name: string, type: CimType): Param => ({ name, type, in: true, out: false });
export const pout = (name: string, type: CimType): Param => ({ name, type, in: false, out: true });
export const m = (name: string, parameters: Param[] = [], returns: CimType = 'uint32'): CimMethodInfo => ({
  name,
  parameters,
  returns,
});

/** A value map from a list: index = value. */
export function enumMap(values: readonly string[], start = 0): Record<string, string> {
  const o: Record<string, string> = {};
  values.forEach((v, i) => (o[String(start + i)] = v));
  return o;
}

export type { CimClassInfo };
