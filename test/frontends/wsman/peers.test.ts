import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWsmanService, WsmanService } from '../../../src/frontends/wsman';
import { DEBIAN_PYTHON, requirePeers } from '../../helpers/peers';
import { FixtureModel, SYSTEM } from './fixture-model';
import { testConfig } from './helpers';
import { clientCertificate } from './net-helpers';

/**
 * Real clients against the real service on 127.0.0.1: pywinrm (Debian python3-winrm, driven by
 * test/peers/wsman_pywinrm.py) and wsl (Debian wsl, driven by test/peers/wsman_wsl.sh). The
 * clients run as child processes while the service runs in this process, so they are awaited
 * asynchronously.
 */
const ROOT = path.resolve(__dirname, '../../..');
const PYWINRM = path.join(ROOT, 'test/peers/wsman_pywinrm.py');
const WSL = path.join(ROOT, 'test/peers/wsman_wsl.sh');
const W = 'http://schemas.microsoft.com/wbem/wsman/1/wmi/root/hardware';
const CPU = [`SystemCreationClassName=ComputerSystem`, `SystemName=${SYSTEM}`, 'CreationClassName=NumericSensor', 'DeviceID=48.0.32'];

/** No proxies and no CA bundle overrides (pywinrm 0.3.0 lets REQUESTS_CA_BUNDLE override its verify setting). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/proxy|CA_BUNDLE/i.test(k)) env[k] = v;
  env.NO_PROXY = '*';
  env.no_proxy = '*';
  return env;
}
function exec(cmd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: cleanEnv(), timeout: 60000, maxBuffer: 16 * 1024 * 1024 }, (e, out, err) => {
      resolve({ code: e ? ((e as NodeJS.ErrnoException & { code?: number }).code as unknown as number) ?? -1 : 0, out: out.replace(/\x1b\[[0-9;]*m/g, ''), err });
    });
  });
}

interface Running {
  svc: WsmanService;
  model: FixtureModel;
  http: number;
  https: number;
  ca: string;
  dir: string;
}
async function start(allowUnencrypted = true): Promise<Running> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsman-peers-'));
  const model = new FixtureModel();
  const svc = createWsmanService({
    model,
    configDir: dir,
    machine: 'bmcbridge-test',
    initialConfig: testConfig((c) => ((c.config.Service as Record<string, string>).AllowUnencrypted = String(allowUnencrypted))),
  });
  const thumb = svc.certs.generateSelfSigned('localhost', { extraNames: ['127.0.0.1'] });
  svc.config.createListener('IP:127.0.0.1', 'HTTP', { Port: '0' });
  svc.config.createListener('IP:127.0.0.1', 'HTTPS', { Port: '0', Hostname: 'localhost', CertificateThumbprint: thumb });
  await svc.accounts.set('admin', { password: 'secret', groups: ['Administrators'] });
  await svc.start();
  const st = svc.listeners();
  const caFile = path.join(dir, 'server-ca.pem');
  fs.writeFileSync(caFile, svc.certs.get(thumb)!.certPem);
  return { svc, model, dir, ca: caFile, http: st.find((l) => l.transport === 'HTTP')!.bound[0].port, https: st.find((l) => l.transport === 'HTTPS')!.bound[0].port };
}
async function stop(r: Running | undefined): Promise<void> {
  if (!r) return;
  await r.svc.stop();
  fs.rmSync(r.dir, { recursive: true, force: true });
}

describe('pywinrm against the WS-Man service', function () {
  requirePeers(this, [DEBIAN_PYTHON], ['winrm']);
  this.timeout(60000);
  let r: Running | undefined;
  afterEach(async () => {
    await stop(r);
    r = undefined;
  });
  const py = async (endpoint: string, args: string[]) => {
    const x = await exec(DEBIAN_PYTHON, [PYWINRM, '--endpoint', endpoint, ...args]);
    let parsed: { responses: string[]; pulls?: number; error?: string } = { responses: [] };
    try {
      parsed = JSON.parse(x.out);
    } catch {
      assert.fail(`pywinrm driver output is not JSON: ${x.out} ${x.err}`);
    }
    return { code: x.code, ...parsed };
  };

  describe('Basic over HTTP with AllowUnencrypted=true', () => {
    let ep: string;
    const basic = ['-u', 'admin', '-p', 'secret'];
    beforeEach(async () => {
      r = await start(true);
      ep = `http://127.0.0.1:${r.http}/wsman`;
    });

    it('identify', async () => {
      const x = await py(ep, [...basic, 'identify']);
      assert.equal(x.code, 0, x.error);
      assert.match(x.responses[0], /<wsmid:ProductVendor>Microsoft Corporation<\/wsmid:ProductVendor>/);
    });
    it('get with selectors', async () => {
      const x = await py(ep, [...basic, 'get', '--uri', `${W}/NumericSensor`, ...CPU.flatMap((s) => ['--selector', s])]);
      assert.equal(x.code, 0, x.error);
      assert.match(x.responses[0], /<p:CurrentReading>41<\/p:CurrentReading>/);
    });
    it('enumerate + pull (two items per Pull) over a polymorphic class', async () => {
      const x = await py(ep, [...basic, 'enumerate', '--uri', 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_Sensor', '--pull', '2']);
      assert.equal(x.code, 0, x.error);
      assert.equal(x.pulls, 2);
      const ids = x.responses.flatMap((b) => [...b.matchAll(/<p:DeviceID>([^<]+)</g)].map((m) => m[1]));
      assert.deepEqual(ids, ['48.0.32', '64.0.32', '52.0.32']);
    });
    it('optimized EnumerateObjectAndEPR', async () => {
      const x = await py(ep, [...basic, 'enumerate', '--uri', `${W}/LogRecord`, '--optimize', '32000', '--mode', 'EnumerateObjectAndEPR']);
      assert.equal(x.code, 0, x.error);
      assert.equal(x.pulls, 0);
      assert.equal((x.responses[0].match(/<w:Item><p:LogRecord /g) ?? []).length, 2);
    });
    it('WQL enumerate on the * URI', async () => {
      const x = await py(ep, [...basic, 'enumerate', '--uri', `${W}/*`, '--filter', 'SELECT * FROM NumericSensor WHERE CurrentReading > 1000']);
      assert.equal(x.code, 0, x.error);
      const ids = x.responses.flatMap((b) => [...b.matchAll(/<p:DeviceID>([^<]+)</g)].map((m) => m[1]));
      assert.deepEqual(ids, ['64.0.32']);
    });
    it('put of a threshold (Get, edit with ElementTree, Put: ns0 prefixes, matched by namespace)', async () => {
      const x = await py(ep, [...basic, 'put', '--uri', `${W}/NumericSensor`, ...CPU.flatMap((s) => ['--selector', s]), '--set', 'UpperThresholdCritical=90']);
      assert.equal(x.code, 0, x.error);
      assert.match(x.responses[1], /<p:UpperThresholdCritical>90<\/p:UpperThresholdCritical>/);
      assert.equal(r!.model.sensors[0].properties.UpperThresholdCritical, 90);
    });
    it('invoke ClearLog', async () => {
      const x = await py(ep, [...basic, 'invoke', '--uri', `${W}/RecordLog`, '--method', 'ClearLog', '--selector', `InstanceID=IPMI:${SYSTEM}:SEL`]);
      assert.equal(x.code, 0, x.error);
      assert.match(x.responses[0], /<p:ClearLog_OUTPUT [^>]*><p:ReturnValue>0<\/p:ReturnValue><\/p:ClearLog_OUTPUT>/);
      assert.equal(r!.model.records.length, 0);
    });
    it('create and delete a listener (winrm/config/listener)', async () => {
      const L = 'http://schemas.microsoft.com/wbem/wsman/1/config/listener';
      const c = await py(ep, [...basic, 'create', '--uri', L, '--selector', 'Address=IP:127.0.0.4', '--selector', 'Transport=HTTP', '--body', '<cfg:Listener xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/listener"><cfg:Port>0</cfg:Port></cfg:Listener>']);
      assert.equal(c.code, 0, c.error);
      assert.match(c.responses[0], /<x:ResourceCreated>/);
      assert.ok(r!.svc.config.findListener('IP:127.0.0.4', 'HTTP'));
      const d = await py(ep, [...basic, 'delete', '--uri', L, '--selector', 'Address=IP:127.0.0.4', '--selector', 'Transport=HTTP']);
      assert.equal(d.code, 0, d.error);
      assert.equal(r!.svc.config.findListener('IP:127.0.0.4', 'HTTP'), undefined);
    });
    it('a fault reaches pywinrm as WinRMError with the subcode and WSManFault code', async () => {
      const x = await py(ep, [...basic, 'get', '--uri', `${W}/NumericSensor`, '--selector', 'DeviceID=48.0.32']);
      assert.equal(x.code, 3);
      assert.match(x.error!, /'wsmanfault_code': '2150858842'/);
      assert.match(x.error!, /'fault_subcode': 'w:InvalidSelectors'/);
    });
    it('the TimedOut fault becomes WinRMOperationTimeoutError (code 2150858793)', async () => {
      const x = await py(ep, [...basic, '--timeout', '1', 'get', '--uri', `${W}/SlowSensor`, '--selector', 'SystemCreationClassName=a', '--selector', 'SystemName=b', '--selector', 'CreationClassName=Sensor', '--selector', 'DeviceID=3.0.32']);
      assert.equal(x.code, 4);
      r!.model.releaseSlow?.();
    });
    it('a wrong password is InvalidCredentialsError (401)', async () => {
      const x = await py(ep, ['-u', 'admin', '-p', 'nope', 'identify']);
      assert.equal(x.code, 2);
    });
  });

  describe('HTTPS (AllowUnencrypted=false)', () => {
    beforeEach(async () => {
      r = await start(false);
    });
    it('Basic over HTTPS, validating the server certificate; the same request over HTTP is refused', async () => {
      const x = await py(`https://localhost:${r!.https}/wsman`, ['-u', 'admin', '-p', 'secret', '--transport', 'ssl', '--ca', r!.ca, 'get', '--uri', `${W}/NumericSensor`, ...CPU.flatMap((s) => ['--selector', s])]);
      assert.equal(x.code, 0, x.error);
      assert.match(x.responses[0], /<p:DeviceID>48\.0\.32<\/p:DeviceID>/);
      const plain = await py(`http://127.0.0.1:${r!.http}/wsman`, ['-u', 'admin', '-p', 'secret', 'identify']);
      assert.equal(plain.code, 2);
    });
    it('client certificate authentication (transport certificate), mapped by certmapping', async () => {
      const client = clientCertificate('admin@localhost');
      try {
        const issuer = r!.svc.certs.import(client.cert);
        r!.svc.config.putSection(['Service', 'Auth'], { Certificate: 'true' });
        r!.svc.config.createCertMapping({ URI: '*', Subject: 'admin@localhost', Issuer: issuer, UserName: 'admin', Enabled: 'true' });
        const x = await py(`https://localhost:${r!.https}/wsman`, ['--transport', 'certificate', '--cert', client.certFile, '--key', client.keyFile, '--ca', r!.ca, 'enumerate', '--uri', `${W}/NumericSensor`, '--optimize', '10']);
        assert.equal(x.code, 0, x.error);
        assert.equal((x.responses[0].match(/<p:NumericSensor /g) ?? []).length, 2);
        const inv = await py(`https://localhost:${r!.https}/wsman`, ['--transport', 'certificate', '--cert', client.certFile, '--key', client.keyFile, '--ca', r!.ca, 'invoke', '--uri', `${W}/RecordLog`, '--method', 'ClearLog']);
        assert.equal(inv.code, 0, inv.error);
      } finally {
        fs.rmSync(client.dir, { recursive: true, force: true });
      }
    });
  });
});

describe('wsl against the WS-Man service', function () {
  requirePeers(this, ['wsl', 'curl', 'xmllint']);
  this.timeout(60000);
  let r: Running | undefined;
  before(async () => {
    r = await start(true);
  });
  after(() => stop(r));
  const wsl = (args: string[], o: { https?: boolean } = {}) =>
    exec(WSL, [...(o.https ? ['--https'] : []), '--show-requests', `127.0.0.1:${o.https ? r!.https : r!.http}`, 'admin', 'secret', ...args]);

  it('identify', async () => {
    const x = await wsl(['identify', 'check']);
    assert.equal(x.code, 0, x.out);
    assert.match(x.out, /<wsmid:ProductVersion>OS: 0\.0\.0 SP: 0\.0 Stack: 3\.0<\/wsmid:ProductVersion>/);
  });
  it('get (its success check greps for the last selector name)', async () => {
    const x = await wsl(['get', `${W}/NumericSensor`, ...CPU]);
    assert.equal(x.code, 0, x.out);
    assert.match(x.out, /<p:CurrentReading>41<\/p:CurrentReading>/);
  });
  it('enum with -filter and the WQL -dialect (optimized, MaxElements 512)', async () => {
    const x = await wsl(['enum', `${W}/*`, '-filter', 'select * from NumericSensor where SensorType = 2', '-dialect', 'http://schemas.microsoft.com/wbem/wsman/1/WQL']);
    assert.equal(x.code, 0, x.out);
    assert.deepEqual([...x.out.matchAll(/<p:DeviceID>([^<]+)</g)].map((m) => m[1]), ['48.0.32']);
    assert.match(x.out, /<wsman:EndOfSequence\/>/);
  });
  it('enum -mode epr and -mode objepr with -opti 1 (pulls until no context is left)', async () => {
    const epr = await wsl(['enum', `${W}/NumericSensor`, '-mode', 'epr', '-opti', '1']);
    assert.equal(epr.code, 0, epr.out);
    assert.deepEqual([...epr.out.matchAll(/<wsman:Selector Name="DeviceID">([^<]+)</g)].map((m) => m[1]), ['48.0.32', '64.0.32']);
    assert.equal((epr.out.match(/=== request-\d+\.xml/g) ?? []).length, 2, 'one Enumerate and one Pull');
    const obj = await wsl(['enum', `${W}/Sensor`, '-mode', 'objepr', '-opti', '1']);
    assert.equal(obj.code, 0, obj.out);
    assert.match(obj.out, /<wsman:Item>\s*<p:Sensor>/);
  });
  it('wslenum: Enumerate then Pulls of one item', async () => {
    const x = await wsl(['wslenum', `${W}/NumericSensor`]);
    assert.equal(x.code, 0, x.out);
    assert.equal((x.out.match(/=== request-\d+\.xml/g) ?? []).length, 3);
    assert.deepEqual([...x.out.matchAll(/<p:DeviceID>([^<]+)</g)].map((m) => m[1]), ['48.0.32', '64.0.32']);
  });
  it('enum -ns root/hardware on the DMTF class URI', async () => {
    const x = await wsl(['enum', 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_NumericSensor', '-ns', 'root/hardware']);
    assert.equal(x.code, 0, x.out);
    assert.match(x.out, /<wsman:Selector Name="__cimnamespace">root\/hardware<\/wsman:Selector>/);
    assert.equal((x.out.match(/<p:NumericSensor>/g) ?? []).length, 2);
  });
  it('put: Enumerate ObjectAndEPR, then Put of the edited instance with the copied selectors', async () => {
    const x = await wsl(['put', `${W}/NumericSensor`, 'UpperThresholdNonCritical=77']);
    // wslput decides success by grepping "_OUTPUT", which a PutResponse never has: check the effect.
    assert.match(x.out, /<wsa:Action>http:\/\/schemas\.xmlsoap\.org\/ws\/2004\/09\/transfer\/PutResponse<\/wsa:Action>[\s\S]*<p:UpperThresholdNonCritical>77<\/p:UpperThresholdNonCritical>/);
    assert.equal(r!.model.sensors[0].properties.UpperThresholdNonCritical, 77);
    assert.match(x.out, /=== request-2\.xml[\s\S]*<wsa:Action s:mustUnderstand="true">http:\/\/schemas\.xmlsoap\.org\/ws\/2004\/09\/transfer\/Put<\/wsa:Action>/);
  });
  it('invoke ClearLog (Enumerate EPR, then the method with the copied SelectorSet)', async () => {
    const x = await wsl(['invoke', `${W}/RecordLog`, 'ClearLog']);
    assert.equal(x.code, 0, x.out);
    assert.match(x.out, /<p:ClearLog_OUTPUT xmlns:p="http:\/\/schemas\.microsoft\.com\/wbem\/wsman\/1\/wmi\/root\/hardware\/RecordLog"[^>]*>\s*<p:ReturnValue>0<\/p:ReturnValue>/);
    assert.equal(r!.model.records.length, 0);
  });
  it('a fault reaches wsl (curl --retry resends it) and the server keeps serving', async () => {
    const x = await wsl(['get', `${W}/NumericSensor`, 'DeviceID=48.0.32']);
    assert.notEqual(x.code, 0);
    assert.match(x.out, /<wsman:FaultDetail>http:\/\/schemas\.dmtf\.org\/wbem\/wsman\/1\/wsman\/faultDetail\/InsufficientSelectors<\/wsman:FaultDetail>/);
    assert.equal((await wsl(['identify', 'check'])).code, 0);
  });
  it('identify and get over HTTPS', async () => {
    const id = await wsl(['identify', 'check'], { https: true });
    assert.equal(id.code, 0, id.out);
    assert.match(id.out, /secprofile\/https\/basic/);
    const g = await wsl(['get', `${W}/RecordLog`, `InstanceID=IPMI:${SYSTEM}:SEL`], { https: true });
    assert.equal(g.code, 0, g.out);
    assert.match(g.out, /<p:Name>IPMI SEL<\/p:Name>/);
  });
});

describe('curl with hand-written envelopes', function () {
  requirePeers(this, ['curl']);
  this.timeout(30000);
  let r: Running | undefined;
  before(async () => {
    r = await start(true);
  });
  after(() => stop(r));
  const curl = (body: string, extra: string[] = []) =>
    exec('curl', ['-s', '-S', '-o', '-', '-w', '\\n%{http_code}', '--user', 'admin:secret', '-H', 'Content-Type: application/soap+xml;charset=UTF-8', '--data-binary', body, ...extra, `http://127.0.0.1:${r!.http}/wsman`]);

  it('Get of a NumericSensor', async () => {
    const body =
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">' +
      '<s:Header><a:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/Get</a:Action><a:MessageID>uuid:0E6B1B0A-1111-2222-3333-444455556666</a:MessageID>' +
      `<w:ResourceURI>${W}/NumericSensor</w:ResourceURI><w:SelectorSet><w:Selector Name="SystemCreationClassName">ComputerSystem</w:Selector><w:Selector Name="SystemName">${SYSTEM}</w:Selector>` +
      '<w:Selector Name="CreationClassName">NumericSensor</w:Selector><w:Selector Name="DeviceID">64.0.32</w:Selector></w:SelectorSet></s:Header><s:Body/></s:Envelope>';
    const x = await curl(body);
    assert.equal(x.code, 0, x.err);
    assert.match(x.out, /<p:CurrentReading>5400<\/p:CurrentReading>/);
    assert.match(x.out, /<a:RelatesTo>uuid:0E6B1B0A-1111-2222-3333-444455556666<\/a:RelatesTo>/);
    assert.match(x.out, /\n200$/);
  });
  it('415 for text/xml, 401 for a wrong password, and a fault with HTTP 500', async () => {
    const t = await exec('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--user', 'admin:secret', '-H', 'Content-Type: text/xml', '--data-binary', '<x/>', `http://127.0.0.1:${r!.http}/wsman`]);
    assert.equal(t.out, '415');
    const p = await exec('curl', ['-s', '-D', '-', '-o', '/dev/null', '--user', 'admin:bad', '-H', 'Content-Type: application/soap+xml', '--data-binary', '<x/>', `http://127.0.0.1:${r!.http}/wsman`]);
    assert.match(p.out, /^HTTP\/1\.1 401 Unauthorized\r\n/);
    assert.match(p.out, /\r\nwww-authenticate: Basic realm="WSMAN"\r\n/i);
    const f = await curl('<not-xml');
    assert.match(f.out, /<s:Subcode><s:Value>w:SchemaValidationError<\/s:Value><\/s:Subcode>[\s\S]*\n500$/);
  });
});
