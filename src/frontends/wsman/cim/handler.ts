import type { CimClassInfo, CimInstance, CimValue, ModelRepository } from '../../../model/types';
import { CimError } from '../../../lib/errors';
import { ACTION, DIALECT, NS } from '../ns';
import { fault, FAULTS } from '../faults';
import type { Out, Selector } from '../envelope';
import type { EnumItem } from '../enumeration';
import type { EnumerateSpec, EnumSource, FilterSpec, OpContext, OpResult, ResourceHandler } from '../ops';
import { attr, child, childrenOf, textOf, XElement } from '../xml/tree';
import { escAttr } from '../xml/write';
import { cimFault, CimOp } from './errors';
import { fragmentXml, instanceEpr, instanceXml, propertyXml, RenderEnv } from './render';
import { CIMNAMESPACE_SELECTOR, ClassIndex, CimTarget, normalizeNamespace, resolveCimUri } from './resource';
import { canonical, parseProperty, ValueError } from './values';

/**
 * The root\hardware classes (and any other namespace the model serves) over WS-Transfer,
 * WS-Enumeration and custom actions (DSP0227 WS-CIM mapping; MS-WSMV 3.1.4.1.x for WMI).
 * WQL and association queries are the model's (ModelRepository.query); this handler passes
 * the text through and maps CimError to faults (cim/errors.ts).
 */
export class CimHandler implements ResourceHandler {
  readonly index: ClassIndex;
  constructor(private readonly model: ModelRepository) {
    this.index = new ClassIndex(model);
  }

  env(out: Out): RenderEnv {
    return { out, info: (c, ns) => this.index.info(c, ns) };
  }

  target(ctx: OpContext): CimTarget {
    return resolveCimUri(ctx.req.resourceUri ?? '', ctx.req.selectors, this.index);
  }

  private classTarget(ctx: OpContext): Extract<CimTarget, { kind: 'class' }> {
    const t = this.target(ctx);
    if (t.kind !== 'class') throw fault.badUri(t.uri);
    return t;
  }

  private async call<T>(op: CimOp, p: () => Promise<T>): Promise<T> {
    try {
      return await p();
    } catch (e) {
      if (e instanceof CimError) throw cimFault(e, op);
      throw e;
    }
  }

  /** The instance named by the selectors, or the only instance when none are given. */
  private async instance(ctx: OpContext, info: CimClassInfo, op: CimOp): Promise<{ keys: Record<string, string>; inst: CimInstance }> {
    const keys = keysFromSelectors(info, ctx.req.selectors);
    if (keys) return { keys, inst: await this.call(op, () => this.model.get(info.name, keys)) };
    // DSP0226 §7.1: a resource with a single instance may be addressed without selectors.
    const found: CimInstance[] = [];
    await this.call(op, async () => {
      for await (const i of this.model.enumerate(info.name, { deep: true })) {
        found.push(i);
        if (found.length > 1) break;
      }
    });
    if (found.length !== 1) throw insufficient(info);
    const only = found[0];
    const ki = this.index.info(only.className, only.namespace) ?? info;
    const k = Object.fromEntries(ki.properties.filter((p) => p.key).map((p) => [p.name, String(only.properties[p.name] ?? '')]));
    return { keys: k, inst: only };
  }

  async get(ctx: OpContext): Promise<OpResult> {
    const t = this.classTarget(ctx);
    const { inst } = await this.instance(ctx, t.info, 'get');
    const env = this.env(ctx.out);
    if (ctx.req.fragmentTransfer !== undefined) {
      const name = fragmentProperty(ctx.req.fragmentTransfer);
      const info = this.index.info(inst.className, inst.namespace) ?? t.info;
      const prop = info.properties.find((p) => p.name.toLowerCase() === name.toLowerCase());
      if (!prop) throw fault.of('InvalidParameter', `The fragment path "${ctx.req.fragmentTransfer}" does not name a property of ${info.name}.`);
      return { action: ACTION.Get + 'Response', body: fragmentXml(env, { ...inst, properties: { [prop.name]: inst.properties[prop.name] ?? null } }) };
    }
    return { action: ACTION.Get + 'Response', body: instanceXml(env, inst) };
  }

  async put(ctx: OpContext): Promise<OpResult> {
    const t = this.classTarget(ctx);
    const { keys, inst: current } = await this.instance(ctx, t.info, 'put');
    const info = this.index.info(current.className, current.namespace) ?? t.info;
    const payload = ctx.req.payload;
    if (!payload) throw fault.of('InvalidRepresentation', 'The Put request has no body.', 'MissingValues');
    let groups: Map<string, XElement[]>;
    if (ctx.req.fragmentTransfer !== undefined) {
      if (payload.ns !== NS.w || payload.local !== 'XmlFragment') throw fault.of('InvalidRepresentation', 'A fragment Put carries a wsman:XmlFragment body.', 'InvalidFragment');
      groups = groupChildren(payload, undefined);
    } else {
      const okNs = [ctx.req.resourceUri ?? '', t.uri].map((u) => u.toLowerCase());
      if (!okNs.includes(payload.ns.toLowerCase()) && !payload.ns.toLowerCase().endsWith('/' + current.className.toLowerCase()))
        throw fault.of('InvalidRepresentation', `The body element is in namespace "${payload.ns}", not the resource URI of ${current.className}.`, 'InvalidNamespace');
      if (payload.local.toLowerCase() !== current.className.toLowerCase() && payload.local.toLowerCase() !== t.info.name.toLowerCase())
        throw fault.of('InvalidRepresentation', `The body element <${payload.local}> is not the class ${current.className}.`, 'InvalidValues');
      groups = groupChildren(payload, payload.ns);
    }
    const changes: Record<string, CimValue> = {};
    for (const [name, els] of groups) {
      const prop = info.properties.find((p) => p.name.toLowerCase() === name.toLowerCase());
      if (!prop) throw fault.of('InvalidRepresentation', `${name} is not a property of ${info.name}.`, 'InvalidValues');
      let v: CimValue;
      try {
        v = parseProperty(els, prop.type, !!prop.array, prop.name, this.index);
      } catch (e) {
        if (e instanceof ValueError) throw fault.of('InvalidRepresentation', e.message, 'InvalidValues');
        throw e;
      }
      if (canonical(v) === canonical(current.properties[prop.name])) continue;
      if (!prop.writable) throw fault.of('InvalidRepresentation', `The property ${prop.name} of ${info.name} is read-only and cannot be changed by Put.`, 'InvalidValues');
      changes[prop.name] = v;
    }
    const updated = Object.keys(changes).length ? await this.call('put', () => this.model.put(info.name, keys, changes)) : current;
    const env = this.env(ctx.out);
    if (ctx.req.fragmentTransfer !== undefined) {
      const name = fragmentProperty(ctx.req.fragmentTransfer);
      const p = info.properties.find((x) => x.name.toLowerCase() === name.toLowerCase());
      return { action: ACTION.Put + 'Response', body: fragmentXml(env, { ...updated, properties: p ? { [p.name]: updated.properties[p.name] ?? null } : {} }) };
    }
    return { action: ACTION.Put + 'Response', body: instanceXml(env, updated) };
  }

  async invoke(ctx: OpContext, methodName: string): Promise<OpResult> {
    const t = this.classTarget(ctx);
    const method = t.info.methods.find((m) => m.name.toLowerCase() === methodName.toLowerCase());
    if (!method) throw fault.of('ActionNotSupported', `The WS-Management service cannot process the request because the method ${methodName} is not a method of ${t.info.name}.`);
    const keys = keysFromSelectors(t.info, ctx.req.selectors);
    const input = ctx.req.payload;
    const args: Record<string, CimValue> = {};
    if (input) {
      if (input.local.toLowerCase() !== `${method.name}_input`.toLowerCase())
        throw fault.of('InvalidRepresentation', `The body of an Invoke of ${method.name} is <${method.name}_INPUT>, not <${input.local}>.`, 'InvalidValues');
      for (const [name, els] of groupChildren(input, input.ns)) {
        const p = method.parameters.find((x) => x.in && x.name.toLowerCase() === name.toLowerCase());
        if (!p) throw fault.of('InvalidParameter', `${name} is not an input parameter of ${t.info.name}.${method.name}.`, 'InvalidName');
        try {
          args[p.name] = parseProperty(els, p.type, !!p.array, p.name, this.index);
        } catch (e) {
          if (e instanceof ValueError) throw fault.of('InvalidParameter', e.message, 'TypeMismatch');
          throw e;
        }
      }
    }
    // Raw IPMI pass-through (Microsoft_IPMI) runs at administrator privilege only for members
    // of Administrators; other writers get operator, the repository's default.
    const admin = ctx.principal?.groups.some((g) => g.toLowerCase() === 'administrators') ?? false;
    const r = await this.call('invoke', () => this.model.invoke(t.info.name, keys, method.name, args, { privilege: admin ? 'administrator' : 'operator' }));
    const env = this.env(ctx.out);
    const uri = ctx.req.resourceUri ?? t.uri;
    const outs = method.parameters
      .filter((p) => p.out && r.out[p.name] !== undefined)
      .map((p) => propertyXml(env, 'p', p.name, r.out[p.name], { name: p.name, type: p.type }))
      .join('');
    const q = `p:${method.name}_OUTPUT`;
    const body = `<${q} xmlns:p="${escAttr(uri)}" xmlns:xsi="${NS.xsi}" xmlns:cim="${NS.cim}"><p:ReturnValue>${r.returnValue}</p:ReturnValue>${outs}</${q}>`;
    return { action: `${ctx.req.action}Response`, body };
  }

  async enumerate(ctx: OpContext, spec: EnumerateSpec): Promise<EnumSource> {
    const t = this.target(ctx);
    const source = this.source(t, spec.filter);
    const self = this;
    async function* items(): AsyncGenerator<EnumItem> {
      for await (const inst of source) {
        yield {
          // A WQL SELECT with a property list: the model marks it (CimInstance.selected).
          object: (out: Out) => (inst.selected ? fragmentXml(self.env(out), inst) : instanceXml(self.env(out), inst)),
          epr: (out: Out) => instanceEpr(self.env(out), inst),
        };
      }
    }
    const it = items();
    // Pull the first item now so that a bad filter faults the Enumerate, not the first Pull.
    const first = await this.call('enumerate', () => it.next());
    return { iter: prepend(first, it) };
  }

  private source(t: CimTarget, filter: FilterSpec | undefined): AsyncIterable<CimInstance> {
    if (!filter) {
      if (t.kind === 'all')
        throw fault.of('UnsupportedFeature', 'The WS-Management service cannot enumerate all classes of a namespace without a filter; use a WQL or association filter.', 'FilteringRequired');
      return this.model.enumerate(t.info.name, { deep: true });
    }
    const d = filter.dialect;
    if (isWqlLike(d)) {
      if (!filter.text) throw fault.of('CannotProcessFilter', 'The WS-Management service cannot process the request because the filter is empty.');
      return this.model.query(filter.text, { namespace: t.namespace });
    }
    if (d === DIALECT.selector) {
      if (t.kind !== 'class') throw fault.of('CannotProcessFilter', 'A selector filter needs a class resource URI.');
      const sels = childrenOf(child(filter.el, NS.w, 'SelectorSet'), NS.w, 'Selector').map((s) => ({ name: attr(s, '', 'Name') ?? '', value: textOf(s) }));
      const wanted = sels
        .filter((s) => s.name !== CIMNAMESPACE_SELECTOR)
        .map((s) => {
          const p = t.info.properties.find((x) => x.name.toLowerCase() === s.name.toLowerCase());
          if (!p) throw fault.of('CannotProcessFilter', `The selector filter names ${s.name}, which is not a property of ${t.info.name}.`);
          return { name: p.name, value: s.value.toLowerCase() };
        });
      const all = this.model.enumerate(t.info.name, { deep: true });
      return (async function* () {
        for await (const i of all) if (wanted.every((w) => canonicalText(i.properties[w.name]).toLowerCase() === w.value)) yield i;
      })();
    }
    if (d === DIALECT.association) return this.model.query(this.associationWql(filter.el), { namespace: t.namespace });
    throw fault.of('FilterDialectRequestedUnavailable', `The WS-Management service does not support the filter dialect ${d}.`);
  }

  /** DSP0227 §8.2 association filter -> WQL ASSOCIATORS OF / REFERENCES OF. */
  private associationWql(el: XElement): string {
    const assocd = child(el, NS.b, 'AssociatedInstances');
    const assocn = child(el, NS.b, 'AssociationInstances');
    const f = assocd ?? assocn;
    if (!f) throw fault.of('CannotProcessFilter', 'An association filter holds wsmb:AssociatedInstances or wsmb:AssociationInstances.');
    const obj = child(f, NS.b, 'Object');
    const rp = child(obj, NS.a, 'ReferenceParameters');
    const uri = textOf(child(rp, NS.w, 'ResourceURI'));
    const sels: Selector[] = childrenOf(child(rp, NS.w, 'SelectorSet'), NS.w, 'Selector').map((s) => ({ name: attr(s, '', 'Name') ?? '', value: textOf(s) }));
    let target: CimTarget;
    try {
      target = resolveCimUri(uri, sels, this.index);
    } catch {
      throw fault.of('CannotProcessFilter', `The association filter's Object names an unknown resource URI "${uri}".`);
    }
    if (target.kind !== 'class') throw fault.of('CannotProcessFilter', "The association filter's Object must name one instance.");
    const keys = sels.filter((s) => s.name !== CIMNAMESPACE_SELECTOR).map((s) => `${s.name}="${s.value.replace(/["\\]/g, (c) => '\\' + c)}"`);
    const path = `${target.info.name}${keys.length ? '.' + keys.join(',') : ''}`;
    const clause = (name: string, local: string) => {
      const v = textOf(child(f, NS.b, local));
      if (v && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) throw fault.of('CannotProcessFilter', `${local} "${v}" is not a class or property name.`);
      return v ? ` ${name} = ${v}` : '';
    };
    if (assocd) {
      const where = clause('AssocClass', 'AssociationClassName') + clause('ResultClass', 'ResultClassName') + clause('Role', 'Role') + clause('ResultRole', 'ResultRole');
      return `ASSOCIATORS OF {${path}}${where ? ' WHERE' + where : ''}`;
    }
    const where = clause('ResultClass', 'ResultClassName') + clause('Role', 'Role');
    return `REFERENCES OF {${path}}${where ? ' WHERE' + where : ''}`;
  }
}

function canonicalText(v: CimValue | undefined): string {
  return canonical(v).replace(/^\u0000nil$/, '');
}

function isWqlLike(dialect: string): boolean {
  // CQL (wsl's default dialect) is passed to the same query engine: for the SELECT ... FROM
  // ... WHERE subset both languages agree. Windows refuses CQL; openwsman accepts it.
  return dialect === DIALECT.wql || dialect === DIALECT.cql;
}

function fragmentProperty(path: string): string {
  const name = path.trim().replace(/\/text\(\)$/, '');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw fault.of('UnsupportedFeature', `The WS-Management service supports fragment transfer of one property only, not "${path}".`, 'FragmentLevelAccess');
  return name;
}

function groupChildren(el: XElement, ns: string | undefined): Map<string, XElement[]> {
  const m = new Map<string, XElement[]>();
  for (const c of el.children) {
    if (ns !== undefined && c.ns !== ns) continue;
    const list = m.get(c.local) ?? [];
    list.push(c);
    m.set(c.local, list);
  }
  return m;
}

function insufficient(info: CimClassInfo) {
  const keys = info.properties.filter((p) => p.key).map((p) => p.name);
  return fault.invalidSelectors('InsufficientSelectors', `${FAULTS.InvalidSelectors.text} ${info.name} is addressed by ${keys.join(', ')}.`);
}

/**
 * Selectors -> the class's key values (DSP0226 §7.2; research/wsman.md §1.3): duplicate names,
 * names that are not keys and missing keys are InvalidSelectors with the matching detail.
 * Undefined when no selector was given.
 */
export function keysFromSelectors(info: CimClassInfo, selectors: readonly Selector[]): Record<string, string> | undefined {
  const sels = selectors.filter((s) => s.name !== CIMNAMESPACE_SELECTOR);
  if (sels.length === 0) return undefined;
  const base = FAULTS.InvalidSelectors.text;
  const seen = new Set<string>();
  const keys: Record<string, string> = {};
  const keyProps = info.properties.filter((p) => p.key);
  for (const s of sels) {
    const l = s.name.toLowerCase();
    if (seen.has(l)) throw fault.invalidSelectors('DuplicateSelectors', `${base} The selector ${s.name} appears more than once.`);
    seen.add(l);
    const p = keyProps.find((k) => k.name.toLowerCase() === l);
    if (!p) throw fault.invalidSelectors('UnexpectedSelectors', `${base} ${s.name} is not a key of ${info.name} (keys: ${keyProps.map((k) => k.name).join(', ')}).`);
    keys[p.name] = s.epr ? eprObjectPath(s.epr) : s.value;
  }
  const missing = keyProps.filter((k) => !(k.name in keys));
  if (missing.length) throw fault.invalidSelectors('InsufficientSelectors', `${base} Missing: ${missing.map((k) => k.name).join(', ')}.`);
  return keys;
}

/** A selector whose value is an EPR, as a WMI object path (Class.Key="v",...). */
function eprObjectPath(epr: XElement): string {
  const rp = child(epr, NS.a, 'ReferenceParameters');
  const uri = textOf(child(rp, NS.w, 'ResourceURI'));
  const cls = uri.slice(uri.lastIndexOf('/') + 1);
  const sels = childrenOf(child(rp, NS.w, 'SelectorSet'), NS.w, 'Selector')
    .filter((s) => attr(s, '', 'Name') !== CIMNAMESPACE_SELECTOR)
    .map((s) => `${attr(s, '', 'Name')}="${textOf(s).replace(/["\\]/g, (c) => '\\' + c)}"`);
  return `${cls}.${sels.join(',')}`;
}

function prepend<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncIterator<T> {
  let used = false;
  return {
    next: () => {
      if (!used) {
        used = true;
        return Promise.resolve(first);
      }
      return first.done ? Promise.resolve(first) : rest.next();
    },
    return: (v?: unknown) => Promise.resolve(rest.return?.(v) ?? { done: true, value: undefined as T }),
  };
}

export { normalizeNamespace };
