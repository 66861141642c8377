import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runWinrm } from '../../../src/frontends/cli/winrm';
import { createWsmanService, WsmanService } from '../../../src/frontends/wsman';
import { FixtureModel, SYSTEM } from './fixture-model';

interface Out {
  code: number;
  out: string;
  err: string;
}
function runner(dir: string, answers: string[] = []) {
  return async (...argv: string[]): Promise<Out> => {
    let out = '';
    let err = '';
    const code = await runWinrm(argv, {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      configDir: dir,
      prompt: async (q: string) => {
        out += q;
        return answers.shift() ?? '';
      },
    });
    return { code, out, err };
  };
}

const CONFIG_TEXT = `Config
    MaxEnvelopeSizekb = 150
    MaxTimeoutms = 60000
    MaxBatchItems = 32000
    MaxProviderRequests = 25
    Client
        NetworkDelayms = 5000
        URLPrefix = wsman
        AllowUnencrypted = false
        Auth
            Basic = true
            Digest = true
            Kerberos = true
            Negotiate = true
            Certificate = true
            CredSSP = false
        DefaultPorts
            HTTP = 5985
            HTTPS = 5986
        TrustedHosts
    Service
        RootSDDL = O:NSG:BAD:P(A;;GA;;;BA)(A;;GR;;;ER)S:P(AU;FA;GA;;;WD)(AU;SA;GWGX;;;WD)
        MaxConcurrentOperations = 100
        MaxConcurrentOperationsPerUser = 1500
        EnumerationTimeoutms = 60000
        MaxConnections = 300
        MaxPacketRetrievalTimeSeconds = 120
        AllowUnencrypted = false
        Auth
            Basic = false
            Kerberos = true
            Negotiate = true
            Certificate = false
            CredSSP = false
            CbtHardeningLevel = Relaxed
        DefaultPorts
            HTTP = 5985
            HTTPS = 5986
        IPv4Filter = *
        IPv6Filter = *
        EnableCompatibilityHttpListener = false
        EnableCompatibilityHttpsListener = false
        CertificateThumbprint
        AllowRemoteAccess = true
    Winrs
        AllowRemoteShellAccess = true
        IdleTimeout = 180000
        MaxConcurrentUsers = 5
        MaxShellRunTime = 28800000
        MaxProcessesPerShell = 15
        MaxMemoryPerShellMB = 150
        MaxShellsPerUser = 5
`;

describe('bmcbridge winrm (local configuration)', function () {
  this.timeout(30000);
  let dir: string;
  let winrm: ReturnType<typeof runner>;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winrm-cli-'));
    winrm = runner(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('get winrm/config prints Windows text layout with the defaults', async () => {
    const r = await winrm('get', 'winrm/config');
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.equal(r.out, CONFIG_TEXT);
  });

  it('-format:xml and -format:pretty', async () => {
    const x = await winrm('get', 'winrm/config/service/DefaultPorts', '-format:xml');
    assert.equal(x.out, '<cfg:DefaultPorts xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/service/defaultports"><cfg:HTTP>5985</cfg:HTTP><cfg:HTTPS>5986</cfg:HTTPS></cfg:DefaultPorts>\n');
    const p = await winrm('g', 'winrm/config/service/DefaultPorts', '-format:pretty');
    assert.equal(p.out, '<cfg:DefaultPorts xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/service/defaultports">\n    <cfg:HTTP>5985</cfg:HTTP>\n    <cfg:HTTPS>5986</cfg:HTTPS>\n</cfg:DefaultPorts>\n');
  });

  it('set @{...} writes the file; keys of sub-sections are placed (Service @{Basic=...} is Service/Auth/Basic)', async () => {
    const r = await winrm('set', 'winrm/config/service', '@{AllowUnencrypted="true";', 'MaxConnections="25"}');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Service\n    RootSDDL = /);
    assert.match(r.out, /\n    MaxConnections = 25\n/);
    const a = await winrm('s', 'winrm/config/service', '@{Basic="true"}');
    assert.equal(a.code, 0, a.err);
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'wsman.json'), 'utf8'));
    assert.equal(file.config.Service.AllowUnencrypted, 'true');
    assert.equal(file.config.Service.Auth.Basic, 'true');
    const th = await winrm('set', 'winrm/config/client', '@{TrustedHosts="bmc01,*.lab.example.com,[::1]"}');
    assert.match(th.out, /TrustedHosts = bmc01,\*\.lab\.example\.com,\[::1\]/);
  });

  it('a refused value prints the WSManFault and the error number, exit 1, nothing written', async () => {
    const r = await winrm('set', 'winrm/config', '@{MaxEnvelopeSizekb="1039441"}');
    assert.equal(r.code, 1);
    assert.equal(
      r.err,
      'WSManFault\n    Message = The WS-Management service cannot process a configuration request: MaxEnvelopeSizekb = "1039441" is not valid. The value must be between 32 and 1039440.\n\n' +
        'Error number:  -2144108523 0x80338015\nThe WS-Management service cannot process a configuration request: MaxEnvelopeSizekb = "1039441" is not valid. The value must be between 32 and 1039440.\n',
    );
    assert.equal(fs.existsSync(path.join(dir, 'wsman.json')), false);
  });

  it('create, enumerate, get and delete listeners', async () => {
    const c = await winrm('create', 'winrm/config/Listener?Address=*+Transport=HTTP', '@{Port="15985"}');
    assert.equal(c.code, 0, c.err);
    assert.equal(
      c.out,
      'ResourceCreated\n    Address = http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous\n    ReferenceParameters\n        ResourceURI = http://schemas.microsoft.com/wbem/wsman/1/config/listener\n        SelectorSet\n            Selector: Address = *\n            Selector: Transport = HTTP\n',
    );
    await winrm('create', 'winrm/config/Listener?Address=IP:127.0.0.1+Transport=HTTP', '@{URLPrefix="bmc/wsman"}');
    const e = await winrm('e', 'winrm/config/listener');
    assert.equal(
      e.out,
      'Listener\n    Address = *\n    Transport = HTTP\n    Port = 15985\n    Hostname\n    Enabled = true\n    URLPrefix = wsman\n    CertificateThumbprint\n\n' +
        'Listener\n    Address = IP:127.0.0.1\n    Transport = HTTP\n    Port = 5985\n    Hostname\n    Enabled = true\n    URLPrefix = bmc/wsman\n    CertificateThumbprint\n',
    );
    const dup = await winrm('create', 'winrm/config/Listener?Address=*+Transport=HTTP');
    assert.equal(dup.code, 1);
    assert.match(dup.err, /cannot create the resource because it already exists/);
    assert.match(dup.err, /Error number:  -2144108493 0x80338033/);
    const bad = await winrm('create', 'winrm/config/Listener?Address=*+Transport=HTTPS', '@{URLPrefix="/x"}');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /cannot start or end with a slash/);
    assert.equal((await winrm('delete', 'winrm/config/Listener?Address=*+Transport=HTTP')).code, 0);
    assert.match((await winrm('get', 'winrm/config/Listener?Address=*+Transport=HTTP')).err, /cannot find the resource/);
  });

  it('help config lists every setting with its default', async () => {
    const r = await winrm('help', 'config');
    assert.equal(r.code, 0);
    assert.match(r.out, /MaxEnvelopeSizekb = 150\n +Largest SOAP envelope/);
    assert.match(r.out, /EnumerationTimeoutms = 60000/);
    assert.match(r.out, /IPv4Filter = \*\n +IPv4 addresses listeners may use/);
    assert.match(r.out, /URLPrefix \(wsman: only a-z, A-Z, 0-9, _ and \//);
  });

  it('usage errors exit 2 with one line', async () => {
    const r = await winrm('get', 'winrm/config', '-bogus');
    assert.equal(r.code, 2);
    assert.match(r.err, /^bmcbridge winrm: unknown switch -bogus\n/);
    assert.equal((await winrm('frobnicate')).code, 2);
    assert.match((await winrm('get', 'nowhere/x')).err, /is not a resource URI/);
  });

  it('quickconfig asks, creates the HTTP listener, and says when nothing is left to do', async () => {
    const no = await runner(dir, ['n'])('quickconfig');
    assert.equal(no.code, 1);
    assert.match(no.out, /Create a WinRM listener on HTTP:\/\/\* to accept WS-Man requests to any IP on this machine\.\n\nMake these changes \[y\/n\]\? No changes were made\.\n/);
    assert.equal(fs.existsSync(path.join(dir, 'wsman.json')), false);
    const yes = await runner(dir, ['y'])('qc');
    assert.equal(yes.code, 0);
    assert.match(yes.out, /WinRM has been updated for remote management\.\n\nCreated a WinRM listener on HTTP:\/\/\* to accept WS-Man requests to any IP on this machine\./);
    assert.match(yes.out, /No WS-Man account exists yet/);
    const again = await winrm('qc', '-q');
    assert.equal(again.out, 'WinRM is already set up for remote management on this computer.\n');
  });

  it('quickconfig -transport:https -q makes a self-signed certificate, the HTTPS listener and enables Basic', async () => {
    const r = await winrm('quickconfig', '-transport:https', '-q');
    assert.equal(r.code, 0, r.err);
    const thumb = /thumbprint ([0-9A-F]{40})/.exec(r.out)![1];
    assert.ok(fs.existsSync(path.join(dir, 'certs', `${thumb}.pem`)));
    assert.equal(fs.statSync(path.join(dir, 'certs', `${thumb}.key`)).mode & 0o777, 0o600);
    const l = JSON.parse(fs.readFileSync(path.join(dir, 'wsman.json'), 'utf8')).listeners[0];
    assert.deepEqual(l, { Address: '*', Transport: 'HTTPS', Port: '5986', Hostname: os.hostname(), Enabled: 'true', URLPrefix: 'wsman', CertificateThumbprint: thumb });
    assert.match(r.out, /Basic authentication enabled \(Service\/Auth\/Basic=true\)/);
  });

  it('user add/list/set/delete keep only scrypt hashes on disk', async () => {
    const a = await winrm('user', 'add', 'operator', '-p:Pa55word!', '-group:ER');
    assert.equal(a.out, 'Created the user operator (groups: Remote Management Users).\n');
    const text = fs.readFileSync(path.join(dir, 'wsman-accounts.json'), 'utf8');
    assert.doesNotMatch(text, /Pa55word/);
    assert.match(text, /"N": 16384/);
    assert.equal((fs.statSync(path.join(dir, 'wsman-accounts.json')).mode & 0o777), 0o600);
    assert.equal((await winrm('user', 'list')).out, 'operator  groups: Remote Management Users\n');
    assert.equal((await winrm('user', 'set', 'operator', '-group:Administrators')).code, 0);
    assert.equal((await winrm('user', 'delete', 'operator')).out, 'Deleted the user operator.\n');
    assert.equal((await winrm('user', 'add', 'x')).code, 2);
  });
});

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => res(p));
    });
  });
}

describe('bmcbridge winrm against the running service', function () {
  this.timeout(30000);
  let dir: string;
  let svc: WsmanService;
  let model: FixtureModel;
  let port: number;
  let sslPort: number;
  let winrm: ReturnType<typeof runner>;
  const W = 'wmi/root/hardware';
  const cred = ['-u:admin', '-p:secret'];
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winrm-cli-remote-'));
    winrm = runner(dir);
    port = await freePort();
    sslPort = await freePort();
    await winrm('set', 'winrm/config/service', '@{AllowUnencrypted="true";Basic="true"}');
    await winrm('set', 'winrm/config/client', '@{AllowUnencrypted="true"}');
    await winrm('create', `winrm/config/Listener?Address=IP:127.0.0.1+Transport=HTTP`, `@{Port="${port}"}`);
    const thumb = (await winrm('cert', 'generate', '-hostname:localhost')).out.trim();
    await winrm('create', `winrm/config/Listener?Address=IP:127.0.0.1+Transport=HTTPS`, `@{Port="${sslPort}";Hostname="localhost";CertificateThumbprint="${thumb}"}`);
    await winrm('user', 'add', 'admin', '-p:secret');
    model = new FixtureModel();
    svc = createWsmanService({ model, configDir: dir, machine: 'bmcbridge-test' });
    await svc.start();
  });
  after(async () => {
    await svc.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const r = (...extra: string[]) => [`-r:127.0.0.1:${port}`, ...cred, '-unencrypted', ...extra];

  it('identify, with credentials and with -a:none', async () => {
    const a = await winrm('id', ...r());
    assert.equal(a.code, 0, a.err);
    assert.match(a.out, /^IdentifyResponse\n    ProtocolVersion = http:\/\/schemas\.dmtf\.org\/wbem\/wsman\/1\/wsman\.xsd\n    ProductVendor = Microsoft Corporation\n    ProductVersion = OS: 0\.0\.0 SP: 0\.0 Stack: 3\.0\n    SecurityProfiles\n        SecurityProfileName = /);
    const n = await winrm('identify', `-r:http://127.0.0.1:${port}`, '-a:none');
    assert.equal(n.code, 0, n.err);
    assert.doesNotMatch(n.out, /SecurityProfiles/);
  });

  it('get with selectors in the URI (text layout: nil as null, arrays joined)', async () => {
    const g = await winrm('get', `${W}/NumericSensor?SystemCreationClassName=ComputerSystem+SystemName=${SYSTEM}+CreationClassName=NumericSensor+DeviceID=48.0.32`, ...r());
    assert.equal(g.code, 0, g.err);
    assert.match(g.out, /^NumericSensor\n    SystemCreationClassName = ComputerSystem\n/);
    assert.match(g.out, /\n    PossibleStates = Unknown, Normal, Upper Non-Critical, Upper Critical\n/);
    assert.match(g.out, /\n    InstallDate = null\n/);
    assert.match(g.out, /\n    CurrentReading = 41\n/);
  });

  it('enumerate: WQL filter, -ReturnType:EPR, selector and association dialects', async () => {
    const q = await winrm('e', `${W}/*`, '-filter:SELECT * FROM NumericSensor WHERE SensorType = 5', ...r());
    assert.equal(q.code, 0, q.err);
    assert.deepEqual([...q.out.matchAll(/DeviceID = (\S+)/g)].map((m) => m[1]), ['64.0.32']);
    const epr = await winrm('enumerate', `${W}/LogRecord`, '-ReturnType:EPR', ...r());
    assert.equal((epr.out.match(/^EndpointReference$/gm) ?? []).length, 2);
    assert.match(epr.out, /Selector: MessageTimestamp = 20090319022103\.000000\+000/);
    const sel = await winrm('e', `${W}/NumericSensor`, '-dialect:selector', '-filter:{DeviceID="64.0.32"}', ...r());
    assert.deepEqual([...sel.out.matchAll(/DeviceID = (\S+)/g)].map((m) => m[1]), ['64.0.32']);
    const assoc = await winrm('e', `${W}/*`, '-dialect:association', `-filter:{object=ComputerSystem?CreationClassName=ComputerSystem+Name=${SYSTEM};resultclassname=Sensor}`, ...r());
    assert.equal(assoc.code, 0, assoc.err);
    assert.deepEqual([...assoc.out.matchAll(/DeviceID = (\S+)/g)].map((m) => m[1]), ['52.0.32']);
  });

  it('set of a threshold and invoke ClearLog', async () => {
    const s = await winrm('set', `${W}/NumericSensor?SystemCreationClassName=ComputerSystem+SystemName=${SYSTEM}+CreationClassName=NumericSensor+DeviceID=48.0.32`, '@{UpperThresholdCritical="92"}', ...r());
    assert.equal(s.code, 0, s.err);
    assert.match(s.out, /UpperThresholdCritical = 92/);
    assert.equal(model.sensors[0].properties.UpperThresholdCritical, 92);
    const i = await winrm('invoke', 'ClearLog', `${W}/RecordLog?InstanceID=IPMI:${SYSTEM}:SEL`, '@{}', ...r());
    assert.equal(i.code, 0, i.err);
    assert.equal(i.out, 'ClearLog_OUTPUT\n    ReturnValue = 0\n');
    assert.equal(model.records.length, 0);
  });

  it('winrm/config remotely, and create/delete of a listener that the service starts', async () => {
    const g = await winrm('get', 'winrm/config/service/auth', ...r());
    assert.equal(g.out, 'Auth\n    Basic = true\n    Kerberos = true\n    Negotiate = true\n    Certificate = false\n    CredSSP = false\n    CbtHardeningLevel = Relaxed\n');
    const c = await winrm('create', 'winrm/config/Listener?Address=IP:127.0.0.5+Transport=HTTP', '@{Port="0"}', ...r());
    assert.equal(c.code, 0, c.err);
    assert.ok(svc.config.findListener('IP:127.0.0.5', 'HTTP'));
    assert.equal((await winrm('delete', 'winrm/config/Listener?Address=IP:127.0.0.5+Transport=HTTP', ...r())).code, 0);
  });

  it('a fault is printed as winrm.cmd prints it', async () => {
    const f = await winrm('get', `${W}/NumericSensor?DeviceID=48.0.32`, ...r());
    assert.equal(f.code, 1);
    assert.match(f.err, /^WSManFault\n    Message = The WS-Management service cannot process the request because the request contained invalid selectors for the resource\. Missing: SystemCreationClassName, SystemName, CreationClassName\.\n\nError number:  -2144108454 0x8033805A\n/);
    const denied = await winrm('id', `-r:127.0.0.1:${port}`, '-u:admin', '-p:wrong', '-unencrypted');
    assert.equal(denied.code, 1);
    assert.equal(denied.err, 'WSManFault\n    Message = Access is denied.\n\nError number:  -2147024891 0x80070005\nAccess is denied.\n');
  });

  it('without -r: reaches the local listener from winrm/config', async () => {
    const g = await winrm('get', `${W}/RecordLog`, ...cred, '-unencrypted');
    assert.equal(g.code, 0, g.err);
    assert.match(g.out, /^RecordLog\n    InstanceID = IPMI:/);
  });

  it('HTTPS with -usessl: the server certificate is checked against the bmcbridge store', async () => {
    const s = await winrm('id', `-r:localhost:${sslPort}`, '-usessl', ...cred);
    assert.equal(s.code, 0, s.err);
    const cn = await winrm('id', `-r:127.0.0.1:${sslPort}`, '-usessl', ...cred);
    assert.equal(cn.code, 1, 'the certificate names localhost, not 127.0.0.1');
    assert.match(cn.err, /altnames|does not match|Hostname/i);
    const skip = await winrm('id', `-r:https://127.0.0.1:${sslPort}/wsman`, '-skipCNcheck', ...cred);
    assert.equal(skip.code, 0, skip.err);
  });

  it('client-side checks: Basic over HTTP needs -unencrypted, AllowUnencrypted and a trusted host', async () => {
    const a = await winrm('id', `-r:127.0.0.1:${port}`, ...cred);
    assert.equal(a.code, 1);
    assert.match(a.err, /Unencrypted traffic is currently disabled in the client configuration/);
    const b = await winrm('id', '-r:bmc01.example.com', ...cred, '-unencrypted');
    assert.match(b.err, /bmc01\.example\.com is not in the TrustedHosts list/);
    const k = await winrm('id', `-r:127.0.0.1:${port}`, '-a:kerberos');
    assert.match(k.err, /kerberos authentication mechanism is not supported by bmcbridge/);
  });
});
