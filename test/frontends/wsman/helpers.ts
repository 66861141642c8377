import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createWsmanService, WsmanService } from '../../../src/frontends/wsman';
import { configDefaults } from '../../../src/frontends/wsman';
import type { WsmanConfigFile } from '../../../src/frontends/wsman';
import type { Clock } from '../../../src/lib/clock';
import { FixtureModel, FixtureOptions } from './fixture-model';

export const NS = {
  s: 'http://www.w3.org/2003/05/soap-envelope',
  a: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  w: 'http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd',
  n: 'http://schemas.xmlsoap.org/ws/2004/09/enumeration',
  x: 'http://schemas.xmlsoap.org/ws/2004/09/transfer',
  p: 'http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd',
  wsmid: 'http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd',
  b: 'http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd',
};
export const XFER = 'http://schemas.xmlsoap.org/ws/2004/09/transfer/';
export const ENUM = 'http://schemas.xmlsoap.org/ws/2004/09/enumeration/';
export const WMI = 'http://schemas.microsoft.com/wbem/wsman/1/wmi/root/hardware/';
export const DMTF = 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/';
export const CONFIG = 'http://schemas.microsoft.com/wbem/wsman/1/config';
export const WQL = 'http://schemas.microsoft.com/wbem/wsman/1/WQL';
export const ANON = 'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous';

export interface EnvOpts {
  action?: string;
  resourceUri?: string;
  selectors?: Array<[string, string]>;
  options?: Array<[string, string, boolean?]>;
  body?: string;
  messageId?: string;
  maxEnvelopeSize?: number;
  timeout?: string;
  headers?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The header layout pywinrm 0.3.0 sends (research/wsman.md §3.1): prefixes env/a/w/n/p,
 * unqualified mustUnderstand attributes, To http://windows-host:5985/wsman, MaxEnvelopeSize
 * 153600, Locale and DataLocale en-US, OperationTimeout PT20S.
 */
export function pywinrmEnvelope(o: EnvOpts): string {
  const sel = o.selectors?.length ? `<w:SelectorSet>${o.selectors.map(([k, v]) => `<w:Selector Name="${k}">${esc(v)}</w:Selector>`).join('')}</w:SelectorSet>` : '';
  const opt = o.options?.length ? `<w:OptionSet>${o.options.map(([k, v, mc]) => `<w:Option Name="${k}"${mc ? ' MustComply="true"' : ''}>${esc(v)}</w:Option>`).join('')}</w:OptionSet>` : '';
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:env="${NS.s}" xmlns:a="${NS.a}" xmlns:b="http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd" xmlns:n="${NS.n}" xmlns:x="${NS.x}" xmlns:w="${NS.w}" xmlns:p="${NS.p}" xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell" xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config">` +
    `<env:Header><a:To>http://windows-host:5985/wsman</a:To><a:ReplyTo><a:Address mustUnderstand="true">${ANON}</a:Address></a:ReplyTo>` +
    `<w:MaxEnvelopeSize mustUnderstand="true">${o.maxEnvelopeSize ?? 153600}</w:MaxEnvelopeSize><a:MessageID>${o.messageId ?? 'uuid:11111111-2222-3333-4444-555555555555'}</a:MessageID>` +
    `<w:Locale xml:lang="en-US" mustUnderstand="false"/><p:DataLocale xml:lang="en-US" mustUnderstand="false"/><w:OperationTimeout>${o.timeout ?? 'PT20S'}</w:OperationTimeout>` +
    (o.resourceUri !== undefined ? `<w:ResourceURI mustUnderstand="true">${esc(o.resourceUri)}</w:ResourceURI>` : '') +
    (o.action !== undefined ? `<a:Action mustUnderstand="true">${esc(o.action)}</a:Action>` : '') +
    sel + opt + (o.headers ?? '') +
    `</env:Header><env:Body>${o.body ?? ''}</env:Body></env:Envelope>`
  );
}

/** wsl's layout (s/wsa/wsman/wsen, bare MessageID marked mustUnderstand, indentation). */
export function wslEnvelope(o: EnvOpts): string {
  const sel = o.selectors?.length ? `<wsman:SelectorSet>${o.selectors.map(([k, v]) => `<wsman:Selector Name="${k}">${esc(v)}</wsman:Selector>`).join('')}</wsman:SelectorSet>` : '';
  return (
    `<?xml version="1.0"?><s:Envelope xmlns:s="${NS.s}" xmlns:wsa="${NS.a}" xmlns:wsman="${NS.w}" xmlns:wsen="${NS.n}">  <s:Header>` +
    `    <wsa:Action s:mustUnderstand="true">${o.action}</wsa:Action>    <wsa:To s:mustUnderstand="true">http://127.0.0.1:5985/wsman</wsa:To>` +
    `    <wsman:ResourceURI s:mustUnderstand="true">${o.resourceUri}</wsman:ResourceURI>    <wsa:MessageID s:mustUnderstand="true">${o.messageId ?? '8f6a0b9e-1f8c-4b5e-9a1e-2f0d3c4b5a69'}</wsa:MessageID>` +
    `    <wsa:ReplyTo>      <wsa:Address>${ANON}</wsa:Address>    </wsa:ReplyTo>    ${sel}  ${o.headers ?? ''}</s:Header>  <s:Body>    ${o.body ?? ''}  </s:Body></s:Envelope>`
  );
}

export const IDENTIFY = `<s:Envelope xmlns:s="${NS.s}" xmlns:wsmid="${NS.wsmid}"><s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>`;

export function basic(user: string, pass: string): string {
  return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
}

export function testConfig(over: (c: WsmanConfigFile) => void = () => undefined): WsmanConfigFile {
  const config = configDefaults();
  const svc = config.Service as Record<string, any>;
  svc.AllowUnencrypted = 'true';
  svc.Auth.Basic = 'true';
  const c: WsmanConfigFile = { version: 1, config, listeners: [], certmappings: [] };
  over(c);
  return c;
}

export interface Harness {
  service: WsmanService;
  model: FixtureModel;
  post(xml: string, o?: { user?: string; pass?: string; headers?: Record<string, string>; contentType?: string | null }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A service in memory, driven through fastify inject() (plain HTTP, prefix /wsman). */
export async function harness(o: { model?: FixtureModel; fixture?: FixtureOptions; config?: WsmanConfigFile; clock?: Clock; style?: 'windows' | 'openwsman' | 'auto' } = {}): Promise<Harness> {
  const model = o.model ?? new FixtureModel(o.fixture);
  const service = createWsmanService({ model, initialConfig: o.config ?? testConfig(), clock: o.clock, machine: 'bmcbridge-test', style: o.style });
  await service.accounts.set('admin', { password: 'secret', groups: ['Administrators'] });
  await service.accounts.set('reader', { password: 'readonly', groups: ['Remote Management Users'] });
  await service.app.ready();
  service.engine.start();
  return {
    service,
    model,
    post: (xml, p = {}) => {
      const headers: Record<string, string> = { ...(p.headers ?? {}) };
      if (p.contentType !== null) headers['content-type'] = p.contentType ?? 'application/soap+xml;charset=UTF-8';
      if (p.user !== undefined || p.pass !== undefined || !('authorization' in headers)) {
        if (p.user !== '') headers.authorization = basic(p.user ?? 'admin', p.pass ?? 'secret');
      }
      return service.app.inject({ method: 'POST', url: '/wsman', headers, payload: xml } as InjectOptions);
    },
    close: async () => {
      service.engine.stop();
      await service.app.close();
    },
  };
}

/** Replace the random parts (our MessageID, enumeration contexts) for exact comparison. */
export function normalize(xml: string): string {
  return xml
    .replace(/(<(\w+):MessageID>)uuid:[0-9A-F-]{36}(<\/\2:MessageID>)/g, '$1uuid:MSG$3')
    .replace(/(<(\w+):EnumerationContext>)uuid:[0-9A-F-]{36}(<\/\2:EnumerationContext>)/g, '$1uuid:CTX$3');
}

export function contextOf(xml: string): string | undefined {
  return /<\w+:EnumerationContext>([^<]+)<\/\w+:EnumerationContext>/.exec(xml)?.[1];
}

/** The f:WSManFault Code and the s:Subcode value of a fault body. */
export function faultOf(xml: string): { code: string; subcode?: string; detail?: string; winCode?: string; message?: string } {
  return {
    code: /<s:Code><s:Value>([^<]+)<\/s:Value>/.exec(xml)?.[1] ?? '',
    subcode: /<s:Subcode><s:Value>([^<]+)<\/s:Value>/.exec(xml)?.[1],
    detail: /:FaultDetail>([^<]+)</.exec(xml)?.[1],
    winCode: /<f:WSManFault [^>]*Code="(\d+)"/.exec(xml)?.[1],
    message: /<f:Message>([^<]*)<\/f:Message>/.exec(xml)?.[1]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
  };
}
