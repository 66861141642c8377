import type { CimInstance, CimValue } from '../types';
import type { Schema } from '../classes/schema';
import type { DeviceView, Part } from '../cache';

/** A set of property names a caller needs, or '*' for all. */
export type PropSet = '*' | ReadonlySet<string>;

/** What building instances may use besides the device view. */
export interface BuildContext {
  readonly schema: Schema;
  /** The device's reading max age (for PollingInterval). */
  readonly maxAgeMs: number;
  /** Instances of another concrete class from the same view (memoized): associations use it. */
  of(className: string): CimInstance[];
  /** RequestedState last asked of the device's ComputerSystem (RequestStateChange), if any. */
  readonly requestedState?: number;
}

/**
 * Produces the instances of one concrete class. Device-scoped providers build from one
 * device's view; global ones (AdminDomain, RegisteredProfile) exist once per model.
 */
export interface Provider {
  readonly className: string;
  readonly scope: 'device' | 'global';
  /** Data parts needed to fill these properties (keys are always filled). */
  parts(props: PropSet): Part[];
  build(view: DeviceView | undefined, ctx: BuildContext): CimInstance[];
  /**
   * The instances that may have these keys (all of the class's keys, canonical spelling),
   * built from the same view as build() would: providers of many instances per device index
   * them, so a Get builds one instance, not the whole class. The repository still compares
   * every key. Absent: build() and search.
   */
  lookup?(view: DeviceView | undefined, ctx: BuildContext, keys: Record<string, CimValue>): CimInstance[];
  /** The device a key set belongs to (device-scoped providers), from the scoping key. */
  device?(keys: Record<string, CimValue>): string | undefined;
}

/** True when any of `names` is in the set. */
export function wants(props: PropSet, names: readonly string[]): boolean {
  return props === '*' || names.some((n) => props.has(n));
}

/** An instance with every property of the class at its default or null, for the caller to fill. */
export function newInstance(schema: Schema, className: string): CimInstance {
  const info = schema.info(className)!;
  return { className: info.name, namespace: info.namespace, properties: schema.blank(className) };
}

/** A complete instance: every property of the class (MOF default or null), then the values given. */
export function instance(schema: Schema, className: string, values: Record<string, CimValue | undefined>): CimInstance {
  const info = schema.info(className)!;
  const properties = schema.blank(className);
  for (const [k, v] of Object.entries(values)) if (v !== undefined && k in properties) properties[k] = v;
  return { className: info.name, namespace: info.namespace, properties };
}

/** `IPMI:<device>:<suffix>`: the InstanceID/Name form of per-device singletons (SEL, sensor collection). */
export function scopedId(device: string, suffix: string): string {
  return `IPMI:${device}:${suffix}`;
}
/** The device of a scopedId, or undefined. */
export function deviceOfScopedId(id: unknown, suffix: string): string | undefined {
  if (typeof id !== 'string') return undefined;
  const tail = `:${suffix}`;
  return id.startsWith('IPMI:') && id.endsWith(tail) ? id.slice(5, id.length - tail.length) : undefined;
}
