/**
 * The contract between the root\hardware model (src/model) and its front ends (WS-Man,
 * the `wql` CLI, metrics). Front ends call only this interface.
 */

/** A CIM value as carried over WS-Man: scalars, arrays, datetimes (as Date), references, null. */
export type CimScalar = string | number | boolean | Date | CimReference | null;
export type CimValue = CimScalar | CimScalar[];

export interface CimReference {
  readonly kind: 'reference';
  className: string;
  namespace: string;
  keys: Record<string, string | number>;
}

export interface CimInstance {
  /** The most derived class, e.g. 'CIM_NumericSensor'. */
  className: string;
  /** CIM namespace, e.g. 'root/hardware'. */
  namespace: string;
  /** Property values, DMTF spelling exactly (CurrentReading, BaseUnits ...). */
  properties: Record<string, CimValue>;
  /**
   * Set when a WQL SELECT named its properties: `properties` holds only these, in this order
   * (WinRM returns such results as a w:XmlFragment, not as a class instance).
   */
  selected?: string[];
}

export type CimType =
  | 'string' | 'boolean' | 'uint8' | 'uint16' | 'uint32' | 'uint64'
  | 'sint8' | 'sint16' | 'sint32' | 'sint64' | 'real32' | 'real64' | 'datetime' | 'reference';

export interface CimPropertyInfo {
  name: string;
  type: CimType;
  array?: boolean;
  key?: boolean;
  /** Writable through Put (e.g. threshold properties). */
  writable?: boolean;
  /** For references: the referenced class. */
  refClass?: string;
  valueMap?: Record<string, string>;
  description?: string;
}
export interface CimMethodInfo {
  name: string;
  parameters: Array<{ name: string; type: CimType; in: boolean; out: boolean; array?: boolean; refClass?: string }>;
  returns: CimType;
}
export interface CimClassInfo {
  name: string;
  namespace: string;
  superClass?: string;
  abstract?: boolean;
  association?: boolean;
  properties: CimPropertyInfo[];
  methods: CimMethodInfo[];
}

/** Who is invoking a method (front ends pass what they know; absent = the repository's default). */
export interface InvokeContext {
  /** IPMI privilege the caller may use for raw pass-through (Microsoft_IPMI.RequestResponse). */
  privilege?: 'callback' | 'user' | 'operator' | 'administrator';
}

export interface EnumerateOptions {
  /** Include instances of subclasses (WS-Man default and WMI's deep enumeration). */
  deep?: boolean;
  /** Restrict to one device (ComputerSystem name). */
  device?: string;
}

/**
 * The model's repository. Errors are CimError (lib/errors): NOT_FOUND, INVALID_CLASS,
 * INVALID_QUERY (with the position), INVALID_PARAMETER, NOT_SUPPORTED, FAILED (device error).
 */
export interface ModelRepository {
  classes(namespace?: string): CimClassInfo[];
  classInfo(className: string): CimClassInfo | undefined;
  /** Instances of a class, produced incrementally so a fleet is never materialised whole. */
  enumerate(className: string, opts?: EnumerateOptions): AsyncIterable<CimInstance>;
  get(className: string, keys: Record<string, string>): Promise<CimInstance>;
  /** WQL: SELECT, ASSOCIATORS OF, REFERENCES OF. */
  query(wql: string, opts?: { namespace?: string }): AsyncIterable<CimInstance>;
  /** Put: change writable properties; returns the instance after the change. */
  put(className: string, keys: Record<string, string>, properties: Record<string, CimValue>): Promise<CimInstance>;
  invoke(
    className: string,
    keys: Record<string, string> | undefined,
    method: string,
    args: Record<string, CimValue>,
    ctx?: InvokeContext,
  ): Promise<{ returnValue: number; out: Record<string, CimValue> }>;
}
