import { fault } from '../faults';
import { parseSddl } from '../auth/sddl';
import { parseAddressFilter } from '../net/filter';
import { parseTrustedHosts } from '../net/trusted-hosts';

/**
 * winrm/config declared once: every setting with its element name, order, type, default,
 * limits and help text. The XML layout, the text listing, `winrm help config`, validation and
 * the persisted JSON all come from this table. Element order follows MS-WSMV 2.2.4.10
 * (ConfigType) and the Windows `winrm get winrm/config` listing (research/wsman.md §2.2).
 * Defaults are the seed document's (seed/winrm-install-and-configure.ja.txt), which are the
 * WinRM 2.0 values: MaxEnvelopeSizekb 150, EnumerationTimeoutms 60000, MaxConnections 300 ...
 */
export type SettingType =
  | { kind: 'uint'; min: number; max: number }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'string'; check?: (v: string) => string | undefined };

export interface Setting {
  kind: 'setting';
  name: string;
  type: SettingType;
  default: string;
  readOnly?: boolean;
  help: string;
}
export interface Section {
  kind: 'section';
  name: string;
  items: Array<Setting | Section>;
  help: string;
}

const UINT32 = 4294967295;
const uint = (min: number, max = UINT32): SettingType => ({ kind: 'uint', min, max });
const bool: SettingType = { kind: 'bool' };
const port: SettingType = { kind: 'uint', min: 1, max: 65535 };
const s = (name: string, type: SettingType, def: string, help: string, readOnly = false): Setting => ({
  kind: 'setting', name, type, default: def, help, readOnly,
});
const section = (name: string, help: string, items: Array<Setting | Section>): Section => ({ kind: 'section', name, items, help });

/** URLPrefix: a-z, A-Z, 0-9, '_' and '/', not starting or ending with '/' (seed, "URLPrefix"). */
export function checkUrlPrefix(v: string): string | undefined {
  if (!v) return 'The URLPrefix cannot be empty.';
  if (!/^[A-Za-z0-9_/]+$/.test(v)) return 'The URLPrefix contains characters that are not allowed: only a-z, A-Z, 0-9, underscore (_) and slash (/) may be used.';
  if (v.startsWith('/') || v.endsWith('/')) return 'The URLPrefix cannot start or end with a slash (/).';
  return undefined;
}
const thumbprint = (v: string) => (v === '' || /^[0-9A-Fa-f]{40}$/.test(v) ? undefined : 'A certificate thumbprint is 40 hexadecimal digits (the SHA-1 hash of the certificate).');
const tryParse = (f: (v: string) => unknown) => (v: string) => {
  try {
    f(v);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
};

const clientAuth = section('Auth', 'Authentication schemes the client (bmcbridge winrm) may use.', [
  s('Basic', bool, 'true', 'Allow the client to use Basic authentication (user name and password sent in clear text, so use HTTPS).'),
  s('Digest', bool, 'true', 'Allow the client to use Digest authentication (stored; the service side never accepts Digest).'),
  s('Kerberos', bool, 'true', 'Allow Kerberos (stored; not supported by bmcbridge).'),
  s('Negotiate', bool, 'true', 'Allow Negotiate (stored; not supported by bmcbridge).'),
  s('Certificate', bool, 'true', 'Allow client certificate authentication (HTTPS only).'),
  s('CredSSP', bool, 'false', 'Allow CredSSP (stored; not supported by bmcbridge).'),
]);
const serviceAuth = section('Auth', 'Authentication schemes the service accepts.', [
  s('Basic', bool, 'false', 'Accept Basic authentication. Over HTTP it also needs AllowUnencrypted=true.'),
  s('Kerberos', bool, 'true', 'Kerberos: listed for compatibility, not supported by bmcbridge (requests are refused with 401).'),
  s('Negotiate', bool, 'true', 'Negotiate: listed for compatibility, not supported by bmcbridge (requests are refused with 401).'),
  s('Certificate', bool, 'false', 'Accept client certificate authentication over HTTPS (certificates mapped to users by certmapping).'),
  s('CredSSP', bool, 'false', 'CredSSP: stored, not supported.'),
  s('CbtHardeningLevel', { kind: 'enum', values: ['None', 'Relaxed', 'Strict'] }, 'Relaxed', 'Channel binding token policy (stored; only Basic and certificate authentication exist here).'),
]);
const defaultPorts = (who: string) =>
  section('DefaultPorts', `Ports ${who} uses for HTTP and HTTPS when none is given.`, [
    s('HTTP', port, '5985', 'Default HTTP port (WinRM 2.0: 5985).'),
    s('HTTPS', port, '5986', 'Default HTTPS port (WinRM 2.0: 5986).'),
  ]);

export const CONFIG: Section = section('Config', 'WinRM protocol settings.', [
  s('MaxEnvelopeSizekb', uint(32, 1039440), '150', 'Largest SOAP envelope, in KB, the service accepts or sends. Requests above it are refused before parsing. Values above 1039440 are not supported.'),
  s('MaxTimeoutms', uint(500), '60000', 'Largest OperationTimeout, in ms, for any request except Pull; longer requested timeouts are clamped.'),
  s('MaxBatchItems', uint(1), '32000', 'Largest number of items in one Pull response.'),
  s('MaxProviderRequests', uint(1), '25', 'Deprecated in WinRM 2.0 and read-only.', true),
  section('Client', 'Settings of the WS-Management client (bmcbridge winrm -r:...).', [
    s('NetworkDelayms', uint(0), '5000', 'Extra time, in ms, the client waits to allow for network delay.'),
    s('URLPrefix', { kind: 'string', check: checkUrlPrefix }, 'wsman', 'URL path the client sends requests to (http://host:port/URLPrefix).'),
    s('AllowUnencrypted', bool, 'false', 'Allow the client to send unencrypted traffic (Basic over HTTP also needs -unencrypted).'),
    clientAuth,
    defaultPorts('the client'),
    s('TrustedHosts', { kind: 'string', check: tryParse(parseTrustedHosts) }, '', 'Hosts the client sends Basic credentials to over plain HTTP: comma-separated names, wildcards (*.example.com, *), IPv4 addresses and IPv6 addresses in brackets ([::1]).'),
  ]),
  section('Service', 'Settings of the WS-Management service.', [
    s('RootSDDL', { kind: 'string', check: tryParse(parseSddl) }, 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GR;;;ER)S:P(AU;FA;GA;;;WD)(AU;SA;GWGX;;;WD)', 'Security descriptor for remote access. GA or GW grants write (Put, Create, Delete, Invoke, winrm/config) and read, GR grants read (Get, Enumerate, Identify). Trustees: BA (Administrators), ER (Remote Management Users), WD (Everyone), AU (authenticated users), or a bmcbridge user or group name.'),
    s('MaxConcurrentOperations', uint(1), '100', 'Deprecated in WinRM 2.0 (replaced by MaxConcurrentOperationsPerUser) and read-only.', true),
    s('MaxConcurrentOperationsPerUser', uint(1), '1500', 'Largest number of concurrent operations (requests in progress and open enumerations) per user; above it requests get a QuotaLimit fault.'),
    s('EnumerationTimeoutms', uint(1), '60000', 'Idle time, in ms, between Pull requests after which an enumeration context expires.'),
    s('MaxConnections', uint(1), '300', 'Largest number of simultaneous connections; further connections are refused.'),
    s('MaxPacketRetrievalTimeSeconds', uint(1), '120', 'Longest time, in seconds, the service waits to receive a whole request.'),
    s('AllowUnencrypted', bool, 'false', 'Accept unencrypted traffic (Basic authentication over HTTP).'),
    serviceAuth,
    defaultPorts('the service'),
    s('IPv4Filter', { kind: 'string', check: tryParse((v) => parseAddressFilter(v, 4)) }, '*', 'IPv4 addresses listeners may use: * (all), empty (none), or comma-separated addresses and ranges such as 192.168.0.0-192.168.0.255. Checked on every connection.'),
    s('IPv6Filter', { kind: 'string', check: tryParse((v) => parseAddressFilter(v, 6)) }, '*', 'IPv6 addresses listeners may use: * (all), empty (none), or comma-separated addresses and ranges, e.g. [::1] or [fe80::]-[fe80::ffff].'),
    s('EnableCompatibilityHttpListener', bool, 'false', 'Also listen on port 80 for every HTTP listener.'),
    s('EnableCompatibilityHttpsListener', bool, 'false', 'Also listen on port 443 for every HTTPS listener.'),
    s('CertificateThumbprint', { kind: 'string', check: thumbprint }, '', 'Thumbprint of the default certificate (bmcbridge certificate store).'),
    s('AllowRemoteAccess', bool, 'true', 'When false, no listener is started.'),
  ]),
  section('Winrs', 'Remote shell settings (stored and reported; bmcbridge offers no remote shells).', [
    s('AllowRemoteShellAccess', bool, 'true', 'Allow remote shells (none are offered by bmcbridge).'),
    s('IdleTimeout', uint(0), '180000', 'Idle time, in ms, before a remote shell is deleted.'),
    s('MaxConcurrentUsers', uint(1), '5', 'Largest number of users with remote shells.'),
    s('MaxShellRunTime', uint(0), '28800000', 'Longest run time, in ms, of a remote command (read-only in WinRM 2.0).', true),
    s('MaxProcessesPerShell', uint(0), '15', 'Largest number of processes per shell (0 = no limit).'),
    s('MaxMemoryPerShellMB', uint(0), '150', 'Largest memory per shell, in MB.'),
    s('MaxShellsPerUser', uint(0), '5', 'Largest number of shells per user.'),
  ]),
]);

/** A config value tree: the section structure with every setting as its string value. */
export interface ConfigTree {
  [name: string]: string | ConfigTree;
}

export function defaults(sec: Section = CONFIG): ConfigTree {
  const out: ConfigTree = {};
  for (const it of sec.items) out[it.name] = it.kind === 'section' ? defaults(it) : it.default;
  return out;
}

export function findSection(path: string[]): Section | undefined {
  let cur: Section = CONFIG;
  for (const p of path) {
    const next = cur.items.find((i) => i.kind === 'section' && i.name.toLowerCase() === p.toLowerCase());
    if (!next || next.kind !== 'section') return undefined;
    cur = next;
  }
  return cur;
}

/** Normalise and check one value; a WsmanFault (InvalidRepresentation) names the setting. */
export function checkValue(setting: Setting, raw: string, where: string): string {
  const v = raw.trim();
  const bad = (why: string) =>
    fault.of('InvalidRepresentation', `The WS-Management service cannot process a configuration request: ${where}${setting.name} = "${raw}" is not valid. ${why}`, 'InvalidValues');
  switch (setting.type.kind) {
    case 'uint': {
      if (!/^\d+$/.test(v)) throw bad('The value must be an unsigned integer.');
      const n = Number(v);
      if (n < setting.type.min || n > setting.type.max) throw bad(`The value must be between ${setting.type.min} and ${setting.type.max}.`);
      return String(n);
    }
    case 'bool': {
      const l = v.toLowerCase();
      if (l !== 'true' && l !== 'false') throw bad('The value must be true or false.');
      return l;
    }
    case 'enum': {
      const m = setting.type.values.find((x) => x.toLowerCase() === v.toLowerCase());
      if (!m) throw bad(`The value must be one of ${setting.type.values.join(', ')}.`);
      return m;
    }
    case 'string': {
      const why = setting.type.check?.(v);
      if (why) throw bad(why);
      return v;
    }
  }
}

/**
 * Merge a partial tree (from a Put body or `winrm set @{...}`) into `current`, checking every
 * value; nothing is changed when any value is refused.
 */
export function mergeChecked(sec: Section, current: ConfigTree, partial: ConfigTree, where = ''): ConfigTree {
  const out: ConfigTree = { ...current };
  for (const [name, value] of Object.entries(partial)) {
    const item = sec.items.find((i) => i.name.toLowerCase() === name.toLowerCase());
    if (!item)
      throw fault.of('InvalidRepresentation', `The WS-Management service cannot process a configuration request: ${where}${name} is not a setting of ${sec.name}.`, 'InvalidValues');
    if (item.kind === 'section') {
      if (typeof value === 'string') throw fault.of('InvalidRepresentation', `${where}${item.name} is a section, not a value.`, 'InvalidValues');
      out[item.name] = mergeChecked(item, current[item.name] as ConfigTree, value, `${where}${item.name}/`);
    } else {
      if (typeof value !== 'string') throw fault.of('InvalidRepresentation', `${where}${item.name} is a value, not a section.`, 'InvalidValues');
      const v = checkValue(item, value, where);
      if (item.readOnly && v !== current[item.name])
        throw fault.of('InvalidRepresentation', `The WS-Management service cannot change ${where}${item.name}: the setting is read-only.`, 'InvalidValues');
      out[item.name] = v;
    }
  }
  return out;
}

/** Fill missing settings from defaults and drop unknown ones (a file written by an older version). */
export function complete(sec: Section, tree: ConfigTree | undefined, problems: string[], where = ''): ConfigTree {
  const out: ConfigTree = {};
  for (const it of sec.items) {
    const v = tree?.[it.name];
    if (it.kind === 'section') out[it.name] = complete(it, typeof v === 'object' ? v : undefined, problems, `${where}${it.name}/`);
    else if (typeof v !== 'string') out[it.name] = it.default;
    else {
      try {
        out[it.name] = checkValue(it, v, where);
      } catch (e) {
        problems.push((e as Error).message.replace(/^\w+: /, ''));
        out[it.name] = it.default;
      }
    }
  }
  return out;
}

export function getPath(tree: ConfigTree, path: string): string {
  let cur: string | ConfigTree = tree;
  for (const p of path.split('.')) {
    if (typeof cur !== 'object') throw new Error(`config path ${path}`);
    cur = cur[p];
  }
  if (typeof cur !== 'string') throw new Error(`config path ${path} is not a setting`);
  return cur;
}
