import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * bmcbridge's certificate store: PEM files keyed by thumbprint, the SHA-1 hash of the DER
 * certificate in upper-case hex, as Windows shows it (seed: "CertificateThumbprint").
 * `<dir>/<THUMBPRINT>.pem` holds the certificate, `<dir>/<THUMBPRINT>.key` (0600) its
 * private key when we have one.
 */
export interface StoredCert {
  thumbprint: string;
  certPem: string;
  keyPem?: string;
  x509: crypto.X509Certificate;
}

export function thumbprintOf(x509: crypto.X509Certificate): string {
  return x509.fingerprint.replace(/:/g, '').toUpperCase();
}

export class CertStore {
  constructor(readonly dir: string | undefined) {}
  private readonly memory = new Map<string, StoredCert>();

  list(): StoredCert[] {
    if (!this.dir) return [...this.memory.values()];
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((f) => /^[0-9A-F]{40}\.pem$/.test(f))
      .map((f) => this.get(f.slice(0, 40)))
      .filter((c): c is StoredCert => !!c);
  }

  get(thumbprint: string): StoredCert | undefined {
    const t = thumbprint.toUpperCase();
    if (!this.dir) return this.memory.get(t);
    const certFile = path.join(this.dir, `${t}.pem`);
    if (!fs.existsSync(certFile)) return undefined;
    const certPem = fs.readFileSync(certFile, 'utf8');
    const keyFile = path.join(this.dir, `${t}.key`);
    const keyPem = fs.existsSync(keyFile) ? fs.readFileSync(keyFile, 'utf8') : undefined;
    return { thumbprint: t, certPem, keyPem, x509: new crypto.X509Certificate(certPem) };
  }

  /** Add a certificate (and optionally its key); returns the thumbprint. */
  import(certPem: string, keyPem?: string): string {
    const x509 = new crypto.X509Certificate(certPem);
    const t = thumbprintOf(x509);
    if (keyPem && !x509.checkPrivateKey(crypto.createPrivateKey(keyPem))) throw new Error('The private key does not belong to the certificate.');
    const pem = x509.toString();
    if (!this.dir) {
      this.memory.set(t, { thumbprint: t, certPem: pem, keyPem, x509 });
      return t;
    }
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(this.dir, `${t}.pem`), pem, { mode: 0o644 });
    if (keyPem) fs.writeFileSync(path.join(this.dir, `${t}.key`), keyPem, { mode: 0o600 });
    return t;
  }

  /**
   * A self-signed server certificate for `winrm quickconfig -transport:https`, made with the
   * openssl command line tool (Debian's openssl package), RSA 2048, SHA-256, serverAuth.
   */
  generateSelfSigned(hostname: string, opts: { days?: number; extraNames?: string[] } = {}): string {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-cert-'));
    try {
      const key = path.join(tmp, 'key.pem');
      const crt = path.join(tmp, 'cert.pem');
      const names = [hostname, ...(opts.extraNames ?? [])];
      const san = names.map((n) => (/^[\d.]+$/.test(n) || n.includes(':') ? `IP:${n}` : `DNS:${n}`)).join(',');
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-keyout', key, '-out', crt, '-days', String(opts.days ?? 365),
          '-subj', `/CN=${hostname}`, '-addext', `subjectAltName=${san}`, '-addext', 'extendedKeyUsage=serverAuth',
          '-addext', 'keyUsage=digitalSignature,keyEncipherment'],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      return this.import(fs.readFileSync(crt, 'utf8'), fs.readFileSync(key, 'utf8'));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  remove(thumbprint: string): boolean {
    const t = thumbprint.toUpperCase();
    if (!this.dir) return this.memory.delete(t);
    const f = path.join(this.dir, `${t}.pem`);
    if (!fs.existsSync(f)) return false;
    fs.rmSync(f);
    fs.rmSync(path.join(this.dir, `${t}.key`), { force: true });
    return true;
  }
}
