import type { CimClassInfo, ModelRepository } from '../../../model/types';
import { fault } from '../faults';
import { URI } from '../ns';
import type { Selector } from '../envelope';

/**
 * CIM resource URIs (MS-WSMV 3.1.4.1.1): the WMI form …/wsman/1/wmi/<namespace path>/<Class>,
 * the DMTF form …/wscim/1/cim-schema/2/<Class> with the namespace in the `__cimnamespace`
 * selector (root/hardware when absent), and `*` in either form for a whole namespace
 * (with a WQL or association filter).
 */
export type CimTarget =
  | { kind: 'class'; uri: string; namespace: string; info: CimClassInfo }
  | { kind: 'all'; uri: string; namespace: string };

export const DEFAULT_NAMESPACE = 'root/hardware';
export const CIMNAMESPACE_SELECTOR = '__cimnamespace';

/** A few namespaces are named over and over (one per request, one per rendered instance). */
const normalized = new Map<string, string>();
const NORMALIZED_MAX = 256;

export function normalizeNamespace(ns: string): string {
  let n = normalized.get(ns);
  if (n === undefined) {
    n = ns.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '').toLowerCase();
    // Names come from requests too: the memo is bounded.
    if (normalized.size >= NORMALIZED_MAX) normalized.clear();
    normalized.set(ns, n);
  }
  return n;
}

/** The resource URI of a class: DMTF form for CIM_ (schema version 2) classes, WMI form otherwise. */
export function resourceUriFor(className: string, namespace: string): string {
  return /^CIM_/i.test(className) ? URI.dmtfCim + className : URI.wmi + normalizeNamespace(namespace) + '/' + className;
}

/** Whether the EPR of an instance needs the `__cimnamespace` selector (DMTF-form URIs only). */
export function needsNamespaceSelector(uri: string): boolean {
  return uri.toLowerCase().startsWith(URI.dmtfCim.toLowerCase());
}

export function isCimUri(uri: string): boolean {
  const u = uri.toLowerCase();
  return u.startsWith(URI.wmi.toLowerCase()) || u.startsWith(URI.dmtfCim.toLowerCase()) || u === URI.dmtfAll.toLowerCase();
}

export class ClassIndex {
  private byName = new Map<string, CimClassInfo>();
  private namespaces = new Set<string>();
  constructor(private readonly model: ModelRepository) {
    this.refresh();
  }
  refresh(): void {
    this.byName.clear();
    this.namespaces.clear();
    for (const c of this.model.classes()) {
      this.byName.set(`${normalizeNamespace(c.namespace)}:${c.name.toLowerCase()}`, c);
      this.namespaces.add(normalizeNamespace(c.namespace));
    }
  }
  find(namespace: string, className: string): CimClassInfo | undefined {
    const key = `${normalizeNamespace(namespace)}:${className.toLowerCase()}`;
    let c = this.byName.get(key);
    if (!c) {
      this.refresh();
      c = this.byName.get(key);
    }
    return c;
  }
  /** Class info for a returned instance (its most derived class). */
  info(className: string, namespace: string): CimClassInfo | undefined {
    return this.find(namespace, className) ?? this.model.classInfo(className);
  }
  hasNamespace(ns: string): boolean {
    if (!this.namespaces.has(normalizeNamespace(ns))) this.refresh();
    return this.namespaces.has(normalizeNamespace(ns));
  }
}

export function resolveCimUri(uri: string, selectors: readonly Selector[], index: ClassIndex): CimTarget {
  const lower = uri.toLowerCase();
  let namespace: string;
  let cls: string;
  if (lower.startsWith(URI.wmi.toLowerCase())) {
    const rest = uri.slice(URI.wmi.length);
    const i = rest.lastIndexOf('/');
    if (i <= 0) throw fault.badUri(uri);
    namespace = normalizeNamespace(rest.slice(0, i));
    cls = rest.slice(i + 1);
    const sel = selectors.find((s) => s.name === CIMNAMESPACE_SELECTOR);
    if (sel && normalizeNamespace(sel.value) !== namespace) throw fault.badUri(`${uri} (__cimnamespace ${sel.value})`);
  } else if (lower.startsWith(URI.dmtfCim.toLowerCase()) || lower === URI.dmtfAll.toLowerCase()) {
    cls = lower === URI.dmtfAll.toLowerCase() ? '*' : uri.slice(URI.dmtfCim.length);
    const sel = selectors.find((s) => s.name === CIMNAMESPACE_SELECTOR);
    namespace = normalizeNamespace(sel?.value || DEFAULT_NAMESPACE);
  } else {
    throw fault.badUri(uri);
  }
  if (!index.hasNamespace(namespace)) throw fault.badUri(uri);
  if (cls === '*') return { kind: 'all', uri, namespace };
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(cls)) throw fault.badUri(uri);
  const info = index.find(namespace, cls);
  if (!info) throw fault.badUri(uri);
  return { kind: 'class', uri, namespace, info };
}
