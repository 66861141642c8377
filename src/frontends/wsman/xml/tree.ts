import { SaxesParser, SaxesTagNS } from 'saxes';
import { fastParse } from './fast';

/**
 * A namespace-resolved element tree, just enough for SOAP envelopes. Built with saxes
 * (strict well-formedness, namespace resolution, no DTD entity expansion). Hardening per
 * research/wsman.md §4: any DOCTYPE and any processing instruction other than the XML
 * declaration is refused; depth, element count and attributes per element are bounded.
 * The byte size is bounded by the caller before parsing (MaxEnvelopeSizekb).
 */
export interface XAttr {
  readonly ns: string;
  readonly local: string;
  readonly value: string;
}
export interface XElement {
  readonly ns: string;
  readonly local: string;
  /** The prefix the sender used: for error messages only, never for matching. */
  readonly prefix: string;
  readonly attrs: XAttr[];
  readonly children: XElement[];
  /** Direct character data, concatenated (whitespace kept). */
  text: string;
  /** The in-scope namespace bindings declared on this element (prefix -> uri). */
  readonly decls: Record<string, string>;
}

export interface ParseLimits {
  maxDepth: number;
  maxElements: number;
  maxAttributes: number;
}
export const DEFAULT_LIMITS: ParseLimits = { maxDepth: 48, maxElements: 20000, maxAttributes: 32 };

/** Why a document was refused; the caller maps it to a fault. */
export class XmlRejected extends Error {}

export function parseXml(text: string, limits: ParseLimits = DEFAULT_LIMITS): XElement {
  // Plain documents (nearly every request) take the scanner in fast.ts; it declines the rest.
  return fastParse(text, limits) ?? saxesParse(text, limits);
}

/** The reference parser: every document fast.ts declines, and every error. */
export function saxesParse(text: string, limits: ParseLimits = DEFAULT_LIMITS): XElement {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XElement[] = [];
  let root: XElement | undefined;
  let count = 0;
  parser.on('doctype', () => {
    throw new XmlRejected('a DOCTYPE declaration is not allowed');
  });
  parser.on('processinginstruction', (pi) => {
    throw new XmlRejected(`processing instruction <?${pi.target}?> is not allowed`);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++count > limits.maxElements) throw new XmlRejected(`more than ${limits.maxElements} elements`);
    if (stack.length >= limits.maxDepth) throw new XmlRejected(`elements nested deeper than ${limits.maxDepth}`);
    const attrs: XAttr[] = [];
    const decls: Record<string, string> = {};
    let n = 0;
    for (const a of Object.values(tag.attributes)) {
      if (++n > limits.maxAttributes) throw new XmlRejected(`more than ${limits.maxAttributes} attributes on <${tag.name}>`);
      if (a.prefix === 'xmlns') decls[a.local] = a.value;
      else if (a.name === 'xmlns') decls[''] = a.value;
      else attrs.push({ ns: a.uri, local: a.local, value: a.value });
    }
    const el: XElement = { ns: tag.uri, local: tag.local, prefix: tag.prefix, attrs, children: [], text: '', decls };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('cdata', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof XmlRejected) throw e;
    throw new XmlRejected((e as Error).message);
  }
  if (!root) throw new XmlRejected('no root element');
  return root;
}

export function child(el: XElement | undefined, ns: string, local: string): XElement | undefined {
  if (el) for (const c of el.children) if (c.ns === ns && c.local === local) return c;
  return undefined;
}
export function childrenOf(el: XElement | undefined, ns: string, local: string): XElement[] {
  return el ? el.children.filter((c) => c.ns === ns && c.local === local) : [];
}
export function attr(el: XElement, ns: string, local: string): string | undefined {
  for (const a of el.attrs) if (a.ns === ns && a.local === local) return a.value;
  return undefined;
}
/** Text with surrounding whitespace removed (wsl sends indented single-line bodies). */
export function textOf(el: XElement | undefined): string {
  return el ? el.text.trim() : '';
}

/**
 * Decode a request body: UTF-8 (optionally with BOM) or UTF-16 with a BOM, the two charsets
 * WinRM accepts (MS-WSMV 2.2.1: application/soap+xml;charset=UTF-8 or UTF-16).
 */
export function decodeBody(buf: Buffer, charset: string | undefined): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (charset && /^utf-?16/i.test(charset)) return buf.toString('utf16le');
  return buf.toString('utf8');
}
