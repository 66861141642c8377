import type { CimClassInfo, CimInstance, CimPropertyInfo, CimReference, CimScalar, CimValue } from '../../../model/types';
import { Out } from '../envelope';
import { NS } from '../ns';
import { eprContent } from '../epr';
import { esc, escAttr } from '../xml/write';
import { CIMNAMESPACE_SELECTOR, needsNamespaceSelector, resourceUriFor } from './resource';

/**
 * CIM instances on the wire as WinRM writes them (DSP0230 / DSP0227 §8.1; research/cim-model.md
 * §3.2): root element = the class name in the class's resource URI namespace, every property
 * of the class in declaration order, null as xsi:nil="true", arrays as repeated elements (an
 * empty array as one nil element), datetimes as cim:Datetime (xs:dateTime), references as
 * EPR content.
 */

/** A DMTF datetime string (DSP0004 §5.2.4), used for datetime values in selectors. */
export function dmtfDatetime(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}+000`;
}

export function isReference(v: unknown): v is CimReference {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && (v as CimReference).kind === 'reference';
}

/** Canonical text of a scalar (also used to compare values on Put). */
export function scalarText(v: Exclude<CimScalar, null | CimReference>): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'INF' : v === -Infinity ? '-INF' : String(v);
  return String(v);
}

/** Selector text of a key value. */
export function selectorText(v: CimValue): string {
  if (v === null || Array.isArray(v)) return '';
  if (v instanceof Date) return dmtfDatetime(v);
  if (isReference(v)) return objectPath(v);
  return scalarText(v);
}

/** A WMI object path for a reference used as a key: Class.Key="v",Key2=2. */
export function objectPath(r: CimReference): string {
  const keys = Object.entries(r.keys)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v : `"${String(v).replace(/["\\]/g, (c) => '\\' + c)}"`}`)
    .join(',');
  return `${r.className}.${keys}`;
}

export interface RenderEnv {
  out: Out;
  info(className: string, namespace: string): CimClassInfo | undefined;
}

export function eprContentFor(env: RenderEnv, className: string, namespace: string, keys: Array<[string, string]>): string {
  const uri = resourceUriFor(className, namespace);
  const sels = [...keys];
  if (needsNamespaceSelector(uri)) sels.push([CIMNAMESPACE_SELECTOR, namespace]);
  return eprContent(env.out, uri, sels);
}

export function instanceKeys(env: RenderEnv, inst: CimInstance): Array<[string, string]> {
  const info = env.info(inst.className, inst.namespace);
  const keyProps = info?.properties.filter((p) => p.key).map((p) => p.name) ?? [];
  return keyProps.map((k) => [k, selectorText(inst.properties[k] ?? null)]);
}

export function instanceEpr(env: RenderEnv, inst: CimInstance, qname?: string): string {
  const q = qname ?? `${env.out.style.a}:EndpointReference`;
  return `<${q}>${eprContentFor(env, inst.className, inst.namespace, instanceKeys(env, inst))}</${q}>`;
}

function valueXml(env: RenderEnv, q: string, v: CimScalar, type: CimPropertyInfo['type'] | undefined): string {
  if (v === null || (v instanceof Date && Number.isNaN(v.getTime()))) return `<${q} xsi:nil="true"/>`;
  if (isReference(v)) {
    const keys = Object.entries(v.keys).map(([k, x]) => [k, String(x)] as [string, string]);
    return `<${q}>${eprContentFor(env, v.className, v.namespace, keys)}</${q}>`;
  }
  if (v instanceof Date || type === 'datetime') {
    const decl = env.out.style.name === 'windows' ? '' : ` xmlns:cim="${NS.cim}"`;
    return `<${q}><cim:Datetime${decl}>${esc(scalarText(v))}</cim:Datetime></${q}>`;
  }
  return `<${q}>${esc(scalarText(v))}</${q}>`;
}

export function propertyXml(env: RenderEnv, prefix: string, name: string, v: CimValue | undefined, prop?: CimPropertyInfo): string {
  const q = prefix ? `${prefix}:${name}` : name;
  if (v === undefined || v === null) return `<${q} xsi:nil="true"/>`;
  if (Array.isArray(v)) return v.length === 0 ? `<${q} xsi:nil="true"/>` : v.map((x) => valueXml(env, q, x, prop?.type)).join('');
  return valueXml(env, q, v, prop?.type);
}

/** One property of a class under one prefix, its tags written once (instanceXml). */
interface CompiledProperty {
  readonly prop: CimPropertyInfo;
  readonly open: string;
  readonly close: string;
  readonly nil: string;
  /** Strings and numbers go straight between the tags (not datetime-typed). */
  readonly plain: boolean;
}
interface CompiledClass {
  readonly props: readonly CompiledProperty[];
  readonly names: readonly string[];
  readonly nameSet: ReadonlySet<string>;
}
/** Per class info and prefix: the tags of every property, built on first use. */
const compiled = new WeakMap<CimClassInfo, Map<string, CompiledClass>>();

function compile(info: CimClassInfo, prefix: string): CompiledClass {
  let byPrefix = compiled.get(info);
  if (!byPrefix) compiled.set(info, (byPrefix = new Map()));
  let c = byPrefix.get(prefix);
  if (!c) {
    const props = info.properties.map((p): CompiledProperty => {
      const q = prefix ? `${prefix}:${p.name}` : p.name;
      return { prop: p, open: `<${q}>`, close: `</${q}>`, nil: `<${q} xsi:nil="true"/>`, plain: p.type !== 'datetime' };
    });
    const names = info.properties.map((p) => p.name);
    c = { props, names, nameSet: new Set(names) };
    byPrefix.set(prefix, c);
  }
  return c;
}

/** One scalar between the tags when that needs no more than text (strings, numbers, booleans). */
function plainXml(cp: CompiledProperty, v: unknown): string | undefined {
  // Numbers never need escaping (digits, '.', 'e', '-', NaN, INF).
  if (typeof v === 'string') return cp.open + esc(v) + cp.close;
  if (typeof v === 'number') return cp.open + scalarText(v) + cp.close;
  if (typeof v === 'boolean') return cp.open + (v ? 'true' : 'false') + cp.close;
  return undefined;
}

/** propertyXml for a compiled property: the same text, without building the tags again. */
function compiledPropertyXml(env: RenderEnv, cp: CompiledProperty, v: CimValue | undefined): string {
  if (v === undefined || v === null) return cp.nil;
  if (cp.plain) {
    const x = plainXml(cp, v);
    if (x !== undefined) return x;
  }
  const q = cp.open.slice(1, -1);
  if (!Array.isArray(v)) return valueXml(env, q, v, cp.prop.type);
  if (v.length === 0) return cp.nil;
  let xml = '';
  for (const x of v) xml += (cp.plain ? plainXml(cp, x) : undefined) ?? valueXml(env, q, x, cp.prop.type);
  return xml;
}

/** One instance element with every property of its class. */
export function instanceXml(env: RenderEnv, inst: CimInstance): string {
  const info = env.info(inst.className, inst.namespace);
  const uri = resourceUriFor(inst.className, inst.namespace);
  const { prefix, local } = env.out.classPrefix(uri);
  const c = inst.className;
  let xml: string;
  if (local) {
    xml = `<${prefix}:${c} xmlns:${prefix}="${escAttr(uri)}" xmlns:xsi="${NS.xsi}" xmlns:cim="${NS.cim}" xsi:type="${prefix}:${c}_Type">`;
  } else {
    env.out.envPrefix('xsi', NS.xsi);
    xml = `<${prefix}:${c}>`;
  }
  const props = inst.properties;
  const cc = info ? compile(info, prefix) : undefined;
  const keys = Object.keys(props);
  const names = cc?.names ?? [];
  let same = keys.length === names.length;
  for (let i = 0; same && i < keys.length; i++) same = keys[i] === names[i];
  if (cc && same) {
    // The usual case: exactly the class's properties, in its order (model instances start
    // from Schema.blank): the values in one pass, no lookup by name.
    const values = Object.values(props);
    for (let i = 0; i < values.length; i++) xml += compiledPropertyXml(env, cc.props[i], values[i]);
  } else {
    if (cc) for (const cp of cc.props) xml += compiledPropertyXml(env, cp, props[cp.prop.name]);
    // Properties the class does not declare follow, in the instance's order.
    for (const k of keys) if (!cc?.nameSet.has(k)) xml += propertyXml(env, prefix, k, props[k]);
  }
  return xml + `</${prefix}:${c}>`;
}

/**
 * A WQL projection (SELECT a, b FROM ...) as WinRM returns it: a wsman:XmlFragment with
 * unprefixed property elements (research/cim-model.md §3.2).
 */
export function fragmentXml(env: RenderEnv, inst: CimInstance): string {
  const w = env.out.style.w;
  if (env.out.style.name !== 'windows') env.out.envPrefix('xsi', NS.xsi);
  const decl = env.out.style.name === 'windows' ? ` xmlns:xsi="${NS.xsi}" xmlns:cim="${NS.cim}"` : '';
  const info = env.info(inst.className, inst.namespace);
  const names = inst.selected ?? Object.keys(inst.properties);
  const body = names.map((k) => propertyXml(env, '', k, inst.properties[k], info?.properties.find((p) => p.name === k))).join('');
  return `<${w}:XmlFragment${decl}>${body}</${w}:XmlFragment>`;
}
