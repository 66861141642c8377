import { NS } from './ns';
import { attr, XElement } from './xml/tree';
import { esc, escAttr, prettyXml } from './xml/write';

/**
 * winrm.cmd's output formats for a response payload (research/wsman.md §2.3): `text` (the
 * default: the element name, then `Name = Value` lines indented four spaces per level, an
 * empty value as the name alone, nil as `null`, repeated values joined with ", "), `xml`
 * (compact) and `pretty` (indented XML).
 */
export type OutputFormat = 'text' | 'xml' | 'pretty';

const isNil = (e: XElement) => attr(e, NS.xsi, 'nil') === 'true';

/** An element holding only a cim:Datetime / cim:Interval is shown as its value. */
function scalarChild(e: XElement): XElement | undefined {
  const c = e.children;
  return c.length === 1 && c[0].ns === NS.cim && c[0].children.length === 0 ? c[0] : undefined;
}

function leafValue(e: XElement): string | undefined {
  if (isNil(e)) return 'null';
  const s = scalarChild(e);
  if (s) return s.text.trim();
  if (e.children.length) return undefined;
  return e.text.trim();
}

export function toText(e: XElement, depth = 0): string[] {
  const pad = '    '.repeat(depth);
  const lines = [pad + e.local];
  const kids = e.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    const name = attr(k, '', 'Name');
    if (name !== undefined && k.children.length === 0) {
      lines.push(`${pad}    ${k.local}: ${name} = ${k.text.trim()}`);
      continue;
    }
    const v = leafValue(k);
    if (v === undefined) {
      lines.push(...toText(k, depth + 1));
      continue;
    }
    const values = [v];
    while (i + 1 < kids.length && kids[i + 1].local === k.local && kids[i + 1].ns === k.ns && leafValue(kids[i + 1]) !== undefined) values.push(leafValue(kids[++i])!);
    const joined = values.filter((x) => x !== '').join(', ');
    lines.push(joined === '' ? `${pad}    ${k.local}` : `${pad}    ${k.local} = ${joined}`);
  }
  return lines;
}

/** Serialize a parsed element again, with the namespace declarations it needs on the root. */
export function toXml(e: XElement, scope: Record<string, string> = {}, root = true): string {
  const inScope = { ...scope, ...e.decls };
  const q = e.prefix ? `${e.prefix}:${e.local}` : e.local;
  const used = root ? usedPrefixes(e, inScope) : undefined;
  const declared = root ? Object.fromEntries(Object.entries(inScope).filter(([p]) => used!.has(p) || p in e.decls)) : e.decls;
  const decls = Object.entries(declared)
    .map(([p, u]) => (p ? ` xmlns:${p}="${escAttr(u)}"` : ` xmlns="${escAttr(u)}"`))
    .join('');
  const attrs = e.attrs.map((a) => ` ${prefixFor(a.ns, inScope)}${a.local}="${escAttr(a.value)}"`).join('');
  const inner = e.children.length ? e.children.map((c) => toXml(c, inScope, false)).join('') : esc(e.text);
  return inner === '' ? `<${q}${decls}${attrs}/>` : `<${q}${decls}${attrs}>${inner}</${q}>`;
}
function usedPrefixes(e: XElement, scope: Record<string, string>, out = new Set<string>()): Set<string> {
  out.add(e.prefix);
  for (const a of e.attrs) {
    const p = prefixFor(a.ns, scope).replace(/:$/, '');
    if (p && p !== 'xml') out.add(p);
    // QName values such as xsi:type="p:NumericSensor_Type" need their prefix too.
    const m = /^([A-Za-z_][\w.-]*):/.exec(a.value);
    if (m && m[1] in scope && a.local === 'type') out.add(m[1]);
  }
  for (const c of e.children) usedPrefixes(c, { ...scope, ...c.decls }, out);
  return out;
}
function prefixFor(ns: string, scope: Record<string, string>): string {
  if (!ns) return '';
  if (ns === NS.xml) return 'xml:';
  const p = Object.entries(scope).find(([k, u]) => u === ns && k)?.[0];
  return p ? `${p}:` : '';
}

/** `scope`: the namespace bindings in effect where `e` was (its ancestors' declarations). */
export function format(e: XElement, fmt: OutputFormat, scope: Record<string, string> = {}): string {
  if (fmt === 'xml') return toXml(e, scope);
  if (fmt === 'pretty') return prettyXml(toXml(e, scope));
  return toText(e).join('\n');
}
