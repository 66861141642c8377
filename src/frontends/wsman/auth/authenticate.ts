import crypto from 'node:crypto';
import type { PeerCertificate, DetailedPeerCertificate } from 'node:tls';
import type { ConfigStore } from '../config/store';
import { SECPROFILE } from '../ns';
import type { AccountStore } from './accounts';

/**
 * Authentication as WinRM's service does it (research/wsman.md §1.7): Basic, pre-emptive,
 * only when Service/Auth/Basic is true and, over plain HTTP, only when
 * Service/AllowUnencrypted is true (WinRM answers 401 otherwise); client certificates over
 * HTTPS only, announced by the Authorization value …/secprofile/https/mutual and mapped to a
 * user by winrm/config/service/certmapping. Kerberos, Negotiate, CredSSP and Digest are
 * refused (not supported by bmcbridge). `WSMANIDENTIFY: unauthenticated` allows an Identify
 * without credentials (MS-WSMV 3.1.4.1.23).
 */
export interface Principal {
  user: string;
  groups: readonly string[];
  method: 'basic' | 'certificate';
  /** certmapping URI patterns the certificate is valid for ('*' or a resource URI prefix). */
  uriPatterns?: string[];
}
export type AuthOutcome =
  | { kind: 'ok'; principal: Principal }
  | { kind: 'anonymous-identify' }
  | { kind: 'refused'; reason: string };

export interface ConnectionInfo {
  secure: boolean;
  /** The TLS client certificate, when one was presented. */
  peerCert?: DetailedPeerCertificate | PeerCertificate;
  /** Whether the client certificate chains to a certmapping issuer (tls authorized). */
  peerAuthorized?: boolean;
}

/** SHA-256 in base64: crypto.hash where Node has it (20.12 and later), a Hash object before. */
const sha256: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'base64') : (text) => crypto.createHash('sha256').update(text).digest('base64');

export interface CredentialCacheOptions {
  /** Verified Basic credentials kept at most (default 10000). */
  cacheMax?: number;
  /** How long one is trusted without running scrypt again (default 5 minutes). */
  cacheTtlMs?: number;
  /** Milliseconds clock for the TTL (default Date.now). */
  now?: () => number;
}

export class Authenticator {
  /**
   * SHA-256(secret, Basic token) -> account, so scrypt runs once per credential, not per
   * request. The token holds user and password, so a wrong password never finds an entry; the
   * random secret keeps the keys useless for guessing passwords offline. Entries are dropped
   * on any account change (AccountStore.generation), after cacheTtlMs, and the oldest goes
   * when cacheMax is reached.
   */
  private readonly cache = new Map<string, { user: string; gen: number; at: number }>();
  private readonly secret = crypto.randomBytes(32).toString('base64');
  private readonly cacheMax: number;
  private readonly cacheTtlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly config: ConfigStore,
    private readonly accounts: AccountStore,
    opts: CredentialCacheOptions = {},
  ) {
    this.cacheMax = Math.max(1, opts.cacheMax ?? 10000);
    this.cacheTtlMs = opts.cacheTtlMs ?? 5 * 60 * 1000;
    this.now = opts.now ?? Date.now;
  }

  /** WWW-Authenticate values for a 401 on this transport. */
  challenges(secure: boolean): string[] {
    const basic = this.config.bool('Service.Auth.Basic') && (secure || this.config.bool('Service.AllowUnencrypted'));
    return basic ? ['Basic realm="WSMAN"'] : [];
  }

  /** Security profiles an authenticated Identify reports (DSP0226 Annex C). */
  profiles(): string[] {
    const out: string[] = [];
    if (this.config.bool('Service.Auth.Basic')) {
      if (this.config.bool('Service.AllowUnencrypted')) out.push(SECPROFILE.httpBasic);
      out.push(SECPROFILE.httpsBasic);
    }
    if (this.config.bool('Service.Auth.Certificate')) out.push(SECPROFILE.httpsMutual);
    return out;
  }

  async authenticate(authorization: string | undefined, identifyHeader: string | undefined, conn: ConnectionInfo): Promise<AuthOutcome> {
    const anonymousIdentify = (identifyHeader ?? '').trim().toLowerCase() === 'unauthenticated';
    const r = await this.check(authorization, conn);
    if (r.kind === 'refused' && anonymousIdentify) return { kind: 'anonymous-identify' };
    return r;
  }

  private async check(authorization: string | undefined, conn: ConnectionInfo): Promise<AuthOutcome> {
    const auth = (authorization ?? '').trim();
    if (!auth) return { kind: 'refused', reason: 'no credentials' };
    const scheme = auth.split(/\s+/, 1)[0];
    if (scheme.toLowerCase() === 'basic') return this.basic(auth.slice(scheme.length).trim(), conn);
    if (auth.startsWith(SECPROFILE.httpsMutual)) return this.certificate(conn);
    return { kind: 'refused', reason: `the ${scheme} authentication scheme is not supported by bmcbridge (use Basic or a client certificate)` };
  }

  private async basic(token: string, conn: ConnectionInfo): Promise<AuthOutcome> {
    if (!this.config.bool('Service.Auth.Basic')) return { kind: 'refused', reason: 'Basic authentication is disabled (Service/Auth/Basic=false)' };
    if (!conn.secure && !this.config.bool('Service.AllowUnencrypted'))
      return { kind: 'refused', reason: 'unencrypted traffic is disabled (Service/AllowUnencrypted=false); use HTTPS' };
    // A fixed-length secret prefix, then the token: one hash call (a keyed lookup, not a MAC).
    const key = sha256(this.secret + token);
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit) {
      const acc = hit.gen === this.accounts.generation && now - hit.at < this.cacheTtlMs ? this.accounts.find(hit.user) : undefined;
      if (acc) return { kind: 'ok', principal: { user: acc.name, groups: acc.groups, method: 'basic' } };
      this.cache.delete(key);
    }
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { kind: 'refused', reason: 'malformed Basic credentials' };
    // Windows accepts HOST\user and .\user for local accounts.
    const user = decoded.slice(0, colon).replace(/^[^\\]*\\/, '');
    const gen = this.accounts.generation;
    const acc = await this.accounts.verify(user, decoded.slice(colon + 1));
    if (!acc) return { kind: 'refused', reason: `the user name or password is incorrect (user "${user}")` };
    if (this.cache.size >= this.cacheMax) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { user: acc.name, gen, at: now });
    return { kind: 'ok', principal: { user: acc.name, groups: acc.groups, method: 'basic' } };
  }

  private certificate(conn: ConnectionInfo): AuthOutcome {
    if (!conn.secure) return { kind: 'refused', reason: 'certificate authentication is only possible over HTTPS' };
    if (!this.config.bool('Service.Auth.Certificate')) return { kind: 'refused', reason: 'certificate authentication is disabled (Service/Auth/Certificate=false)' };
    const cert = conn.peerCert;
    if (!cert || !cert.raw) return { kind: 'refused', reason: 'no client certificate was presented' };
    if (!conn.peerAuthorized) return { kind: 'refused', reason: 'the client certificate does not chain to a certmapping issuer' };
    const issuer = (cert as DetailedPeerCertificate).issuerCertificate ?? cert;
    const issuerThumb = issuer.fingerprint.replace(/:/g, '').toUpperCase();
    const names = subjectNames(cert);
    const matches = this.config
      .certMappings()
      .filter((m) => m.Enabled === 'true' && m.Issuer === issuerThumb && names.some((n) => wildcard(m.Subject, n)));
    for (const m of matches) {
      const acc = this.accounts.find(m.UserName);
      if (acc && !acc.disabled)
        return {
          kind: 'ok',
          principal: { user: acc.name, groups: acc.groups, method: 'certificate', uriPatterns: matches.filter((x) => x.UserName === m.UserName).map((x) => x.URI) },
        };
    }
    return { kind: 'refused', reason: `no certmapping maps the client certificate (${names.join(', ') || 'no subject'}, issuer ${issuerThumb}) to a user` };
  }
}

/** UPN (subjectAltName otherName 1.3.6.1.4.1.311.20.2.3), e-mail addresses and the CN. */
export function subjectNames(cert: PeerCertificate): string[] {
  const out: string[] = [];
  for (const part of (cert.subjectaltname ?? '').split(/,\s*/)) {
    const m = /^(?:othername:UPN:|email:)(.+)$/i.exec(part);
    if (m) out.push(m[1]);
  }
  const cn = cert.subject?.CN;
  if (cn) out.push(...(Array.isArray(cn) ? cn : [cn]));
  return out;
}

export function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+?^${}()|[\]\\]/g, (c) => '\\' + c).replace(/\*/g, '.*') + '$', 'i');
  return re.test(value);
}

/** certmapping URI: '*' or a resource URI prefix (a trailing '*' allowed). */
export function uriAllowed(patterns: readonly string[] | undefined, uri: string): boolean {
  if (!patterns) return true;
  return patterns.some((p) => p === '*' || uri.toLowerCase().startsWith(p.replace(/\*$/, '').toLowerCase()));
}
