import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a fresh connection. */
export function request(
  port: number,
  body: string,
  o: { host?: string; path?: string; headers?: Record<string, string>; tls?: https.RequestOptions } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const opts: https.RequestOptions = {
      host: o.host ?? '127.0.0.1',
      port,
      path: o.path ?? '/wsman',
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/soap+xml;charset=UTF-8', 'content-length': Buffer.byteLength(body), ...(o.headers ?? {}) },
      ...(o.tls ?? {}),
    };
    const req = (o.tls ? https : http).request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A throw-away client certificate with a UPN (otherName 1.3.6.1.4.1.311.20.2.3), as Windows certmapping expects. */
export function clientCertificate(upn: string): { cert: string; key: string; certFile: string; keyFile: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsman-client-cert-'));
  const keyFile = path.join(dir, 'client.key');
  const certFile = path.join(dir, 'client.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-keyout', keyFile, '-out', certFile,
    '-subj', `/CN=${upn.split('@')[0]}`,
    '-addext', `subjectAltName=otherName:1.3.6.1.4.1.311.20.2.3;UTF8:${upn}`,
    '-addext', 'extendedKeyUsage=clientAuth',
  ], { stdio: 'ignore' });
  return { cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8'), certFile, keyFile, dir };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until fn() is true (config reloads are asynchronous); throws after `ms`. */
export async function until(fn: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(20);
  }
}
