import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, ConfigErrors, TransportError, WsmanFault } from '../../lib/errors';
import { AccountStore } from '../wsman/auth/accounts';
import { CertStore } from '../wsman/auth/certs';
import { ClientAuth, WsmanClient } from '../wsman/client';
import { CERTMAPPING, LISTENER } from '../wsman/config/collections';
import { parseConfigUri } from '../wsman/config/handler';
import { CONFIG, findSection, Section } from '../wsman/config/schema';
import { ConfigStore } from '../wsman/config/store';
import { recordXml, sectionXml, configNamespace } from '../wsman/config/xml';
import { resolveFault } from '../wsman/faults';
import { ANONYMOUS, DIALECT, NS, URI } from '../wsman/ns';
import { ACCOUNTS_FILE, CERTS_DIR } from '../wsman/service';
import { format, OutputFormat } from '../wsman/text';
import { hostTrusted } from '../wsman/net/trusted-hosts';
import { DEFAULT_LIMITS, parseXml } from '../wsman/xml/tree';
import { esc, escAttr } from '../wsman/xml/write';

/**
 * `bmcbridge winrm`: winrm.cmd's syntax (research/wsman.md §2.3) over bmcbridge's WS-Man
 * service. With -r: it is a WS-Man client; without -r: winrm/config resources are read and
 * written in the local configuration files (a running service picks the change up), and other
 * resources go to the local listener. Extensions: `user` (WS-Man accounts) and `cert` (the
 * certificate store), since bmcbridge has no Windows accounts or certificate store to lean on.
 */
export interface WinrmIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** bmcbridge's configuration directory (wsman.json, wsman-accounts.json, certs/). */
  configDir: string;
  /** Asks the user (quickconfig's [y/n], a missing -p:); without it the answer is empty. */
  prompt?: (question: string) => Promise<string>;
}

const USAGE = `Windows Remote Management Command Line Tool (bmcbridge)

winrm OPERATION RESOURCE_URI [-SWITCH:VALUE [-SWITCH:VALUE] ...] [@{KEY=VALUE[;KEY=VALUE]...}]

  get | g          RESOURCE_URI[?KEY=VALUE[+KEY=VALUE]]
  set | s          RESOURCE_URI @{KEY="VALUE";...}  [-file:FILE]
  create | c       RESOURCE_URI @{KEY="VALUE";...}  [-file:FILE]
  delete | d       RESOURCE_URI
  enumerate | e    RESOURCE_URI [-ReturnType:Object|EPR|ObjectAndEPR] [-filter:EXPR [-dialect:WQL|Selector|Association|URI] [-associations]]
  invoke | i       METHOD RESOURCE_URI [@{PARAM="VALUE";...}]
  identify | id    [-r:REMOTE] [-a:none]
  quickconfig | qc [-transport:http|https] [-q] [-force]
  help config      the winrm/config settings
  user add|set|delete|list NAME [-p:PASSWORD] [-group:Administrators|"Remote Management Users"|NAME,...]
  cert list | cert import -file:CERT.pem [-key:KEY.pem] | cert generate -hostname:NAME[,NAME...] | cert delete THUMBPRINT

Resource URIs: winrm/config[/client|/service|/winrs|/listener ...], wmi/root/hardware/CLASS,
cimv2/CLASS (http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CLASS), or a full URI.
Switches: -r:HOST|http://HOST:PORT|https://HOST:PORT/wsman  -u:USER  -p:PASSWORD
  -a:basic|certificate|none  -c:THUMBPRINT  -unencrypted  -usessl  -skipCAcheck  -skipCNcheck
  -format:text|xml|pretty  -timeout:MS
Without -r: winrm/config is read and written in the local configuration files.
Kerberos, Negotiate, CredSSP and Digest are not supported by bmcbridge.
`;

const SWITCHES: Record<string, string> = {
  r: 'remote', remote: 'remote', u: 'username', username: 'username', p: 'password', password: 'password',
  a: 'authentication', auth: 'authentication', authentication: 'authentication', c: 'certificate', certificate: 'certificate',
  unencrypted: 'unencrypted', usessl: 'usessl', skipcacheck: 'skipcacheck', skipcncheck: 'skipcncheck', skiprevocationcheck: 'skiprevocationcheck',
  f: 'format', format: 'format', filter: 'filter', dialect: 'dialect', returntype: 'returntype', associations: 'associations',
  file: 'file', timeout: 'timeout', fragment: 'fragment', q: 'quiet', quiet: 'quiet', transport: 'transport', force: 'force',
  group: 'group', hostname: 'hostname', key: 'key', shallow: 'shallow', basepropertiesonly: 'basepropertiesonly',
};

class Usage extends Error {}
type Switches = Map<string, string | true>;
interface Cmd {
  verb: string;
  args: string[];
  sw: Switches;
  hash?: Array<[string, string]>;
}

/** @{KEY="VALUE";KEY2="VALUE2"} (or {…} for -filter), values quoted or bare. */
export function parseHash(text: string): Array<[string, string]> {
  const t = text.trim().replace(/^@/, '');
  if (!t.startsWith('{') || !t.endsWith('}')) throw new Usage(`"${text}" is not a hash table @{KEY="VALUE";...}`);
  const out: Array<[string, string]> = [];
  const re = /\s*([A-Za-z_][\w]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^;"']*?))\s*(?:;|$)/y;
  const body = t.slice(1, -1);
  let i = 0;
  while (i < body.length) {
    if (/^\s*$/.test(body.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(body);
    if (!m) throw new Usage(`cannot parse the hash table at "${body.slice(i)}"`);
    out.push([m[1], (m[2] ?? m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1')]);
    i = re.lastIndex;
  }
  return out;
}

function parseArgs(argv: string[]): Cmd {
  if (!argv.length) throw new Usage('no operation given');
  const [verb, ...rest] = argv;
  const args: string[] = [];
  const sw: Switches = new Map();
  let hash: Array<[string, string]> | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('@{')) {
      // The shell may have split the table at spaces inside values: join up to the closing brace.
      let text = a;
      while (!text.trimEnd().endsWith('}') && i + 1 < rest.length) text += ' ' + rest[++i];
      hash = parseHash(text);
    } else if (/^[-/][A-Za-z]/.test(a)) {
      const m = /^[-/]([A-Za-z]+)(?::([\s\S]*))?$/.exec(a);
      if (!m) throw new Usage(`bad switch ${a}`);
      const name = SWITCHES[m[1].toLowerCase()];
      if (!name) throw new Usage(`unknown switch -${m[1]}`);
      sw.set(name, m[2] ?? true);
    } else args.push(a);
  }
  return { verb: verb.toLowerCase(), args, sw, hash };
}

const str = (sw: Switches, k: string): string | undefined => {
  const v = sw.get(k);
  return v === true ? '' : v;
};

/** winrm.cmd aliases (research/wsman.md §2.3) and ?K=V+K2=V2 selectors. */
export function expandUri(text: string): { uri: string; selectors: Array<[string, string]> } {
  const q = text.indexOf('?');
  const base = q < 0 ? text : text.slice(0, q);
  const selectors: Array<[string, string]> = q < 0 ? [] : text.slice(q + 1).split('+').filter(Boolean).map((kv) => {
    const e = kv.indexOf('=');
    if (e < 0) throw new Usage(`selector "${kv}" is not KEY=VALUE`);
    return [kv.slice(0, e), kv.slice(e + 1)] as [string, string];
  });
  const lower = base.toLowerCase();
  let uri = base;
  if (/^https?:\/\//i.test(base)) uri = base;
  else if (lower === 'winrm/config' || lower.startsWith('winrm/config/')) uri = URI.config + base.slice('winrm/config'.length);
  else if (lower.startsWith('wmicimv2/')) uri = URI.wmi + 'root/cimv2/' + base.slice(9);
  else if (lower.startsWith('wmi/')) uri = URI.wmi + base.slice(4);
  else if (lower.startsWith('cimv2/')) uri = URI.dmtfCim + base.slice(6);
  else if (lower.startsWith('shell/')) uri = URI.shell + '/' + base.slice(6);
  else throw new Usage(`"${text}" is not a resource URI (use winrm/config/..., wmi/root/hardware/CLASS or a full URI)`);
  return { uri, selectors };
}

function errorNumber(code: number): string {
  const hr = code < 0x10000 ? (0x80070000 | code) >>> 0 : code >>> 0;
  const signed = hr >= 0x80000000 ? hr - 0x100000000 : hr;
  return `Error number:  ${signed} 0x${hr.toString(16).toUpperCase()}`;
}

/** A fault the way winrm.cmd prints one. */
function printFault(io: WinrmIo, f: WsmanFault): number {
  const code = typeof f.detail?.code === 'number' ? f.detail.code : resolveFault(f).winCode;
  const msg = f.reason.trim();
  io.stderr.write(`WSManFault\n    Message = ${msg}\n\n${errorNumber(code)}\n${msg}\n`);
  return 1;
}

export async function runWinrm(argv: string[], io: WinrmIo): Promise<number> {
  let cmd: Cmd;
  try {
    cmd = parseArgs(argv);
  } catch (e) {
    if (e instanceof Usage) {
      io.stderr.write(`bmcbridge winrm: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  try {
    return await dispatch(cmd, io);
  } catch (e) {
    if (e instanceof Usage) {
      io.stderr.write(`bmcbridge winrm: ${e.message}\n`);
      return 2;
    }
    if (e instanceof WsmanFault) return printFault(io, e);
    if (e instanceof TransportError) {
      io.stderr.write(`WSManFault\n    Message = ${e.message}\n\n${errorNumber(2150858770)}\n${e.message}\n`);
      return 1;
    }
    if (e instanceof ConfigErrors || e instanceof ConfigError) {
      io.stderr.write(`bmcbridge winrm: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

class Context {
  private _store?: ConfigStore;
  readonly certs: CertStore;
  constructor(readonly io: WinrmIo) {
    this.certs = new CertStore(path.join(io.configDir, CERTS_DIR));
  }
  get store(): ConfigStore {
    this._store ??= new ConfigStore(this.io.configDir, this.certs);
    return this._store;
  }
  accounts(): AccountStore {
    return new AccountStore(path.join(this.io.configDir, ACCOUNTS_FILE));
  }
  out(s: string): void {
    this.io.stdout.write(s.endsWith('\n') ? s : s + '\n');
  }
}

function formatOf(sw: Switches): OutputFormat {
  const f = (str(sw, 'format') ?? 'text').toLowerCase();
  if (f !== 'text' && f !== 'xml' && f !== 'pretty') throw new Usage(`-format must be text, xml or pretty, not "${f}"`);
  return f;
}

async function dispatch(cmd: Cmd, io: WinrmIo): Promise<number> {
  const ctx = new Context(io);
  switch (cmd.verb) {
    case 'help':
    case '-?':
    case '/?':
      return help(ctx, cmd.args[0]);
    case 'quickconfig':
    case 'qc':
      return quickconfig(ctx, cmd);
    case 'user':
      return user(ctx, cmd);
    case 'cert':
      return cert(ctx, cmd);
    case 'identify':
    case 'id': {
      const client = await connect(ctx, cmd, true);
      try {
        const r = await client.identify(str(cmd.sw, 'authentication')?.toLowerCase() === 'none');
        ctx.out(format(r, formatOf(cmd.sw)));
        return 0;
      } finally {
        client.close();
      }
    }
    case 'get':
    case 'g':
    case 'set':
    case 's':
    case 'create':
    case 'c':
    case 'delete':
    case 'd':
    case 'enumerate':
    case 'enum':
    case 'e':
    case 'invoke':
    case 'i':
      return resourceOp(ctx, cmd);
    default:
      throw new Usage(`unknown operation "${cmd.verb}"`);
  }
}

const VERB: Record<string, 'get' | 'set' | 'create' | 'delete' | 'enumerate' | 'invoke'> = {
  get: 'get', g: 'get', set: 'set', s: 'set', create: 'create', c: 'create', delete: 'delete', d: 'delete',
  enumerate: 'enumerate', enum: 'enumerate', e: 'enumerate', invoke: 'invoke', i: 'invoke',
};

function bodyPairs(cmd: Cmd): Array<[string, string]> | string {
  const file = str(cmd.sw, 'file');
  if (file) return fs.readFileSync(file, 'utf8');
  return cmd.hash ?? [];
}

async function resourceOp(ctx: Context, cmd: Cmd): Promise<number> {
  const verb = VERB[cmd.verb];
  const method = verb === 'invoke' ? cmd.args[0] : undefined;
  const uriText = verb === 'invoke' ? cmd.args[1] : cmd.args[0];
  if (verb === 'invoke' && !method) throw new Usage('invoke needs a METHOD and a RESOURCE_URI');
  if (!uriText) throw new Usage(`${verb} needs a RESOURCE_URI`);
  const { uri, selectors } = expandUri(uriText);
  const fmt = formatOf(cmd.sw);
  const cfg = parseConfigUri(uri);
  if (cfg && !cmd.sw.has('remote')) return localConfig(ctx, verb, uri, selectors, cmd, fmt);
  const client = await connect(ctx, cmd, false);
  try {
    switch (verb) {
      case 'get':
        ctx.out(format(await client.get(uri, selectors, str(cmd.sw, 'fragment')), fmt));
        return 0;
      case 'set':
        ctx.out(format(await client.put(uri, selectors, putBody(uri, bodyPairs(cmd))), fmt));
        return 0;
      case 'create':
        ctx.out(format(await client.create(uri, selectors, putBody(uri, bodyPairs(cmd))), fmt));
        return 0;
      case 'delete':
        await client.delete(uri, selectors);
        return 0;
      case 'invoke': {
        const params = bodyPairs(cmd);
        if (typeof params === 'string') throw new Usage('invoke takes its parameters as @{NAME="VALUE";...}');
        ctx.out(format(await client.invoke(uri, method!, selectors, params), fmt));
        return 0;
      }
      case 'enumerate': {
        const rt = (str(cmd.sw, 'returntype') ?? 'object').toLowerCase();
        const mode = rt === 'epr' ? 'EnumerateEPR' : rt === 'objectandepr' ? 'EnumerateObjectAndEPR' : rt === 'object' ? undefined : badReturnType(rt);
        const filter = filterOf(cmd, uri);
        let first = true;
        for await (const item of client.enumerate(uri, selectors, { mode, filter })) {
          if (!first && fmt === 'text') ctx.out('');
          ctx.out(format(item, fmt));
          first = false;
        }
        return 0;
      }
    }
  } finally {
    client.close();
  }
  return 0;
}

function badReturnType(rt: string): never {
  throw new Usage(`-ReturnType must be Object, EPR or ObjectAndEPR, not "${rt}"`);
}

/** A Put/Create body from @{...}: the resource's element with one child per key. */
function putBody(uri: string, pairs: Array<[string, string]> | string): string {
  if (typeof pairs === 'string') return pairs;
  const cfg = parseConfigUri(uri);
  let root: string;
  let ns: string;
  if (cfg?.kind === 'section') {
    root = findSection(cfg.path)!.name;
    ns = configNamespace(cfg.path);
  } else if (cfg?.kind === 'listener') {
    root = LISTENER.element;
    ns = `${NS.cfg}/listener`;
  } else if (cfg?.kind === 'certmapping') {
    root = CERTMAPPING.element;
    ns = `${NS.cfg}/service/certmapping`;
  } else {
    root = uri.slice(uri.lastIndexOf('/') + 1);
    ns = uri;
  }
  const prefix = cfg ? 'cfg' : 'p';
  return `<${prefix}:${root} xmlns:${prefix}="${escAttr(ns)}">${pairs.map(([k, v]) => `<${prefix}:${k}>${esc(v)}</${prefix}:${k}>`).join('')}</${prefix}:${root}>`;
}

/** -filter / -dialect: WQL text, {K="V";...} for Selector, {object=...;resultclassname=...} for Association. */
function filterOf(cmd: Cmd, uri: string): { dialect: string; xml: string } | undefined {
  const text = str(cmd.sw, 'filter');
  if (text === undefined) return undefined;
  const d = (str(cmd.sw, 'dialect') ?? 'wql').toLowerCase();
  const dialect = d === 'wql' ? DIALECT.wql : d === 'selector' ? DIALECT.selector : d === 'association' ? DIALECT.association : d === 'cql' ? DIALECT.cql : str(cmd.sw, 'dialect')!;
  if (dialect === DIALECT.selector) {
    const sels = parseHash(text);
    return { dialect, xml: `<w:SelectorSet>${sels.map(([k, v]) => `<w:Selector Name="${escAttr(k)}">${esc(v)}</w:Selector>`).join('')}</w:SelectorSet>` };
  }
  if (dialect === DIALECT.association) {
    const h = new Map(parseHash(text).map(([k, v]) => [k.toLowerCase(), v]));
    const obj = h.get('object');
    if (!obj) throw new Usage('an association filter needs object=CLASS?KEY=VALUE+...');
    const base = uri.replace(/\*$/, '');
    // A bare CLASS?KEY=VALUE is in the namespace of the enumerated URI (wmi/root/hardware/*).
    const { uri: objUri, selectors } = expandUri(/^[A-Za-z_]\w*(\?|$)/.test(obj) ? base + obj : obj);
    const assoc = cmd.sw.has('associations');
    const el = assoc ? 'AssociationInstances' : 'AssociatedInstances';
    const opt = (k: string, name: string) => (h.get(k) ? `<b:${name}>${esc(h.get(k)!)}</b:${name}>` : '');
    const extras = assoc
      ? opt('resultclassname', 'ResultClassName') + opt('role', 'Role')
      : opt('associationclassname', 'AssociationClassName') + opt('role', 'Role') + opt('resultclassname', 'ResultClassName') + opt('resultrole', 'ResultRole');
    const sel = selectors.map(([k, v]) => `<w:Selector Name="${escAttr(k)}">${esc(v)}</w:Selector>`).join('');
    return {
      dialect,
      xml: `<b:${el}><b:Object><a:Address>${ANONYMOUS}</a:Address><a:ReferenceParameters><w:ResourceURI>${esc(objUri)}</w:ResourceURI><w:SelectorSet>${sel}</w:SelectorSet></a:ReferenceParameters></b:Object>${extras}</b:${el}>`,
    };
  }
  return { dialect, xml: esc(text) };
}

// ---- winrm/config in the local files ---------------------------------------------------

function localConfig(ctx: Context, verb: string, uri: string, selectors: Array<[string, string]>, cmd: Cmd, fmt: OutputFormat): number {
  const r = parseConfigUri(uri)!;
  const show = (xml: string) => ctx.out(format(parseXml(xml, DEFAULT_LIMITS), fmt));
  const sel = (keys: readonly string[]) =>
    keys.map((k) => {
      const s = selectors.find(([n]) => n.toLowerCase() === k.toLowerCase());
      if (!s) throw new WsmanFault('InvalidSelectors', `The WS-Management service cannot process the request because the request contained invalid selectors for the resource. Missing: ${k}.`, { faultDetail: 'InsufficientSelectors' });
      return s[1];
    });
  const pairs = () => {
    const p = bodyPairs(cmd);
    if (typeof p === 'string') return xmlPairs(p);
    return Object.fromEntries(p);
  };
  const store = ctx.store;
  if (r.kind === 'section') {
    const sec = findSection(r.path)!;
    if (verb === 'get') show(sectionXml(sec, r.path, store.section(r.path)));
    else if (verb === 'set') show(sectionXml(sec, r.path, store.putSection(r.path, nestPairs(sec, pairs()))));
    else throw new WsmanFault('ActionNotSupported', `The WS-Management service cannot process the request because ${verb} is not supported for ${uri}.`);
    return 0;
  }
  if (r.kind === 'listener') {
    if (verb === 'enumerate') {
      store.listeners().forEach((l, i) => {
        if (i && fmt === 'text') ctx.out('');
        show(recordXml(LISTENER, l));
      });
      return 0;
    }
    const [a, t] = sel(LISTENER.keys);
    if (verb === 'get') {
      const l = store.findListener(a, t);
      if (!l) throw new WsmanFault('ResourceNotFound', `The WS-Management service cannot process the request. The service cannot find the resource identified by the resource URI and selectors.`);
      show(recordXml(LISTENER, l));
    } else if (verb === 'set') show(recordXml(LISTENER, store.putListener(a, t, pairs())));
    else if (verb === 'create') created(ctx, fmt, `${URI.config}/listener`, [['Address', store.createListener(a, t, pairs()).Address], ['Transport', t.toUpperCase()]]);
    else if (verb === 'delete') store.deleteListener(a, t);
    else throw new WsmanFault('ActionNotSupported', `The WS-Management service cannot process the request because ${verb} is not supported for ${uri}.`);
    return 0;
  }
  if (verb === 'enumerate') {
    store.certMappings().forEach((m, i) => {
      if (i && fmt === 'text') ctx.out('');
      show(recordXml(CERTMAPPING, m));
    });
    return 0;
  }
  const [u, s, i] = sel(CERTMAPPING.keys);
  if (verb === 'get') {
    const m = store.findCertMapping(u, s, i);
    if (!m) throw new WsmanFault('ResourceNotFound', 'The WS-Management service cannot process the request. The service cannot find the resource identified by the resource URI and selectors.');
    show(recordXml(CERTMAPPING, m));
  } else if (verb === 'set') show(recordXml(CERTMAPPING, store.putCertMapping(u, s, i, pairs())));
  else if (verb === 'create') {
    const p = pairs();
    const m = store.createCertMapping({ URI: u, Subject: s, Issuer: i, UserName: p.UserName ?? '', Enabled: p.Enabled ?? 'true' });
    created(ctx, fmt, `${URI.config}/service/certmapping`, [['URI', m.URI], ['Subject', m.Subject], ['Issuer', m.Issuer]]);
  } else if (verb === 'delete') store.deleteCertMapping(u, s, i);
  else throw new WsmanFault('ActionNotSupported', `The WS-Management service cannot process the request because ${verb} is not supported for ${uri}.`);
  return 0;
}

function created(ctx: Context, fmt: OutputFormat, uri: string, sels: Array<[string, string]>): void {
  const xml =
    `<x:ResourceCreated xmlns:x="${NS.x}" xmlns:a="${NS.a}" xmlns:w="${NS.w}"><a:Address>${ANONYMOUS}</a:Address><a:ReferenceParameters>` +
    `<w:ResourceURI>${esc(uri)}</w:ResourceURI><w:SelectorSet>${sels.map(([k, v]) => `<w:Selector Name="${escAttr(k)}">${esc(v)}</w:Selector>`).join('')}</w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>`;
  ctx.out(format(parseXml(xml, DEFAULT_LIMITS), fmt));
}

/** Keys of @{...} given for a section may name settings of its sub-sections: place them. */
function nestPairs(sec: Section, flat: Record<string, string>): Record<string, string | Record<string, string>> {
  const out: Record<string, string | Record<string, string>> = {};
  for (const [k, v] of Object.entries(flat)) {
    if (sec.items.some((i) => i.kind === 'setting' && i.name.toLowerCase() === k.toLowerCase())) out[k] = v;
    else {
      const sub = sec.items.find((i) => i.kind === 'section' && i.items.some((x) => x.kind === 'setting' && x.name.toLowerCase() === k.toLowerCase()));
      if (sub) ((out[sub.name] ??= {}) as Record<string, string>)[k] = v;
      else out[k] = v;
    }
  }
  return out;
}

function xmlPairs(xml: string): Record<string, string> {
  const root = parseXml(xml, DEFAULT_LIMITS);
  return Object.fromEntries(root.children.map((c) => [c.local, c.text.trim()]));
}

// ---- connecting ------------------------------------------------------------------------

async function connect(ctx: Context, cmd: Cmd, identify: boolean): Promise<WsmanClient> {
  const store = ctx.store;
  const sw = cmd.sw;
  const remote = str(sw, 'remote');
  let endpoint: URL;
  if (remote) {
    const ssl = sw.has('usessl');
    if (/^https?:\/\//i.test(remote)) {
      endpoint = new URL(remote);
      if (!endpoint.port) endpoint.port = store.get(`Client.DefaultPorts.${endpoint.protocol === 'https:' ? 'HTTPS' : 'HTTP'}`);
      if (endpoint.pathname === '/' || endpoint.pathname === '') endpoint.pathname = '/' + store.get('Client.URLPrefix');
    } else {
      const hostPort = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(remote);
      if (!hostPort) throw new Usage(`-r:${remote} is not a host, host:port or URL`);
      const scheme = ssl ? 'https' : 'http';
      endpoint = new URL(`${scheme}://${hostPort[1]}:${hostPort[2] ?? store.get(`Client.DefaultPorts.${ssl ? 'HTTPS' : 'HTTP'}`)}/${store.get('Client.URLPrefix')}`);
    }
  } else {
    // Like winrm.cmd without -r: the local service, through its first usable listener.
    const l = store.listeners().find((x) => x.Enabled === 'true' && x.Transport === 'HTTP' && x.Port !== '0') ?? store.listeners().find((x) => x.Enabled === 'true' && x.Port !== '0');
    if (!l) throw new TransportError('The WinRM client cannot process the request: winrm/config has no enabled listener to reach the local service (create one with bmcbridge winrm quickconfig, or give -r:).');
    const host = l.Address.startsWith('IP:') ? l.Address.slice(3) : '127.0.0.1';
    const h = net.isIPv6(host) ? `[${host}]` : host;
    endpoint = new URL(`${l.Transport.toLowerCase()}://${h === '[::]' || h === '0.0.0.0' ? '127.0.0.1' : h}:${l.Port}/${l.URLPrefix}`);
  }
  const secure = endpoint.protocol === 'https:';
  const host = endpoint.hostname.replace(/^\[|\]$/g, '');
  const a = (str(sw, 'authentication') ?? (str(sw, 'certificate') ? 'certificate' : str(sw, 'username') !== undefined ? 'basic' : '')).toLowerCase();
  let auth: ClientAuth;
  if (a === 'none') {
    if (!identify) throw new Usage('-a:none is only possible with identify');
    auth = { kind: 'none' };
  } else if (a === 'basic') {
    if (!store.bool('Client.Auth.Basic')) throw new TransportError('The WinRM client cannot process the request. The requested authentication mechanism (Basic) is disabled in the client configuration (winrm/config/client/auth Basic=false).');
    const user = str(sw, 'username');
    if (!user) throw new Usage('Basic authentication needs -u:USER');
    let password = str(sw, 'password');
    if (password === undefined) password = ctx.io.prompt ? await ctx.io.prompt(`Password for ${user}: `) : '';
    if (!secure) {
      if (!sw.has('unencrypted') || !store.bool('Client.AllowUnencrypted'))
        throw new TransportError('The WinRM client cannot process the request. Unencrypted traffic is currently disabled in the client configuration. Change the client configuration (winrm/config/client AllowUnencrypted="true") and give -unencrypted, or use HTTPS (-usessl).');
      const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
      if (!loopback && !hostTrusted(host, store.get('Client.TrustedHosts')))
        throw new TransportError(`The WinRM client cannot process the request. Basic authentication over HTTP sends the password in clear text, and ${host} is not in the TrustedHosts list: add it with bmcbridge winrm set winrm/config/client @{TrustedHosts="${host}"}.`);
    }
    auth = { kind: 'basic', user, password };
  } else if (a === 'certificate') {
    if (!secure) throw new TransportError('The WinRM client cannot process the request. Certificate authentication is only possible over HTTPS.');
    if (!store.bool('Client.Auth.Certificate')) throw new TransportError('The WinRM client cannot process the request. The requested authentication mechanism (Certificate) is disabled in the client configuration.');
    const thumb = str(sw, 'certificate');
    if (!thumb) throw new Usage('certificate authentication needs -c:THUMBPRINT (a certificate with its key in the bmcbridge certificate store)');
    const c = ctx.certs.get(thumb.replace(/\s+/g, ''));
    if (!c?.keyPem) throw new TransportError(`The WinRM client cannot find the certificate ${thumb} (with its private key) in the bmcbridge certificate store.`);
    auth = { kind: 'certificate', cert: c.certPem, key: c.keyPem };
  } else if (['negotiate', 'kerberos', 'credssp', 'digest'].includes(a)) {
    throw new TransportError(`The WinRM client cannot process the request. The ${a} authentication mechanism is not supported by bmcbridge; use -a:basic or -a:certificate.`);
  } else if (a === '') {
    throw new Usage('give -u:USER -p:PASSWORD (Basic) or -a:certificate -c:THUMBPRINT; Negotiate and Kerberos are not supported by bmcbridge');
  } else throw new Usage(`unknown authentication "${a}"`);
  const timeout = str(sw, 'timeout');
  return new WsmanClient({
    endpoint,
    auth,
    ca: ctx.certs.list().map((c) => c.certPem),
    skipCACheck: sw.has('skipcacheck'),
    skipCNCheck: sw.has('skipcncheck'),
    maxEnvelopeSize: store.num('MaxEnvelopeSizekb') * 1024,
    operationTimeoutMs: timeout ? Number(timeout) : store.num('MaxTimeoutms'),
    networkDelayMs: store.num('Client.NetworkDelayms'),
  });
}

// ---- quickconfig, help, users, certificates ----------------------------------------------

async function quickconfig(ctx: Context, cmd: Cmd): Promise<number> {
  const transport = (str(cmd.sw, 'transport') ?? 'http').toUpperCase();
  if (transport !== 'HTTP' && transport !== 'HTTPS') throw new Usage('-transport must be http or https');
  const store = ctx.store;
  const quiet = cmd.sw.has('quiet') || cmd.sw.has('force');
  const have = store.findListener('*', transport);
  const changes: string[] = [];
  if (!have) changes.push(`Create a WinRM listener on ${transport}://* to accept WS-Man requests to any IP on this machine.`);
  if (!store.bool('Service.AllowRemoteAccess')) changes.push('Allow remote access to the WS-Management service (Service/AllowRemoteAccess=true).');
  if (transport === 'HTTPS' && !store.bool('Service.Auth.Basic')) changes.push('Enable Basic authentication for HTTPS (Service/Auth/Basic=true).');
  if (!changes.length) {
    ctx.out('WinRM is already set up for remote management on this computer.');
    return 0;
  }
  ctx.out(`WinRM is not set up to allow remote access to this machine for management.\nThe following changes must be made:\n\n${changes.join('\n')}\n\n`);
  if (!quiet) {
    const answer = ctx.io.prompt ? await ctx.io.prompt('Make these changes [y/n]? ') : '';
    if (!/^y/i.test(answer.trim())) {
      ctx.out('No changes were made.');
      return 1;
    }
  }
  const done: string[] = [];
  if (!store.bool('Service.AllowRemoteAccess')) {
    store.putSection(['Service'], { AllowRemoteAccess: 'true' });
    done.push('Remote access to the WS-Management service allowed.');
  }
  if (!have) {
    let props = {};
    if (transport === 'HTTPS') {
      const hostname = os.hostname();
      const thumb = ctx.certs.generateSelfSigned(hostname, { extraNames: ['localhost', '127.0.0.1'] });
      props = { Hostname: hostname, CertificateThumbprint: thumb };
      done.push(`Created a self-signed certificate for ${hostname} (thumbprint ${thumb}).`);
    }
    store.createListener('*', transport, props);
    done.push(`Created a WinRM listener on ${transport}://* to accept WS-Man requests to any IP on this machine.`);
  }
  if (transport === 'HTTPS' && !store.bool('Service.Auth.Basic')) {
    store.putSection(['Service', 'Auth'], { Basic: 'true' });
    done.push('Basic authentication enabled (Service/Auth/Basic=true).');
  }
  ctx.out(`WinRM has been updated for remote management.\n\n${done.join('\n')}`);
  if (transport === 'HTTP' && !(store.bool('Service.Auth.Basic') && store.bool('Service.AllowUnencrypted')))
    ctx.out('\nNote: over HTTP, bmcbridge accepts only Basic authentication, which also needs Service/Auth/Basic=true and Service/AllowUnencrypted=true (passwords in clear text); prefer quickconfig -transport:https.');
  if (ctx.accounts().list().length === 0) ctx.out('\nNo WS-Man account exists yet: create one with bmcbridge winrm user add NAME -p:PASSWORD -group:Administrators');
  return 0;
}

function help(ctx: Context, topic: string | undefined): number {
  if (!topic) {
    ctx.out(USAGE);
    return 0;
  }
  if (topic.toLowerCase() !== 'config') {
    ctx.out(`No help for "${topic}"; topics: config.\n\n${USAGE}`);
    return 0;
  }
  const lines = ['Configuration for WinRM (winrm/config), with the default of each setting.', ''];
  const walk = (sec: Section, uri: string, depth: number) => {
    const pad = '  '.repeat(depth);
    lines.push(`${pad}${sec.name}  (${uri}): ${sec.help}`);
    for (const it of sec.items) {
      if (it.kind === 'section') walk(it, `${uri}/${it.name}`, depth + 1);
      else lines.push(`${pad}  ${it.name} = ${it.default || '""'}${it.readOnly ? '  [read-only]' : ''}\n${pad}      ${it.help}`);
    }
  };
  walk(CONFIG, 'winrm/config', 0);
  lines.push(
    '',
    'Listener  (winrm/config/listener?Address=ADDRESS+Transport=HTTP|HTTPS): several may exist.',
    '  Address: * (every address), IP:<address> or MAC:<address>.  Transport: HTTP or HTTPS.',
    '  Port (default from Service/DefaultPorts), Hostname, Enabled (true), URLPrefix (wsman: only a-z, A-Z, 0-9, _ and /,',
    '  not starting or ending with /), CertificateThumbprint (HTTPS: SHA-1 thumbprint of a certificate in the bmcbridge',
    '  certificate store), ListeningOn (computed).',
    '  Example: bmcbridge winrm create winrm/config/Listener?Address=*+Transport=HTTPS @{Hostname="bmc01";CertificateThumbprint="..."}',
    '',
    'certmapping  (winrm/config/service/certmapping?URI=*+Subject=PATTERN+Issuer=THUMBPRINT): maps client certificates',
    '  issued by the certificate with that thumbprint, whose UPN, e-mail or CN matches Subject, to the user UserName.',
    '',
    'Examples:',
    '  bmcbridge winrm set winrm/config/service @{AllowUnencrypted="true"}',
    '  bmcbridge winrm set winrm/config/service/auth @{Basic="true"}',
    '  bmcbridge winrm set winrm/config/client @{TrustedHosts="bmc01,*.lab.example.com,[::1]"}',
    '  bmcbridge winrm enumerate winrm/config/listener',
  );
  ctx.out(lines.join('\n'));
  return 0;
}

const GROUP_ALIASES: Record<string, string> = { ba: 'Administrators', administrators: 'Administrators', er: 'Remote Management Users', rm: 'Remote Management Users', 'remote management users': 'Remote Management Users' };

async function user(ctx: Context, cmd: Cmd): Promise<number> {
  const [sub, name] = cmd.args;
  const accounts = ctx.accounts();
  const groups = str(cmd.sw, 'group')
    ?.split(',')
    .map((g) => g.trim())
    .filter(Boolean)
    .map((g) => GROUP_ALIASES[g.toLowerCase()] ?? g);
  switch ((sub ?? '').toLowerCase()) {
    case 'list':
      for (const a of accounts.list()) ctx.out(`${a.name}  groups: ${a.groups.join(', ') || '(none)'}${a.disabled ? '  (disabled)' : ''}`);
      return 0;
    case 'add':
    case 'set': {
      if (!name) throw new Usage(`user ${sub} needs a NAME`);
      if (sub.toLowerCase() === 'add' && accounts.find(name)) throw new Usage(`the user ${name} exists already (use user set)`);
      let password = str(cmd.sw, 'password');
      if (password === undefined && (sub.toLowerCase() === 'add' || !groups)) password = ctx.io.prompt ? await ctx.io.prompt(`Password for ${name}: `) : undefined;
      if (sub.toLowerCase() === 'add' && !password) throw new Usage('user add needs -p:PASSWORD');
      try {
        await accounts.set(name, { password: password || undefined, groups: groups ?? (accounts.find(name) ? undefined : ['Administrators']) });
      } catch (e) {
        throw new Usage((e as Error).message);
      }
      const a = accounts.find(name)!;
      ctx.out(`${sub.toLowerCase() === 'add' ? 'Created' : 'Updated'} the user ${a.name} (groups: ${a.groups.join(', ') || 'none'}).`);
      return 0;
    }
    case 'delete':
      if (!name) throw new Usage('user delete needs a NAME');
      if (!accounts.remove(name)) throw new Usage(`no user ${name}`);
      ctx.out(`Deleted the user ${name}.`);
      return 0;
    default:
      throw new Usage('user add|set|delete|list');
  }
}

function cert(ctx: Context, cmd: Cmd): number {
  const [sub, arg] = cmd.args;
  switch ((sub ?? '').toLowerCase()) {
    case 'list':
      for (const c of ctx.certs.list()) ctx.out(`${c.thumbprint}  ${c.x509.subject.replace(/\n/g, ', ')}  expires ${c.x509.validTo}${c.keyPem ? '  (with key)' : ''}`);
      return 0;
    case 'import': {
      const file = str(cmd.sw, 'file');
      if (!file) throw new Usage('cert import needs -file:CERT.pem [-key:KEY.pem]');
      const key = str(cmd.sw, 'key');
      ctx.out(ctx.certs.import(fs.readFileSync(file, 'utf8'), key ? fs.readFileSync(key, 'utf8') : undefined));
      return 0;
    }
    case 'generate': {
      // -hostname:NAME[,NAME2...]: the first is the CN, all are subjectAltNames.
      const [cn, ...more] = (str(cmd.sw, 'hostname') || os.hostname()).split(',').map((x) => x.trim()).filter(Boolean);
      ctx.out(ctx.certs.generateSelfSigned(cn, { extraNames: more }));
      return 0;
    }
    case 'delete':
      if (!arg || !ctx.certs.remove(arg)) throw new Usage(`no certificate ${arg ?? ''}`);
      return 0;
    default:
      throw new Usage('cert list|import|generate|delete');
  }
}
