import { fault } from '../faults';
import { NS } from '../ns';
import type { XElement } from '../xml/tree';
import { esc } from '../xml/write';
import type { CollectionSpec } from './collections';
import type { ConfigTree, Section } from './schema';

/**
 * winrm/config in Windows' XML layout (research/wsman.md §2.2): the resource's root element in
 * the namespace …/wsman/1/config[/<path>] with prefix cfg, nested sections in the same
 * namespace, settings as text elements in schema order.
 */
export function configNamespace(path: readonly string[]): string {
  return path.length ? `${NS.cfg}/${path.join('/').toLowerCase()}` : NS.cfg;
}

function sectionContent(sec: Section, tree: ConfigTree): string {
  return sec.items
    .map((it) => {
      const v = tree[it.name];
      if (it.kind === 'section') return `<cfg:${it.name}>${sectionContent(it, v as ConfigTree)}</cfg:${it.name}>`;
      return `<cfg:${it.name}>${esc(String(v))}</cfg:${it.name}>`;
    })
    .join('');
}

export function sectionXml(sec: Section, path: readonly string[], tree: ConfigTree): string {
  return `<cfg:${sec.name} xmlns:cfg="${configNamespace(path)}">${sectionContent(sec, tree)}</cfg:${sec.name}>`;
}

export function recordXml<T extends object>(spec: CollectionSpec<T>, rec: T, computed: Record<string, string[]> = {}): string {
  const fields = spec.fields.map((f) => `<cfg:${f}>${esc(String(rec[f]))}</cfg:${f}>`).join('');
  const extra = Object.entries(computed)
    .flatMap(([k, vs]) => vs.map((v) => `<cfg:${k}>${esc(v)}</cfg:${k}>`))
    .join('');
  return `<cfg:${spec.element} xmlns:cfg="${NS.cfg}/${spec.path.replace(/^config\//, '')}">${fields}${extra}</cfg:${spec.element}>`;
}

/** A Put body for a section -> a partial tree (only the elements present). */
export function parseSectionBody(el: XElement, sec: Section): ConfigTree {
  if (!el.ns.toLowerCase().startsWith(NS.cfg.toLowerCase()))
    throw fault.of('InvalidRepresentation', `The body element is in namespace "${el.ns}", not a winrm/config namespace.`, 'InvalidNamespace');
  if (el.local.toLowerCase() !== sec.name.toLowerCase())
    throw fault.of('InvalidRepresentation', `The body of a Put to this resource is <cfg:${sec.name}>, not <${el.local}>.`, 'InvalidValues');
  return treeOf(el);
}

function treeOf(el: XElement): ConfigTree {
  const out: ConfigTree = {};
  for (const c of el.children) out[c.local] = c.children.length ? treeOf(c) : c.text.trim();
  return out;
}

/** A Create/Put body for a collection record -> the fields present (computed ones dropped). */
export function parseRecordBody<T extends object>(el: XElement | undefined, spec: CollectionSpec<T>, computed: readonly string[]): Partial<Record<string, string>> {
  if (!el) return {};
  if (el.local.toLowerCase() !== spec.element.toLowerCase())
    throw fault.of('InvalidRepresentation', `The body of this request is <cfg:${spec.element}>, not <${el.local}>.`, 'InvalidValues');
  const out: Record<string, string> = {};
  for (const c of el.children) {
    const f = spec.fields.find((x) => x.toLowerCase() === c.local.toLowerCase()) ?? spec.writeOnly?.find((x) => x.toLowerCase() === c.local.toLowerCase());
    if (computed.some((x) => x.toLowerCase() === c.local.toLowerCase())) continue;
    if (!f) throw fault.of('InvalidRepresentation', `${c.local} is not a property of ${spec.element}.`, 'InvalidValues');
    out[f] = c.text.trim();
  }
  return out;
}
