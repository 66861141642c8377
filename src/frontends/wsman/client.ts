import crypto from 'node:crypto';
import tls from 'node:tls';
import http from 'node:http';
import https from 'node:https';
import { TransportError, WsmanFault } from '../../lib/errors';
import { ACTION, ANONYMOUS, NS } from './ns';
import { attr, child, DEFAULT_LIMITS, parseXml, textOf, XElement } from './xml/tree';
import { esc, escAttr } from './xml/write';

/**
 * A small WS-Management client for `bmcbridge winrm -r:...`: Windows' request layout
 * (s/a/w/n/x/p prefixes, uuid MessageIDs, MaxEnvelopeSize, OperationTimeout), Basic or client
 * certificate authentication, Enumerate with Pulls until EndOfSequence. A SOAP fault is thrown
 * as WsmanFault (kind = the subcode's local name, detail.code = the f:WSManFault Code); a 401
 * as WsmanFault AccessDenied with the Win32 code 5; a network failure as TransportError.
 */
export type ClientAuth =
  | { kind: 'basic'; user: string; password: string }
  | { kind: 'certificate'; cert: string; key: string }
  | { kind: 'none' };

export interface ClientOptions {
  endpoint: URL;
  auth: ClientAuth;
  /** Extra trusted CA certificates (PEM) for HTTPS, besides the system ones. */
  ca?: string[];
  skipCACheck?: boolean;
  skipCNCheck?: boolean;
  maxEnvelopeSize: number;
  operationTimeoutMs: number;
  networkDelayMs: number;
}

export type Selectors = ReadonlyArray<readonly [string, string]>;

export interface EnumerateRequest {
  mode?: 'EnumerateEPR' | 'EnumerateObjectAndEPR';
  /** Filter element content (already XML) and its dialect. */
  filter?: { dialect: string; xml: string };
  maxElements?: number;
}

export class WsmanClient {
  private readonly agent: http.Agent;
  constructor(private readonly o: ClientOptions) {
    const secure = o.endpoint.protocol === 'https:';
    this.agent = secure
      ? new https.Agent({
          keepAlive: true,
          ca: o.ca?.length ? [...o.ca, ...tls.rootCertificates] : undefined,
          rejectUnauthorized: !o.skipCACheck,
          ...(o.skipCNCheck ? { checkServerIdentity: () => undefined } : {}),
          ...(o.auth.kind === 'certificate' ? { cert: o.auth.cert, key: o.auth.key } : {}),
        })
      : new http.Agent({ keepAlive: true });
  }

  close(): void {
    this.agent.destroy();
  }

  private envelope(action: string, uri: string, selectors: Selectors, body: string, extraHeaders = ''): string {
    const sel = selectors.length ? `<w:SelectorSet>${selectors.map(([k, v]) => `<w:Selector Name="${escAttr(k)}">${esc(v)}</w:Selector>`).join('')}</w:SelectorSet>` : '';
    const secs = (this.o.operationTimeoutMs / 1000).toFixed(3);
    return (
      `<s:Envelope xmlns:s="${NS.s}" xmlns:a="${NS.a}" xmlns:n="${NS.n}" xmlns:w="${NS.w}" xmlns:x="${NS.x}" xmlns:p="${NS.p}" xmlns:b="${NS.b}">` +
      `<s:Header><a:To>${esc(this.o.endpoint.toString())}</a:To><w:ResourceURI s:mustUnderstand="true">${esc(uri)}</w:ResourceURI>` +
      `<a:ReplyTo><a:Address s:mustUnderstand="true">${ANONYMOUS}</a:Address></a:ReplyTo><a:Action s:mustUnderstand="true">${esc(action)}</a:Action>` +
      `<w:MaxEnvelopeSize s:mustUnderstand="true">${this.o.maxEnvelopeSize}</w:MaxEnvelopeSize><a:MessageID>uuid:${crypto.randomUUID().toUpperCase()}</a:MessageID>` +
      `<w:Locale xml:lang="en-US" s:mustUnderstand="false"/><p:DataLocale xml:lang="en-US" s:mustUnderstand="false"/><w:OperationTimeout>PT${secs}S</w:OperationTimeout>` +
      `${sel}${extraHeaders}</s:Header><s:Body>${body}</s:Body></s:Envelope>`
    );
  }

  private send(xml: string, headers: Record<string, string> = {}): Promise<XElement> {
    const u = this.o.endpoint;
    const h: Record<string, string | number> = { 'content-type': 'application/soap+xml;charset=UTF-8', 'content-length': Buffer.byteLength(xml), 'user-agent': 'bmcbridge winrm', ...headers };
    if (this.o.auth.kind === 'basic') h.authorization = 'Basic ' + Buffer.from(`${this.o.auth.user}:${this.o.auth.password}`).toString('base64');
    if (this.o.auth.kind === 'certificate') h.authorization = 'http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual';
    const mod = u.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(
        { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port || (u.protocol === 'https:' ? 443 : 80), path: u.pathname + u.search, method: 'POST', headers: h, agent: this.agent, timeout: this.o.operationTimeoutMs + this.o.networkDelayMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(new TransportError(e.message)));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode === 401) return reject(new WsmanFault('AccessDenied', 'Access is denied.', { code: 5 }));
            if (res.statusCode !== 200 && res.statusCode !== 500)
              return reject(new TransportError(`The WinRM client received an HTTP status code of ${res.statusCode} from the remote WS-Management service.`));
            let root: XElement;
            try {
              root = parseXml(text, DEFAULT_LIMITS);
            } catch (e) {
              return reject(new TransportError(`The WinRM client cannot process the response: ${(e as Error).message}`));
            }
            const body = child(root, NS.s, 'Body');
            const f = child(body, NS.s, 'Fault');
            if (f) return reject(faultFrom(f));
            // Hand the payload on with the declarations of its ancestors, so it stands alone.
            const scope = { ...root.decls, ...(body?.decls ?? {}) };
            for (const c of body?.children ?? []) Object.assign(c.decls, { ...scope, ...c.decls });
            resolve(body ?? root);
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('the operation timed out')));
      req.on('error', (e) => reject(new TransportError(`The WinRM client cannot complete the operation: ${e.message}`)));
      req.end(xml);
    });
  }

  async identify(unauthenticated = false): Promise<XElement> {
    const xml = `<s:Envelope xmlns:s="${NS.s}" xmlns:wsmid="${NS.wsmid}"><s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>`;
    const body = await this.send(xml, unauthenticated ? { WSMANIDENTIFY: 'unauthenticated' } : {});
    return body.children[0];
  }

  async get(uri: string, selectors: Selectors, fragment?: string): Promise<XElement> {
    const extra = fragment ? `<w:FragmentTransfer s:mustUnderstand="true">${esc(fragment)}</w:FragmentTransfer>` : '';
    return (await this.send(this.envelope(ACTION.Get, uri, selectors, '', extra))).children[0];
  }
  async put(uri: string, selectors: Selectors, body: string): Promise<XElement> {
    return (await this.send(this.envelope(ACTION.Put, uri, selectors, body))).children[0];
  }
  async create(uri: string, selectors: Selectors, body: string): Promise<XElement> {
    return (await this.send(this.envelope(ACTION.Create, uri, selectors, body))).children[0];
  }
  async delete(uri: string, selectors: Selectors): Promise<void> {
    await this.send(this.envelope(ACTION.Delete, uri, selectors, ''));
  }
  async invoke(uri: string, method: string, selectors: Selectors, params: ReadonlyArray<readonly [string, string]>): Promise<XElement> {
    const ps = params.map(([k, v]) => `<p:${k}>${esc(v)}</p:${k}>`).join('');
    const body = `<p:${method}_INPUT xmlns:p="${escAttr(uri)}">${ps}</p:${method}_INPUT>`;
    return (await this.send(this.envelope(`${uri}/${method}`, uri, selectors, body))).children[0];
  }

  /** Every item, lazily: optimized Enumerate, then Pulls until EndOfSequence; Release if abandoned. */
  async *enumerate(uri: string, selectors: Selectors, r: EnumerateRequest = {}): AsyncGenerator<XElement> {
    const max = r.maxElements ?? 32000;
    const parts =
      `<w:OptimizeEnumeration/><w:MaxElements>${max}</w:MaxElements>` +
      (r.mode ? `<w:EnumerationMode>${r.mode}</w:EnumerationMode>` : '') +
      (r.filter ? `<w:Filter Dialect="${escAttr(r.filter.dialect)}">${r.filter.xml}</w:Filter>` : '');
    let resp = (await this.send(this.envelope(ACTION.Enumerate, uri, selectors, `<n:Enumerate>${parts}</n:Enumerate>`))).children[0];
    let context = textOf(child(resp, NS.n, 'EnumerationContext'));
    let items = child(resp, NS.w, 'Items');
    let end = !!child(resp, NS.w, 'EndOfSequence');
    let finished = false;
    try {
      for (;;) {
        const scope = { ...resp.decls, ...(items?.decls ?? {}) };
        for (const it of items?.children ?? []) {
          Object.assign(it.decls, { ...scope, ...it.decls });
          yield it;
        }
        if (end || !context) break;
        resp = (await this.send(this.envelope(ACTION.Pull, uri, selectors, `<n:Pull><n:EnumerationContext>${esc(context)}</n:EnumerationContext><n:MaxElements>${max}</n:MaxElements></n:Pull>`))).children[0];
        context = textOf(child(resp, NS.n, 'EnumerationContext')) || context;
        items = child(resp, NS.n, 'Items');
        end = !!child(resp, NS.n, 'EndOfSequence');
      }
      finished = true;
    } finally {
      if (!finished && context && !end) {
        await this.send(this.envelope(ACTION.Release, uri, selectors, `<n:Release><n:EnumerationContext>${esc(context)}</n:EnumerationContext></n:Release>`)).catch(() => undefined);
      }
    }
  }
}

function faultFrom(f: XElement): WsmanFault {
  const code = child(f, NS.s, 'Code');
  const sub = textOf(child(child(code, NS.s, 'Subcode'), NS.s, 'Value')) || textOf(child(code, NS.s, 'Value'));
  const reason = textOf(child(child(f, NS.s, 'Reason'), NS.s, 'Text'));
  const detail = child(f, NS.s, 'Detail');
  const wf = child(detail, NS.f, 'WSManFault');
  const message = textOf(child(wf, NS.f, 'Message')) || reason;
  const winCode = wf ? Number(attr(wf, '', 'Code')) : undefined;
  const fd = textOf(child(detail, NS.w, 'FaultDetail'));
  return new WsmanFault(sub.replace(/^.*:/, '') || 'Fault', message, { code: winCode, faultDetail: fd || undefined });
}
