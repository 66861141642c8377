import type { ParseLimits, XAttr, XElement } from './tree';

/**
 * A fast path for parseXml: a scanner for the plain XML that WS-Man clients send (elements,
 * attributes, character data, the five predefined entities, an XML declaration). It returns
 * the same tree as the saxes path, or undefined for anything outside that subset and for any
 * document it cannot prove well-formed, and the caller parses with saxes, which then accepts
 * or refuses with its own message. So the fast path never decides an error: it only declines.
 *
 * Declined (left to saxes): CR anywhere (XML 1.0 §2.11 line-end normalization), characters
 * outside XML 1.0 Char or above U+FFFF, comments, CDATA, DOCTYPE, processing instructions,
 * names outside ASCII, TAB/LF/'&'/'<' in attribute values (§3.3.3 normalization, references),
 * character references, namespace declarations with spaces, empty prefixed ones (Namespaces
 * in XML 1.0 §5), the reserved xml/xmlns prefixes and URIs, duplicate attributes, unbound
 * prefixes, mismatched end tags, anything after the root element but spaces, and documents
 * over the limits (saxes raises those errors).
 */

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** XML 1.0 Char (§2.2) without CR and without supplementary planes. */
const OUTSIDE_SUBSET = /[^\t\n\x20-\uD7FF\uE000-\uFFFD]/;
/** §2.8 XMLDecl, single form: version 1.0, optional encoding (EncName §4.3.3) and standalone. */
const XML_DECL = /^<\?xml[ \t\n]+version=(["'])1\.0\1(?:[ \t\n]+encoding=(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\n]+standalone=(["'])(?:yes|no)\3)?[ \t\n]*\?>/;
/** ASCII NCName characters (Namespaces in XML §3): 1 may start a name, 2 may follow. */
const NAME_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) NAME_CLASS[c] = 1;
  else if (/[0-9.-]/.test(ch)) NAME_CLASS[c] = 2;
}
const COLON = 0x3a;
const ATTR_DECLINED = /[\t\n&<]/;
const NS_DECLINED = /[\t\n &<]/;
/** A reference other than the five predefined entities (§4.6). */
const OTHER_REFERENCE = /&(?!(?:lt|gt|amp|quot|apos);)/;
const PREDEFINED = /&(lt|gt|amp|quot|apos);/g;
const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** The end of the ASCII NCName at i (i itself when there is none). */
function ncnameEnd(text: string, i: number): number {
  if (NAME_CLASS[text.charCodeAt(i)] !== 1) return i;
  let j = i + 1;
  while (NAME_CLASS[text.charCodeAt(j)]) j++;
  return j;
}

/** The end of the ASCII QName (Namespaces in XML §4) at i (i itself when there is none). */
function qnameEnd(text: string, i: number): number {
  const j = ncnameEnd(text, i);
  if (j === i || text.charCodeAt(j) !== COLON) return j;
  const k = ncnameEnd(text, j + 1);
  return k === j + 1 ? j : k;
}

function skipSpaces(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09) return i;
    i++;
  }
}

/** Prefix -> namespace URI in scope; a new map only where an element declares some. */
type Scope = ReadonlyMap<string, string>;
const ROOT_SCOPE: Scope = new Map([['', ''], ['xml', XML_NS]]);

interface Frame {
  readonly el: XElement;
  readonly qname: string;
  readonly scope: Scope;
}

function sameChars(text: string, at: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (text.charCodeAt(at + k) !== s.charCodeAt(k)) return false;
  return true;
}

/** The tree of a document in the subset, or undefined (parse it with saxes). */
export function fastParse(text: string, limits: ParseLimits): XElement | undefined {
  if (OUTSIDE_SUBSET.test(text)) return undefined;
  let i = 0;
  if (text.startsWith('<?')) {
    const m = XML_DECL.exec(text);
    if (!m) return undefined;
    i = m[0].length;
  }
  i = skipSpaces(text, i);
  if (text.charCodeAt(i) !== LT) return undefined;
  const frames: Frame[] = [];
  let root: XElement | undefined;
  let count = 0;
  for (;;) {
    // At a '<'.
    const c1 = text.charCodeAt(i + 1);
    if (c1 === SLASH) {
      const top = frames[frames.length - 1];
      if (!top || !sameChars(text, i + 2, top.qname)) return undefined;
      const j = skipSpaces(text, i + 2 + top.qname.length);
      if (text.charCodeAt(j) !== GT) return undefined;
      i = j + 1;
      frames.pop();
      if (!frames.length) break;
    } else {
      const nameEnd = qnameEnd(text, i + 1);
      if (nameEnd === i + 1) return undefined;
      const qname = text.slice(i + 1, nameEnd);
      let j = nameEnd;
      const raw: Array<[string, string]> = [];
      for (;;) {
        const before = j;
        j = skipSpaces(text, j);
        const c = text.charCodeAt(j);
        if (c === GT || c === SLASH) break;
        if (j === before) return undefined;
        const end = qnameEnd(text, j);
        if (end === j) return undefined;
        const name = text.slice(j, end);
        j = skipSpaces(text, end);
        if (text.charCodeAt(j) !== EQ) return undefined;
        j = skipSpaces(text, j + 1);
        const q = text.charCodeAt(j);
        if (q !== DQUOTE && q !== SQUOTE) return undefined;
        const close = text.indexOf(q === DQUOTE ? '"' : "'", j + 1);
        if (close < 0) return undefined;
        const value = text.slice(j + 1, close);
        if (ATTR_DECLINED.test(value)) return undefined;
        raw.push([name, value]);
        j = close + 1;
      }
      let empty = false;
      if (text.charCodeAt(j) === SLASH) {
        if (text.charCodeAt(j + 1) !== GT) return undefined;
        empty = true;
        j += 2;
      } else j += 1;
      if (++count > limits.maxElements || frames.length >= limits.maxDepth || raw.length > limits.maxAttributes) return undefined;

      // Namespace declarations first: they apply to the element and all of its attributes.
      const outer = frames.length ? frames[frames.length - 1].scope : ROOT_SCOPE;
      let own: Map<string, string> | undefined;
      const decls: Record<string, string> = {};
      for (const [name, value] of raw) {
        let prefix: string;
        if (name === 'xmlns') prefix = '';
        else if (name.startsWith('xmlns:')) {
          prefix = name.slice(6);
          if (value === '' || prefix === 'xml' || prefix === 'xmlns' || prefix === '__proto__') return undefined;
        } else continue;
        if (NS_DECLINED.test(value) || value === XML_NS || value === XMLNS_NS) return undefined;
        (own ??= new Map(outer)).set(prefix, value);
        decls[prefix] = value;
      }
      const colon = qname.indexOf(':');
      const prefix = colon < 0 ? '' : qname.slice(0, colon);
      if (prefix === 'xml' || prefix === 'xmlns') return undefined;
      const scope = own ?? outer;
      const ns = scope.get(prefix);
      if (ns === undefined) return undefined;
      const attrs: XAttr[] = [];
      const resolved: XAttr[] = [];
      for (const [name, value] of raw) {
        const ac = name.indexOf(':');
        const ap = ac < 0 ? '' : name.slice(0, ac);
        const local = ac < 0 ? name : name.slice(ac + 1);
        const uri = ap === '' ? '' : ap === 'xmlns' ? XMLNS_NS : scope.get(ap);
        if (uri === undefined) return undefined;
        // Attributes are the same when their expanded names are (Namespaces in XML §6.3): an
        // unprefixed one (even "xmlns") has no namespace, a prefixed one never has an empty one.
        for (const o of resolved) if (o.local === local && o.ns === uri) return undefined;
        const a: XAttr = { ns: uri, local, value };
        resolved.push(a);
        if (name !== 'xmlns' && ap !== 'xmlns') attrs.push(a);
      }
      const el: XElement = { ns, local: colon < 0 ? qname : qname.slice(colon + 1), prefix, attrs, children: [], text: '', decls };
      const parent = frames[frames.length - 1];
      if (parent) parent.el.children.push(el);
      else root = el;
      i = j;
      if (!empty) frames.push({ el, qname, scope });
      else if (!parent) break;
    }
    // Character data up to the next tag.
    const lt = text.indexOf('<', i);
    if (lt < 0) return undefined;
    if (lt > i) {
      let t = text.slice(i, lt);
      if (t.includes(']]>')) return undefined;
      if (t.includes('&')) {
        if (OTHER_REFERENCE.test(t)) return undefined;
        t = t.replace(PREDEFINED, (_m, e: string) => ENTITY[e]);
      }
      frames[frames.length - 1].el.text += t;
    }
    i = lt;
  }
  return skipSpaces(text, i) === text.length ? root : undefined;
}
