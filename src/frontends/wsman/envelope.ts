import crypto from 'node:crypto';
import { WsmanFault } from '../../lib/errors';
import { fault, resolveFault } from './faults';
import { ANONYMOUS, NS } from './ns';
import { attr, child, childrenOf, parseXml, ParseLimits, textOf, XElement, XmlRejected } from './xml/tree';
import { esc, escAttr } from './xml/write';

/**
 * Response prefixes. WinRM writes s/a/w/n/x and declares the class namespace on each
 * instance; openwsman writes s/wsa/wsman/wsen/wxf with every namespace on the Envelope. wsl
 * copies EPR and instance lines out of a response into its next request as text
 * (research/wsman.md §3.2, quirk 5), which only works with the openwsman layout, so 'auto'
 * answers in that layout when the request bound the WS-Man namespace to `wsman`, as wsl and
 * wsmancli do, and in Windows' layout otherwise.
 */
export interface Style {
  readonly name: 'windows' | 'openwsman';
  readonly s: string;
  readonly a: string;
  readonly w: string;
  readonly n: string;
  readonly x: string;
}
export const WINDOWS: Style = { name: 'windows', s: 's', a: 'a', w: 'w', n: 'n', x: 'x' };
export const OPENWSMAN: Style = { name: 'openwsman', s: 's', a: 'wsa', w: 'wsman', n: 'wsen', x: 'wxf' };
export type StyleOption = 'windows' | 'openwsman' | 'auto';

export interface Selector {
  name: string;
  value: string;
  /** A selector whose value is an EPR (DSP0226 §7.2). */
  epr?: XElement;
}
export interface OptionValue {
  name: string;
  value: string;
  mustComply: boolean;
}

export interface WsmanRequest {
  readonly root: XElement;
  readonly header?: XElement;
  readonly body: XElement;
  readonly payload?: XElement;
  readonly action?: string;
  readonly messageId?: string;
  readonly resourceUri?: string;
  readonly selectors: Selector[];
  readonly options: OptionValue[];
  readonly maxEnvelopeSize?: number;
  readonly operationTimeoutMs?: number;
  readonly fragmentTransfer?: string;
  readonly requestEpr: boolean;
  readonly style: Style;
  readonly isIdentify: boolean;
}

/** Header namespace -> the header names understood in it. */
const KNOWN_HEADERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [NS.a, new Set(['Action', 'To', 'MessageID', 'ReplyTo', 'FaultTo', 'From', 'RelatesTo'])],
  [NS.w, new Set(['ResourceURI', 'SelectorSet', 'OptionSet', 'MaxEnvelopeSize', 'OperationTimeout', 'Locale', 'FragmentTransfer', 'RequestEPR', 'RequestTotalItemsCountEstimate'])],
  [NS.p, new Set(['DataLocale', 'SessionId', 'OperationID', 'SequenceId'])],
]);

/** SOAP 1.2 Part 1 §5.2.3: mustUnderstand is the SOAP-qualified attribute ("true" or "1"). */
function mustUnderstand(el: XElement): boolean {
  const v = attr(el, NS.s, 'mustUnderstand');
  return v === 'true' || v === '1';
}

/** Clients send the same OperationTimeout with every request: recent answers are kept. */
const durations = new Map<string, number | undefined>();
const DURATIONS_MAX = 64;

/** xs:duration (PnYnMnDTnHnMnS) to milliseconds; months and years as 30 and 365 days. */
export function parseDuration(text: string): number | undefined {
  if (durations.has(text)) return durations.get(text);
  const ms = durationOf(text);
  if (durations.size >= DURATIONS_MAX) durations.clear();
  durations.set(text, ms);
  return ms;
}

function durationOf(text: string): number | undefined {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m || text.trim() === 'P' || /T$/.test(text.trim())) return undefined;
  const [, y, mo, d, h, mi, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return Math.round(((((y * 365 + mo * 30 + d) * 24 + h) * 60 + mi) * 60 + s) * 1000);
}

export function parseEnvelope(text: string, limits: ParseLimits): WsmanRequest {
  let root: XElement;
  try {
    root = parseXml(text, limits);
  } catch (e) {
    throw fault.invalidXml(e instanceof XmlRejected ? e.message : String(e));
  }
  if (root.local !== 'Envelope') throw fault.invalidXml(`the root element is <${root.prefix ? root.prefix + ':' : ''}${root.local}>, not a SOAP Envelope`);
  if (root.ns !== NS.s)
    throw fault.of('VersionMismatch', root.ns === NS.soap11 ? 'The WS-Management service cannot process the request because the SOAP version is not supported: SOAP 1.1 was sent, only SOAP 1.2 is accepted.' : `The WS-Management service cannot process the request because the envelope namespace "${root.ns}" is not SOAP 1.2.`);
  const header = child(root, NS.s, 'Header');
  const body = child(root, NS.s, 'Body');
  if (!body) throw fault.of('SchemaValidationError', 'The WS-Management service cannot process the request because the SOAP Body is missing.', 'InvalidSoapBody');
  for (const c of root.children) {
    if (c !== header && c !== body) throw fault.of('SchemaValidationError', `The WS-Management service cannot process the request because the envelope contains an unexpected element <${c.local}> (namespace ${c.ns || 'none'}).`, 'InvalidSoapBody');
  }
  // The understood headers, each at most once: namespace -> name -> element.
  const known = new Map<string, Map<string, XElement>>();
  for (const h of header?.children ?? []) {
    if (!KNOWN_HEADERS.get(h.ns)?.has(h.local)) {
      if (mustUnderstand(h))
        throw fault.of('MustUnderstand', `The WS-Management service cannot process a SOAP header in the request that is marked as mustUnderstand: {${h.ns}}${h.local}.`);
      continue;
    }
    let inNs = known.get(h.ns);
    if (!inNs) known.set(h.ns, (inNs = new Map()));
    if (inNs.has(h.local)) throw fault.of('InvalidMessageInformationHeader', `The WS-Management service cannot process the request because the header ${h.local} appears more than once.`);
    inNs.set(h.local, h);
  }
  /** An understood header (the only one of its name). */
  const hd = (ns: string, local: string): XElement | undefined => known.get(ns)?.get(local);
  const hv = (ns: string, local: string): string | undefined => {
    const e = hd(ns, local);
    return e ? textOf(e) : undefined;
  };

  for (const local of ['ReplyTo', 'FaultTo']) {
    const e = hd(NS.a, local);
    const addr = e && textOf(child(e, NS.a, 'Address'));
    if (e && addr !== ANONYMOUS)
      throw fault.of('UnsupportedFeature', `The WS-Management service cannot process the request because ${local} is not the anonymous address (${addr || 'empty'}); only anonymous replies are supported.`, 'AddressingMode');
  }

  let maxEnvelopeSize: number | undefined;
  const mes = hv(NS.w, 'MaxEnvelopeSize');
  if (mes !== undefined) {
    if (!/^\d+$/.test(mes)) throw fault.of('InvalidMessageInformationHeader', `The MaxEnvelopeSize header value "${mes}" is not a number.`);
    maxEnvelopeSize = Number(mes);
    // DSP0226 R6.2-4: a MaxEnvelopeSize under 8192 octets is refused.
    if (maxEnvelopeSize < 8192)
      throw fault.of('EncodingLimit', `The WS-Management service cannot process the request because the MaxEnvelopeSize ${maxEnvelopeSize} is less than the minimum of 8192 octets.`, 'MinimumEnvelopeLimit');
  }
  let operationTimeoutMs: number | undefined;
  const ot = hv(NS.w, 'OperationTimeout');
  if (ot !== undefined) {
    operationTimeoutMs = parseDuration(ot);
    if (operationTimeoutMs === undefined) throw fault.of('InvalidMessageInformationHeader', `The OperationTimeout header value "${ot}" is not an xs:duration.`);
  }
  const locale = hd(NS.w, 'Locale');
  if (locale && mustUnderstand(locale)) {
    const lang = locale.attrs.find((a) => a.ns === NS.xml && a.local === 'lang')?.value ?? '';
    if (!/^en(-|$)/i.test(lang)) throw fault.of('UnsupportedFeature', `The WS-Management service does not support the locale "${lang}"; replies are in en-US.`, 'Locale');
  }

  const selectors: Selector[] = childrenOf(hd(NS.w, 'SelectorSet'), NS.w, 'Selector').map((s) => ({
    name: attr(s, '', 'Name') ?? '',
    value: textOf(s),
    epr: child(s, NS.a, 'EndpointReference'),
  }));
  const options: OptionValue[] = childrenOf(hd(NS.w, 'OptionSet'), NS.w, 'Option').map((o) => ({
    name: attr(o, '', 'Name') ?? '',
    value: textOf(o),
    mustComply: attr(o, '', 'MustComply') === 'true',
  }));

  const payload = body.children[0];
  // openwsman's layout when the client binds the wsman prefix to WS-Management on the Envelope.
  const openwsman = Object.prototype.hasOwnProperty.call(root.decls, 'wsman') && root.decls.wsman === NS.w;
  return {
    root,
    header,
    body,
    payload,
    action: hv(NS.a, 'Action'),
    messageId: hv(NS.a, 'MessageID'),
    resourceUri: hv(NS.w, 'ResourceURI'),
    selectors,
    options,
    maxEnvelopeSize,
    operationTimeoutMs,
    fragmentTransfer: hv(NS.w, 'FragmentTransfer'),
    requestEpr: !!hd(NS.w, 'RequestEPR'),
    style: openwsman ? OPENWSMAN : WINDOWS,
    isIdentify: payload?.ns === NS.wsmid && payload.local === 'Identify',
  };
}

/**
 * Namespace declarations a response needs on its Envelope (openwsman layout) and the prefix
 * handed out for each class namespace.
 */
export class Out {
  private readonly envDecls = new Map<string, string>();
  constructor(readonly style: Style) {}
  /** Prefix for a class (resource URI) namespace: Windows declares it on the instance element itself. */
  classPrefix(uri: string): { prefix: string; local: boolean } {
    if (this.style.name === 'windows') return { prefix: 'p', local: true };
    let p = this.envDecls.get(uri);
    if (!p) {
      const n = [...this.envDecls.values()].filter((x) => /^p\d*$/.test(x)).length;
      p = n === 0 ? 'p' : `p${n}`;
      this.envDecls.set(uri, p);
    }
    return { prefix: p, local: false };
  }
  /** Declare a fixed prefix on the Envelope (openwsman layout) and return it. */
  envPrefix(prefix: string, uri: string): string {
    this.envDecls.set(uri, prefix);
    return prefix;
  }
  declarations(): string {
    return [...this.envDecls].map(([uri, p]) => ` xmlns:${p}="${escAttr(uri)}"`).join('');
  }
}

export function newMessageId(): string {
  return `uuid:${crypto.randomUUID().toUpperCase()}`;
}

/** One response envelope: Action, MessageID, To (anonymous), RelatesTo, then extra headers. */
export function envelope(out: Out, opts: { action?: string; relatesTo?: string; headers?: string; body: string }): string {
  const st = out.style;
  const ns =
    ` xmlns:${st.s}="${NS.s}" xmlns:${st.a}="${NS.a}" xmlns:${st.n}="${NS.n}" xmlns:${st.w}="${NS.w}" xmlns:${st.x}="${NS.x}"` + out.declarations();
  let h = '';
  if (opts.action !== undefined) {
    h += `<${st.a}:Action>${esc(opts.action)}</${st.a}:Action>`;
    h += `<${st.a}:MessageID>${newMessageId()}</${st.a}:MessageID>`;
    h += `<${st.a}:To>${ANONYMOUS}</${st.a}:To>`;
    if (opts.relatesTo !== undefined) h += `<${st.a}:RelatesTo>${esc(opts.relatesTo)}</${st.a}:RelatesTo>`;
  }
  h += opts.headers ?? '';
  return `<${st.s}:Envelope xml:lang="en-US"${ns}><${st.s}:Header>${h}</${st.s}:Header><${st.s}:Body>${opts.body}</${st.s}:Body></${st.s}:Envelope>`;
}

/** A SOAP 1.2 fault as WinRM sends it (research/wsman.md §1.6). */
export function faultEnvelope(f: WsmanFault, style: Style, relatesTo: string | undefined, machine: string): string {
  const r = resolveFault(f);
  const out = new Out(style);
  const st = style;
  const prefixOf = (ns: string) => (ns === NS.w ? st.w : ns === NS.a ? st.a : ns === NS.n ? st.n : ns === NS.x ? st.x : st.s);
  const subcode = r.spec.subcode ? `<${st.s}:Subcode><${st.s}:Value>${prefixOf(r.spec.subcode.ns)}:${r.spec.subcode.local}</${st.s}:Value></${st.s}:Subcode>` : '';
  const detail =
    (r.faultDetail ? `<${st.w}:FaultDetail>${esc(r.faultDetail)}</${st.w}:FaultDetail>` : '') +
    `<f:WSManFault xmlns:f="${NS.f}" Code="${r.winCode}" Machine="${escAttr(machine)}"><f:Message>${esc(r.reason)} </f:Message></f:WSManFault>`;
  const body =
    `<${st.s}:Fault><${st.s}:Code><${st.s}:Value>${st.s}:${r.spec.code}</${st.s}:Value>${subcode}</${st.s}:Code>` +
    `<${st.s}:Reason><${st.s}:Text xml:lang="en-US">${esc(r.reason)} </${st.s}:Text></${st.s}:Reason>` +
    `<${st.s}:Detail>${detail}</${st.s}:Detail></${st.s}:Fault>`;
  return envelope(out, { action: r.action, relatesTo, body });
}
