import { ACTION, DIALECT, NS, URI } from '../ns';
import { fault, FAULTS } from '../faults';
import type { Out, Selector } from '../envelope';
import { eprContent } from '../epr';
import type { EnumItem } from '../enumeration';
import type { EnumerateSpec, EnumSource, OpContext, OpResult, ResourceHandler } from '../ops';
import { attr, child, childrenOf, textOf } from '../xml/tree';
import { CERTMAPPING, CertMapping, CollectionSpec, LISTENER, ListenerConfig } from './collections';
import { findSection } from './schema';
import type { ConfigStore } from './store';
import { parseRecordBody, parseSectionBody, recordXml, sectionXml } from './xml';

/**
 * The winrm/config resources over WS-Man (research/wsman.md §2.1): the settings sections
 * (Get, Put), winrm/config/listener and winrm/config/service/certmapping (Enumerate, Get,
 * Put, Create, Delete). Every operation here needs write access (RootSDDL), as on Windows
 * where configuration is for administrators.
 */
type ConfigResource =
  | { kind: 'section'; path: string[] }
  | { kind: 'listener' }
  | { kind: 'certmapping' };

export function parseConfigUri(uri: string): ConfigResource | undefined {
  const lower = uri.toLowerCase().replace(/\/+$/, '');
  if (lower !== URI.config && !lower.startsWith(URI.config + '/')) return undefined;
  const path = lower.slice(URI.config.length).split('/').filter(Boolean);
  if (path.join('/') === 'listener') return { kind: 'listener' };
  if (path.join('/') === 'service/certmapping') return { kind: 'certmapping' };
  return findSection(path) ? { kind: 'section', path } : undefined;
}

export interface ConfigHooks {
  /** Addresses a listener is currently listening on (ListeningOn, computed). */
  listeningOn(l: ListenerConfig): string[];
}

export class ConfigHandler implements ResourceHandler {
  readonly alwaysWrite = true;
  constructor(
    private readonly store: ConfigStore,
    private readonly hooks: ConfigHooks,
  ) {}

  private resource(ctx: OpContext): ConfigResource {
    const r = parseConfigUri(ctx.req.resourceUri ?? '');
    if (!r) throw fault.badUri(ctx.req.resourceUri ?? '');
    return r;
  }

  private listenerXml(l: ListenerConfig): string {
    return recordXml(LISTENER, l, { ListeningOn: this.hooks.listeningOn(l) });
  }

  async get(ctx: OpContext): Promise<OpResult> {
    const r = this.resource(ctx);
    const action = ACTION.Get + 'Response';
    if (r.kind === 'section') {
      noSelectors(ctx.req.selectors);
      return { action, body: sectionXml(findSection(r.path)!, r.path, this.store.section(r.path)) };
    }
    if (r.kind === 'listener') {
      const [a, t] = selectorValues(ctx.req.selectors, LISTENER);
      const l = this.store.findListener(a, t);
      if (!l) throw fault.notFound(`Listener Address=${a} Transport=${t}`);
      return { action, body: this.listenerXml(l) };
    }
    const [u, s, i] = selectorValues(ctx.req.selectors, CERTMAPPING);
    const m = this.store.findCertMapping(u, s, i);
    if (!m) throw fault.notFound('certmapping');
    return { action, body: recordXml(CERTMAPPING, m) };
  }

  async put(ctx: OpContext): Promise<OpResult> {
    const r = this.resource(ctx);
    const action = ACTION.Put + 'Response';
    if (ctx.req.fragmentTransfer !== undefined) throw fault.of('UnsupportedFeature', 'Fragment transfer is not supported for winrm/config.', 'FragmentLevelAccess');
    if (!ctx.req.payload) throw fault.of('InvalidRepresentation', 'The Put request has no body.', 'MissingValues');
    if (r.kind === 'section') {
      noSelectors(ctx.req.selectors);
      const sec = findSection(r.path)!;
      const tree = this.store.putSection(r.path, parseSectionBody(ctx.req.payload, sec));
      return { action, body: sectionXml(sec, r.path, tree) };
    }
    if (r.kind === 'listener') {
      const [a, t] = selectorValues(ctx.req.selectors, LISTENER);
      const props = parseRecordBody(ctx.req.payload, LISTENER, ['ListeningOn']);
      sameKeys(props, { Address: a, Transport: t });
      const l = this.store.putListener(a, t, withoutKeys(props, LISTENER) as Partial<ListenerConfig>);
      return { action, body: this.listenerXml(l) };
    }
    const [u, s, i] = selectorValues(ctx.req.selectors, CERTMAPPING);
    const props = parseRecordBody(ctx.req.payload, CERTMAPPING, []);
    const m = this.store.putCertMapping(u, s, i, withoutKeys(props, CERTMAPPING) as Partial<CertMapping>);
    return { action, body: recordXml(CERTMAPPING, m) };
  }

  async create(ctx: OpContext): Promise<OpResult> {
    const r = this.resource(ctx);
    const x = ctx.out.style.x;
    const created = (uri: string, sels: Array<[string, string]>) => ({
      action: ACTION.Create + 'Response',
      body: `<${x}:ResourceCreated>${eprContent(ctx.out, uri, sels)}</${x}:ResourceCreated>`,
    });
    if (r.kind === 'listener') {
      const [a, t] = selectorValues(ctx.req.selectors, LISTENER);
      const props = parseRecordBody(ctx.req.payload, LISTENER, ['ListeningOn']);
      sameKeys(props, { Address: a, Transport: t });
      const l = this.store.createListener(a, t, withoutKeys(props, LISTENER) as Partial<ListenerConfig>);
      return created(`${URI.config}/listener`, [['Address', l.Address], ['Transport', l.Transport]]);
    }
    if (r.kind === 'certmapping') {
      const [u, s, i] = selectorValues(ctx.req.selectors, CERTMAPPING);
      const props = parseRecordBody(ctx.req.payload, CERTMAPPING, []);
      const m = this.store.createCertMapping({ URI: u, Subject: s, Issuer: i, UserName: props.UserName ?? '', Enabled: props.Enabled ?? 'true' });
      return created(`${URI.config}/service/certmapping`, [['URI', m.URI], ['Subject', m.Subject], ['Issuer', m.Issuer]]);
    }
    throw fault.of('ActionNotSupported', 'The WS-Management service cannot create this configuration resource; only listeners and certmapping entries can be created.');
  }

  async delete(ctx: OpContext): Promise<OpResult> {
    const r = this.resource(ctx);
    if (r.kind === 'listener') {
      const [a, t] = selectorValues(ctx.req.selectors, LISTENER);
      this.store.deleteListener(a, t);
    } else if (r.kind === 'certmapping') {
      const [u, s, i] = selectorValues(ctx.req.selectors, CERTMAPPING);
      this.store.deleteCertMapping(u, s, i);
    } else {
      throw fault.of('ActionNotSupported', 'The WS-Management service cannot delete this configuration resource; only listeners and certmapping entries can be deleted.');
    }
    return { action: ACTION.Delete + 'Response', body: '' };
  }

  async enumerate(ctx: OpContext, spec: EnumerateSpec): Promise<EnumSource> {
    const r = this.resource(ctx);
    if (r.kind === 'section') throw fault.of('ActionNotSupported', 'The WS-Management service cannot enumerate this configuration resource; use Get.');
    let wanted: Array<{ name: string; value: string }> = [];
    if (spec.filter) {
      if (spec.filter.dialect !== DIALECT.selector) throw fault.of('FilteringNotSupported', 'winrm/config resources can only be filtered with the SelectorFilter dialect.');
      wanted = childrenOf(child(spec.filter.el, NS.w, 'SelectorSet'), NS.w, 'Selector').map((s) => ({ name: attr(s, '', 'Name') ?? '', value: textOf(s).toLowerCase() }));
    }
    const items: EnumItem[] = [];
    const add = <T extends object>(spec2: CollectionSpec<T>, recs: readonly T[], uri: string, xml: (rec: T) => string) => {
      for (const rec of recs) {
        const get = (n: string) => String((rec as Record<string, unknown>)[spec2.fields.find((f) => f.toLowerCase() === n.toLowerCase()) ?? ''] ?? '');
        if (!wanted.every((w) => get(w.name).toLowerCase() === w.value)) continue;
        items.push({
          object: () => xml(rec),
          epr: (out: Out) => `<${out.style.a}:EndpointReference>${eprContent(out, uri, spec2.keys.map((k) => [k, String(rec[k])]))}</${out.style.a}:EndpointReference>`,
        });
      }
    };
    if (r.kind === 'listener') add(LISTENER, this.store.listeners(), `${URI.config}/listener`, (l) => this.listenerXml(l));
    else add(CERTMAPPING, this.store.certMappings(), `${URI.config}/service/certmapping`, (m) => recordXml(CERTMAPPING, m));
    return { iter: (async function* () {
      yield* items;
    })(), total: items.length };
  }
}

function noSelectors(sels: readonly Selector[]): void {
  if (sels.length) throw fault.invalidSelectors('UnexpectedSelectors', `${FAULTS.InvalidSelectors.text} This resource takes no selectors.`);
}

/** The key selectors of a collection, in key order; missing, unknown or repeated ones fault. */
function selectorValues<T extends object>(sels: readonly Selector[], spec: CollectionSpec<T>): string[] {
  const base = FAULTS.InvalidSelectors.text;
  const seen = new Map<string, string>();
  for (const s of sels) {
    const k = spec.keys.find((x) => x.toLowerCase() === s.name.toLowerCase());
    if (!k) throw fault.invalidSelectors('UnexpectedSelectors', `${base} ${s.name} is not a selector of ${spec.element} (selectors: ${spec.keys.join(', ')}).`);
    if (seen.has(k)) throw fault.invalidSelectors('DuplicateSelectors', `${base} The selector ${s.name} appears more than once.`);
    seen.set(k, s.value);
  }
  const missing = spec.keys.filter((k) => !seen.has(k));
  if (missing.length) throw fault.invalidSelectors('InsufficientSelectors', `${base} Missing: ${missing.join(', ')}.`);
  return spec.keys.map((k) => seen.get(k)!);
}

function sameKeys(props: Partial<Record<string, string>>, keys: Record<string, string>): void {
  for (const [k, v] of Object.entries(keys)) {
    const b = props[k];
    if (b !== undefined && b.toLowerCase() !== v.toLowerCase())
      throw fault.of('InvalidRepresentation', `The body says ${k}=${b} but the selectors say ${k}=${v}.`, 'InvalidValues');
  }
}

function withoutKeys<T extends object>(props: Partial<Record<string, string>>, spec: CollectionSpec<T>): Partial<Record<string, string>> {
  const out = { ...props };
  for (const k of spec.keys) delete out[k];
  return out;
}
