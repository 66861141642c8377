import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ConfigStore, createWsmanService, WsmanService } from '../../../src/frontends/wsman';
import { basic, CONFIG, IDENTIFY, pywinrmEnvelope, testConfig, XFER, WMI } from './helpers';
import { FixtureModel } from './fixture-model';
import { createLogger } from '../../../src/lib/logger';
import { clientCertificate, request, sleep, until } from './net-helpers';

const AUTH = { authorization: basic('admin', 'secret') };
const localListener = (port = '0', extra: Record<string, string> = {}) => ({
  Address: 'IP:127.0.0.1', Transport: 'HTTP', Port: port, Hostname: '', Enabled: 'true', URLPrefix: 'wsman', CertificateThumbprint: '', ...extra,
});

async function startService(over: Parameters<typeof testConfig>[0] = () => undefined, o: { configDir?: string; headersTimeoutMs?: number } = {}): Promise<WsmanService> {
  const s = createWsmanService({
    model: new FixtureModel(),
    configDir: o.configDir,
    initialConfig: testConfig((c) => {
      c.listeners.push(localListener());
      over(c);
    }),
    headersTimeoutMs: o.headersTimeoutMs,
    timeoutCheckIntervalMs: 100,
    machine: 'bmcbridge-test',
  });
  if (!s.accounts.find('admin')) await s.accounts.set('admin', { password: 'secret', groups: ['Administrators'] });
  await s.start();
  return s;
}
const portOf = (s: WsmanService, i = 0) => s.listeners()[i].bound[0].port;

/** Connect and see whether the service takes the connection or closes it at once. */
function probe(port: number): Promise<'open' | 'refused'> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    sock.on('data', (d) => (data += d));
    sock.on('error', () => resolve('refused'));
    sock.on('close', () => resolve(data.startsWith('HTTP/1.1 503') || data === '' ? 'refused' : 'open'));
    sock.on('connect', () => {
      sock.write(`POST /wsman HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH.authorization}\r\nContent-Type: application/soap+xml\r\nContent-Length: ${IDENTIFY.length}\r\nConnection: close\r\n\r\n${IDENTIFY}`);
    });
  });
}

describe('wsman listeners on real sockets (127.0.0.1)', function () {
  this.timeout(30000);
  let s: WsmanService | undefined;
  afterEach(async () => {
    await s?.stop();
    s = undefined;
  });

  it('serves Identify on an HTTP listener and reports the bound address', async () => {
    s = await startService();
    const st = s.listeners();
    assert.equal(st.length, 1);
    assert.equal(st[0].bound[0].host, '127.0.0.1');
    const r = await request(portOf(s), IDENTIFY, { headers: AUTH });
    assert.equal(r.status, 200);
    assert.match(r.body, /IdentifyResponse/);
    const g = await request(portOf(s), pywinrmEnvelope({ action: XFER + 'Get', resourceUri: CONFIG + '/listener', selectors: [['Address', 'IP:127.0.0.1'], ['Transport', 'HTTP']] }), { headers: AUTH });
    assert.match(g.body, /<cfg:ListeningOn>127\.0\.0\.1<\/cfg:ListeningOn><\/cfg:Listener>/);
  });

  it('a listener created over WS-Man starts at once; deleting it stops it; disabling stops it', async () => {
    s = await startService();
    const p0 = portOf(s);
    const create = pywinrmEnvelope({ action: XFER + 'Create', resourceUri: CONFIG + '/listener', selectors: [['Address', 'IP:127.0.0.2'], ['Transport', 'HTTP']], body: '<cfg:Listener xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/listener"><cfg:Port>0</cfg:Port><cfg:URLPrefix>bmc/wsman</cfg:URLPrefix></cfg:Listener>' });
    assert.equal((await request(p0, create, { headers: AUTH })).status, 200);
    await until(() => s!.listeners().length === 2);
    const second = s.listeners().find((l) => l.address === 'IP:127.0.0.2')!;
    const p1 = second.bound[0].port;
    assert.equal((await request(p1, IDENTIFY, { host: '127.0.0.2', path: '/bmc/wsman', headers: AUTH })).status, 200);
    assert.equal((await request(p1, IDENTIFY, { host: '127.0.0.2', path: '/wsman', headers: AUTH })).status, 404);
    const disable = pywinrmEnvelope({ action: XFER + 'Put', resourceUri: CONFIG + '/listener', selectors: [['Address', 'IP:127.0.0.2'], ['Transport', 'HTTP']], messageId: 'uuid:00000000-0000-0000-0000-0000000000d1', body: '<cfg:Listener xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/listener"><cfg:Enabled>false</cfg:Enabled></cfg:Listener>' });
    assert.equal((await request(p0, disable, { headers: AUTH })).status, 200);
    await until(() => s!.listeners().length === 1);
    await assert.rejects(request(p1, IDENTIFY, { host: '127.0.0.2', headers: AUTH }), /ECONNREFUSED/);
    const del = pywinrmEnvelope({ action: XFER + 'Delete', resourceUri: CONFIG + '/listener', selectors: [['Address', 'IP:127.0.0.1'], ['Transport', 'HTTP']], messageId: 'uuid:00000000-0000-0000-0000-0000000000d2' });
    const r = await request(p0, del, { headers: AUTH });
    assert.equal(r.status, 200);
    await until(() => s!.listeners().length === 0);
    await assert.rejects(request(p0, IDENTIFY, { headers: AUTH }), /ECONNREFUSED/);
  });

  it('IPv4Filter is enforced on every new connection, and changes apply without a restart', async () => {
    s = await startService();
    const port = portOf(s);
    assert.equal(await probe(port), 'open');
    s.config.putSection(['Service'], { IPv4Filter: '10.0.0.0-10.255.255.255' });
    assert.equal(await probe(port), 'refused');
    const g = await request(port, IDENTIFY, { headers: AUTH }).then((r) => r.status, (e: Error) => e.message);
    assert.ok(g === 503 || /socket hang up|ECONNRESET/.test(String(g)), String(g));
    s.config.putSection(['Service'], { IPv4Filter: '127.0.0.1' });
    assert.equal(await probe(port), 'open');
  });

  it('MaxConnections: the next connection is refused with 503 and closed; the server keeps serving', async () => {
    s = await startService((c) => ((c.config.Service as Record<string, string>).MaxConnections = '3'));
    const port = portOf(s);
    const held = await Promise.all([0, 1, 2].map(() => new Promise<net.Socket>((res) => { const k = net.connect(port, '127.0.0.1', () => res(k)); })));
    await sleep(50);
    const extra = await new Promise<string>((res) => {
      const k = net.connect(port, '127.0.0.1');
      let d = '';
      k.on('data', (x) => (d += x));
      k.on('close', () => res(d));
      k.on('error', () => res(d));
    });
    assert.equal(extra, 'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    held[0].destroy();
    await sleep(50);
    assert.equal((await request(port, IDENTIFY, { headers: AUTH })).status, 200);
    held.slice(1).forEach((k) => k.destroy());
  });

  it('slowloris: headers dribbled in are cut off at the header timeout (408), and the server keeps serving', async () => {
    s = await startService(() => undefined, { headersTimeoutMs: 300 });
    const port = portOf(s);
    const sock = net.connect(port, '127.0.0.1');
    let got = '';
    sock.on('data', (d) => (got += d));
    const closed = new Promise<void>((res) => sock.on('close', () => res()));
    await new Promise<void>((res) => sock.on('connect', () => res()));
    sock.write('POST /wsman HTTP/1.1\r\nHost: x\r\n');
    const timer = setInterval(() => !sock.destroyed && sock.write('X-Slow: 1\r\n'), 50);
    await closed;
    clearInterval(timer);
    assert.match(got, /^HTTP\/1\.1 408 Request Timeout/);
    assert.equal((await request(port, IDENTIFY, { headers: AUTH })).status, 200);
  });

  it('a body that never completes is cut off after MaxPacketRetrievalTimeSeconds', async () => {
    s = await startService((c) => ((c.config.Service as Record<string, string>).MaxPacketRetrievalTimeSeconds = '1'), { headersTimeoutMs: 300 });
    const sock = net.connect(portOf(s), '127.0.0.1');
    let got = '';
    sock.on('data', (d) => (got += d));
    const closed = new Promise<void>((res) => sock.on('close', () => res()));
    sock.write(`POST /wsman HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH.authorization}\r\nContent-Type: application/soap+xml\r\nContent-Length: 1000\r\n\r\n<s:Envelope`);
    await closed;
    assert.match(got, /^HTTP\/1\.1 408 Request Timeout/);
  });

  describe('HTTPS', () => {
    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wsman-https-'));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    async function httpsService(allowUnencrypted: boolean): Promise<{ svc: WsmanService; thumb: string; https: number; http: number }> {
      const svc = createWsmanService({ model: new FixtureModel(), configDir: tmp, timeoutCheckIntervalMs: 100, initialConfig: testConfig((c) => ((c.config.Service as Record<string, string>).AllowUnencrypted = String(allowUnencrypted))) });
      const thumb = svc.certs.generateSelfSigned('localhost', { extraNames: ['127.0.0.1'] });
      svc.config.createListener('IP:127.0.0.1', 'HTTPS', { Port: '0', Hostname: 'localhost', CertificateThumbprint: thumb });
      svc.config.createListener('IP:127.0.0.1', 'HTTP', { Port: '0' });
      await svc.accounts.set('admin', { password: 'secret', groups: ['Administrators'] });
      await svc.start();
      const st = svc.listeners();
      return { svc, thumb, https: st.find((l) => l.transport === 'HTTPS')!.bound[0].port, http: st.find((l) => l.transport === 'HTTP')!.bound[0].port };
    }

    it('Basic over plain HTTP is refused (401) unless AllowUnencrypted; over HTTPS it works', async () => {
      const x = await httpsService(false);
      s = x.svc;
      const ca = x.svc.certs.get(x.thumb)!.certPem;
      const plain = await request(x.http, IDENTIFY, { headers: AUTH });
      assert.equal(plain.status, 401);
      assert.equal(plain.headers['www-authenticate'], undefined, 'no Basic challenge where Basic cannot be used');
      const tls = await request(x.https, IDENTIFY, { headers: AUTH, tls: { ca, servername: 'localhost' } });
      assert.equal(tls.status, 200);
      assert.match(tls.body, /secprofile\/https\/basic/);
      assert.doesNotMatch(tls.body, /secprofile\/http\/basic/);
    });

    it('client certificate authentication maps the certificate to a user through certmapping (HTTPS only)', async () => {
      const x = await httpsService(true);
      s = x.svc;
      const ca = x.svc.certs.get(x.thumb)!.certPem;
      const client = clientCertificate('admin@localhost');
      try {
        const issuer = x.svc.certs.import(client.cert);
        const mutual = { authorization: 'http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual' };
        const tls = { ca, servername: 'localhost', cert: client.cert, key: client.key };
        const get = pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'RecordLog' });
        assert.equal((await request(x.https, get, { headers: mutual, tls })).status, 401, 'Service/Auth/Certificate is false by default');
        x.svc.config.putSection(['Service', 'Auth'], { Certificate: 'true' });
        assert.equal((await request(x.https, get, { headers: mutual, tls })).status, 401, 'no certmapping yet');
        x.svc.config.createCertMapping({ URI: '*', Subject: '*@localhost', Issuer: issuer, UserName: 'admin', Enabled: 'true' });
        await sleep(50);
        const ok = await request(x.https, get, { headers: mutual, tls });
        assert.equal(ok.status, 200, ok.body);
        assert.match(ok.body, /<p:RecordLog /);
        assert.equal((await request(x.https, get, { headers: mutual, tls: { ca, servername: 'localhost' } })).status, 401, 'no certificate presented');
        assert.equal((await request(x.http, get, { headers: mutual })).status, 401, 'never over HTTP');
        const other = clientCertificate('eve@localhost');
        try {
          assert.equal((await request(x.https, get, { headers: mutual, tls: { ca, servername: 'localhost', cert: other.cert, key: other.key } })).status, 401, 'a certificate from an unmapped issuer');
        } finally {
          fs.rmSync(other.dir, { recursive: true, force: true });
        }
      } finally {
        fs.rmSync(client.dir, { recursive: true, force: true });
      }
    });

    it('a config file rewritten by another process (bmcbridge winrm set) is applied to the running service', async () => {
      const x = await httpsService(true);
      s = x.svc;
      const other = new ConfigStore(tmp, x.svc.certs);
      other.putSection(['Service'], { AllowUnencrypted: 'false' });
      await until(() => !x.svc.config.bool('Service.AllowUnencrypted'));
      assert.equal((await request(x.http, IDENTIFY, { headers: AUTH })).status, 401);
      other.deleteListener('IP:127.0.0.1', 'HTTP');
      await until(() => x.svc.listeners().length === 1);
      // Accounts written by another process are picked up as well.
      const accountsFile = path.join(tmp, 'wsman-accounts.json');
      const before = fs.readFileSync(accountsFile, 'utf8');
      assert.doesNotMatch(before, /secret/);
    });
  });

  it('AllowRemoteAccess=false stops every listener', async () => {
    s = await startService();
    const port = portOf(s);
    s.config.putSection(['Service'], { AllowRemoteAccess: 'false' });
    await until(() => s!.listeners().length === 0);
    await assert.rejects(request(port, IDENTIFY, { headers: AUTH }), /ECONNREFUSED/);
    s.config.putSection(['Service'], { AllowRemoteAccess: 'true' });
    await until(() => s!.listeners().length === 1);
  });

  it('a listener that cannot bind reports its error and the others run', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      s = await startService((c) => {
        c.listeners[0].Port = String(taken);
        c.listeners.push(localListener('0', { Address: 'IP:127.0.0.3' }));
      });
      const st = s.listeners();
      assert.equal(st.length, 2);
      assert.match(st.find((l) => l.address === 'IP:127.0.0.1')!.error!, /EADDRINUSE/);
      const ok = st.find((l) => l.address === 'IP:127.0.0.3')!;
      assert.equal(ok.error, undefined);
      assert.equal((await request(ok.bound[0].port, IDENTIFY, { host: '127.0.0.3', headers: AUTH })).status, 200);
    } finally {
      blocker.close();
    }
  });

  it('EnableCompatibilityHttpListener adds port 80 to HTTP listeners, and removing it frees the port', async function () {
    if (process.getuid?.() !== 0) {
      console.log('      [SKIPPED] binding port 80 needs root');
      this.skip();
    }
    s = await startService((c) => {
      c.listeners[0].Address = 'IP:127.0.0.9';
      (c.config.Service as Record<string, string>).EnableCompatibilityHttpListener = 'true';
    });
    assert.deepEqual(s.listeners()[0].bound.map((b) => b.port).slice(1), [80]);
    assert.equal((await request(80, IDENTIFY, { host: '127.0.0.9', headers: AUTH })).status, 200);
    s.config.putSection(['Service'], { EnableCompatibilityHttpListener: 'false' });
    await until(() => s!.listeners()[0]?.bound.length === 1);
    await assert.rejects(request(80, IDENTIFY, { host: '127.0.0.9', headers: AUTH }), /ECONNREFUSED/);
  });

  it('logs never carry passwords or the Authorization header', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'trace', destination: { write: (l: string) => lines.push(l) } as never });
    s = createWsmanService({ model: new FixtureModel(), log, initialConfig: testConfig((c) => c.listeners.push(localListener())) });
    await s.accounts.set('admin', { password: 'secret', groups: ['Administrators'] });
    await s.start();
    const port = portOf(s);
    await request(port, IDENTIFY, { headers: { authorization: basic('admin', 'Hunter2-wrong') } });
    await request(port, IDENTIFY, { headers: AUTH });
    await request(port, pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'Nope' }), { headers: AUTH });
    const all = lines.join('');
    assert.match(all, /wsman authentication refused/);
    assert.match(all, /"status":200/);
    for (const secret of ['Hunter2-wrong', 'secret', Buffer.from('admin:secret').toString('base64'), Buffer.from('admin:Hunter2-wrong').toString('base64')]) assert.ok(!all.includes(secret), secret);
  });
});
