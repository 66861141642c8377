import net from 'node:net';
import { fault } from '../faults';
import { checkUrlPrefix } from './schema';
import type { CertStore } from '../auth/certs';

/**
 * The keyed config resources: winrm/config/listener (MS-WSMV 2.2.4.19 ListenerType, element
 * order Address, Transport, Port, Hostname, Enabled, URLPrefix, CertificateThumbprint,
 * ListeningOn*) and winrm/config/service/certmapping (keys URI, Subject, Issuer).
 */
export interface ListenerConfig {
  Address: string;
  Transport: string;
  Port: string;
  Hostname: string;
  Enabled: string;
  URLPrefix: string;
  CertificateThumbprint: string;
}
export interface CertMapping {
  URI: string;
  Subject: string;
  Issuer: string;
  UserName: string;
  Enabled: string;
}

export interface CollectionSpec<T> {
  /** Root element local name. */
  element: string;
  /** Path under …/wsman/1/, also the element namespace suffix. */
  path: string;
  keys: ReadonlyArray<keyof T & string>;
  fields: ReadonlyArray<keyof T & string>;
  /** Write-only properties accepted on Create/Put and discarded (certmapping Password). */
  writeOnly?: readonly string[];
}

export const LISTENER: CollectionSpec<ListenerConfig> = {
  element: 'Listener',
  path: 'config/listener',
  keys: ['Address', 'Transport'],
  fields: ['Address', 'Transport', 'Port', 'Hostname', 'Enabled', 'URLPrefix', 'CertificateThumbprint'],
};
export const CERTMAPPING: CollectionSpec<CertMapping> = {
  element: 'certmapping',
  path: 'config/service/certmapping',
  keys: ['URI', 'Subject', 'Issuer'],
  fields: ['URI', 'Subject', 'Issuer', 'UserName', 'Enabled'],
  writeOnly: ['Password'],
};

const bad = (what: string, why: string) =>
  fault.of('InvalidRepresentation', `The WS-Management service cannot process the request: ${what} is not valid. ${why}`, 'InvalidValues');
const badSel = (what: string, why: string) => fault.invalidSelectors('InvalidValue', `The WS-Management service cannot process the request because the selector ${what} is not valid. ${why}`);

/** Address selector forms: `*`, `IP:<v4>`, `IP:<v6>` (brackets optional), `MAC:<6 bytes>`. */
export function normalizeAddress(a: string): string {
  const v = a.trim();
  if (v === '*') return '*';
  const m = /^(IP|MAC):(.+)$/i.exec(v);
  if (m && m[1].toUpperCase() === 'IP') {
    const ip = m[2].replace(/^\[(.*)\]$/, '$1');
    if (net.isIPv4(ip)) return `IP:${ip}`;
    if (net.isIPv6(ip)) return `IP:${ip.toLowerCase()}`;
  }
  if (m && m[1].toUpperCase() === 'MAC' && /^([0-9A-Fa-f]{2}[-:]){5}[0-9A-Fa-f]{2}$/.test(m[2])) return `MAC:${m[2].toUpperCase().replace(/:/g, '-')}`;
  throw badSel(`Address="${a}"`, 'The address must be *, IP:<address> or MAC:<address>.');
}
export function normalizeTransport(t: string): string {
  const v = t.trim().toUpperCase();
  if (v !== 'HTTP' && v !== 'HTTPS') throw badSel(`Transport="${t}"`, 'The transport must be HTTP or HTTPS.');
  return v;
}

const boolish = (v: string, what: string) => {
  const l = v.trim().toLowerCase();
  if (l !== 'true' && l !== 'false') throw bad(what, 'The value must be true or false.');
  return l;
};

/** Check a complete listener record; `certs` resolves CertificateThumbprint. */
export function checkListener(l: ListenerConfig, certs: CertStore | undefined): ListenerConfig {
  const out: ListenerConfig = { ...l, Address: normalizeAddress(l.Address), Transport: normalizeTransport(l.Transport) };
  if (!/^\d+$/.test(out.Port) || Number(out.Port) > 65535) throw bad(`Port "${l.Port}"`, 'The port must be a number from 1 to 65535 (0 picks a free port).');
  out.Port = String(Number(out.Port));
  out.Enabled = boolish(out.Enabled, `Enabled "${l.Enabled}"`);
  const why = checkUrlPrefix(out.URLPrefix);
  if (why) throw bad(`URLPrefix "${l.URLPrefix}"`, why);
  if (out.Hostname && !/^(\*|[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]|[\d.]+)$/.test(out.Hostname)) throw bad(`Hostname "${l.Hostname}"`, 'The host name must be a fully qualified name, an IP address literal or *.');
  out.CertificateThumbprint = out.CertificateThumbprint.replace(/\s+/g, '').toUpperCase();
  if (out.Transport === 'HTTPS') {
    if (!out.CertificateThumbprint) throw bad('CertificateThumbprint ""', 'An HTTPS listener needs the thumbprint of a certificate in the bmcbridge certificate store.');
    const c = certs?.get(out.CertificateThumbprint);
    if (!c) throw fault.of('InvalidParameter', `The WS-Management service cannot find the certificate that was requested (thumbprint ${out.CertificateThumbprint}).`);
    if (!c.keyPem) throw fault.of('InvalidParameter', `The certificate ${out.CertificateThumbprint} has no private key in the certificate store.`);
    const ip = out.Hostname.replace(/^\[|\]$/g, '');
    if (out.Hostname && out.Hostname !== '*' && !(net.isIP(ip) ? c.x509.checkIP(ip) : c.x509.checkHost(out.Hostname)))
      throw fault.of('InvalidParameter', 'The WinRM client cannot process the request. The certificate CN and the hostname that were provided do not match.');
  } else if (out.CertificateThumbprint) {
    throw bad(`CertificateThumbprint "${l.CertificateThumbprint}"`, 'An HTTP listener has no certificate.');
  }
  return out;
}

export function checkCertMapping(m: CertMapping, certs: CertStore | undefined): CertMapping {
  const out = { ...m, Issuer: m.Issuer.replace(/\s+/g, '').toUpperCase(), Enabled: boolish(m.Enabled, `Enabled "${m.Enabled}"`) };
  if (!/^[0-9A-F]{40}$/.test(out.Issuer)) throw badSel(`Issuer="${m.Issuer}"`, 'The issuer is the thumbprint (40 hexadecimal digits) of the issuing certificate.');
  if (certs && !certs.get(out.Issuer)) throw fault.of('InvalidParameter', `The WS-Management service cannot find the issuer certificate ${out.Issuer} in the certificate store.`);
  if (!out.Subject) throw badSel('Subject=""', 'The subject is * or a pattern matching the client certificate subject.');
  if (!out.URI) throw badSel('URI=""', 'The URI is * or a resource URI prefix.');
  if (!out.UserName) throw bad('UserName ""', 'The user the certificate maps to is required.');
  return out;
}
