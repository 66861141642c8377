import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigStore, CertStore } from '../../../src/frontends/wsman';
import { ConfigErrors } from '../../../src/lib/errors';
import { CONFIG, ENUM, faultOf, harness, Harness, pywinrmEnvelope, XFER, contextOf } from './helpers';

let seq = 0;
const mid = () => `uuid:${String(++seq).padStart(8, '0')}-cccc-bbbb-cccc-dddddddddddd`;
const get = (uri: string, selectors?: Array<[string, string]>) => pywinrmEnvelope({ action: XFER + 'Get', resourceUri: uri, selectors, messageId: mid() });
const put = (uri: string, body: string, selectors?: Array<[string, string]>) => pywinrmEnvelope({ action: XFER + 'Put', resourceUri: uri, selectors, body, messageId: mid() });
const body = (xml: string) => /<s:Body>(.*)<\/s:Body>/.exec(xml)![1];

/**
 * winrm/config in Windows' layout (research/wsman.md §2.2) with the seed document's WinRM 2.0
 * defaults; Service/AllowUnencrypted and Service/Auth/Basic are true in the test service.
 */
const CONFIG_XML =
  '<cfg:Config xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config">' +
  '<cfg:MaxEnvelopeSizekb>150</cfg:MaxEnvelopeSizekb><cfg:MaxTimeoutms>60000</cfg:MaxTimeoutms><cfg:MaxBatchItems>32000</cfg:MaxBatchItems><cfg:MaxProviderRequests>25</cfg:MaxProviderRequests>' +
  '<cfg:Client><cfg:NetworkDelayms>5000</cfg:NetworkDelayms><cfg:URLPrefix>wsman</cfg:URLPrefix><cfg:AllowUnencrypted>false</cfg:AllowUnencrypted>' +
  '<cfg:Auth><cfg:Basic>true</cfg:Basic><cfg:Digest>true</cfg:Digest><cfg:Kerberos>true</cfg:Kerberos><cfg:Negotiate>true</cfg:Negotiate><cfg:Certificate>true</cfg:Certificate><cfg:CredSSP>false</cfg:CredSSP></cfg:Auth>' +
  '<cfg:DefaultPorts><cfg:HTTP>5985</cfg:HTTP><cfg:HTTPS>5986</cfg:HTTPS></cfg:DefaultPorts><cfg:TrustedHosts></cfg:TrustedHosts></cfg:Client>' +
  '<cfg:Service><cfg:RootSDDL>O:NSG:BAD:P(A;;GA;;;BA)(A;;GR;;;ER)S:P(AU;FA;GA;;;WD)(AU;SA;GWGX;;;WD)</cfg:RootSDDL><cfg:MaxConcurrentOperations>100</cfg:MaxConcurrentOperations>' +
  '<cfg:MaxConcurrentOperationsPerUser>1500</cfg:MaxConcurrentOperationsPerUser><cfg:EnumerationTimeoutms>60000</cfg:EnumerationTimeoutms><cfg:MaxConnections>300</cfg:MaxConnections>' +
  '<cfg:MaxPacketRetrievalTimeSeconds>120</cfg:MaxPacketRetrievalTimeSeconds><cfg:AllowUnencrypted>true</cfg:AllowUnencrypted>' +
  '<cfg:Auth><cfg:Basic>true</cfg:Basic><cfg:Kerberos>true</cfg:Kerberos><cfg:Negotiate>true</cfg:Negotiate><cfg:Certificate>false</cfg:Certificate><cfg:CredSSP>false</cfg:CredSSP><cfg:CbtHardeningLevel>Relaxed</cfg:CbtHardeningLevel></cfg:Auth>' +
  '<cfg:DefaultPorts><cfg:HTTP>5985</cfg:HTTP><cfg:HTTPS>5986</cfg:HTTPS></cfg:DefaultPorts><cfg:IPv4Filter>*</cfg:IPv4Filter><cfg:IPv6Filter>*</cfg:IPv6Filter>' +
  '<cfg:EnableCompatibilityHttpListener>false</cfg:EnableCompatibilityHttpListener><cfg:EnableCompatibilityHttpsListener>false</cfg:EnableCompatibilityHttpsListener>' +
  '<cfg:CertificateThumbprint></cfg:CertificateThumbprint><cfg:AllowRemoteAccess>true</cfg:AllowRemoteAccess></cfg:Service>' +
  '<cfg:Winrs><cfg:AllowRemoteShellAccess>true</cfg:AllowRemoteShellAccess><cfg:IdleTimeout>180000</cfg:IdleTimeout><cfg:MaxConcurrentUsers>5</cfg:MaxConcurrentUsers>' +
  '<cfg:MaxShellRunTime>28800000</cfg:MaxShellRunTime><cfg:MaxProcessesPerShell>15</cfg:MaxProcessesPerShell><cfg:MaxMemoryPerShellMB>150</cfg:MaxMemoryPerShellMB><cfg:MaxShellsPerUser>5</cfg:MaxShellsPerUser></cfg:Winrs>' +
  '</cfg:Config>';

describe('winrm/config over WS-Man (inject)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  it('Get winrm/config: Windows layout with the seed defaults', async () => {
    const r = await h.post(get(CONFIG));
    assert.equal(r.statusCode, 200);
    assert.equal(body(r.body), CONFIG_XML);
  });

  it('Get of the sub-resources uses their own namespace', async () => {
    const r = await h.post(get(CONFIG + '/service/auth'));
    assert.equal(
      body(r.body),
      '<cfg:Auth xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/service/auth"><cfg:Basic>true</cfg:Basic><cfg:Kerberos>true</cfg:Kerberos><cfg:Negotiate>true</cfg:Negotiate><cfg:Certificate>false</cfg:Certificate><cfg:CredSSP>false</cfg:CredSSP><cfg:CbtHardeningLevel>Relaxed</cfg:CbtHardeningLevel></cfg:Auth>',
    );
    const ports = await h.post(get(CONFIG + '/Client/DefaultPorts'));
    assert.equal(body(ports.body), '<cfg:DefaultPorts xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/client/defaultports"><cfg:HTTP>5985</cfg:HTTP><cfg:HTTPS>5986</cfg:HTTPS></cfg:DefaultPorts>');
    const winrs = await h.post(get(CONFIG + '/winrs'));
    assert.match(body(winrs.body), /^<cfg:Winrs xmlns:cfg="http:\/\/schemas\.microsoft\.com\/wbem\/wsman\/1\/config\/winrs"><cfg:AllowRemoteShellAccess>true/);
  });

  it('Put changes only the elements present (MS-WSMV 4.2.2) and answers with the new representation', async () => {
    const r = await h.post(put(CONFIG, '<cfg:Config xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config"><cfg:MaxBatchItems>10</cfg:MaxBatchItems><cfg:Service><cfg:Auth><cfg:Certificate>true</cfg:Certificate></cfg:Auth></cfg:Service></cfg:Config>'));
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(body(r.body), CONFIG_XML.replace('<cfg:MaxBatchItems>32000<', '<cfg:MaxBatchItems>10<').replace('<cfg:Certificate>false</cfg:Certificate><cfg:CredSSP>false</cfg:CredSSP><cfg:CbtHardeningLevel>', '<cfg:Certificate>true</cfg:Certificate><cfg:CredSSP>false</cfg:CredSSP><cfg:CbtHardeningLevel>'));
    assert.equal(h.service.config.num('MaxBatchItems'), 10);
    assert.equal(h.service.config.bool('Service.Auth.Certificate'), true);
  });

  const refused: Array<[string, string, string, RegExp]> = [
    ['MaxEnvelopeSizekb above 1039440', CONFIG, '<cfg:Config xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config"><cfg:MaxEnvelopeSizekb>1039441</cfg:MaxEnvelopeSizekb></cfg:Config>', /MaxEnvelopeSizekb = "1039441" is not valid\. The value must be between 32 and 1039440\./],
    ['a non-boolean', CONFIG + '/service', '<cfg:Service xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/service"><cfg:AllowUnencrypted>yes</cfg:AllowUnencrypted></cfg:Service>', /AllowUnencrypted = "yes" is not valid\. The value must be true or false\./],
    ['a client URLPrefix with a leading slash', CONFIG + '/client', '<cfg:Client xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/client"><cfg:URLPrefix>/wsman</cfg:URLPrefix></cfg:Client>', /cannot start or end with a slash/],
    ['an IPv4Filter that is not a range', CONFIG + '/service', '<cfg:Service xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/service"><cfg:IPv4Filter>10.0.0.9-10.0.0.1</cfg:IPv4Filter></cfg:Service>', /ends before it starts/],
    ['an IPv6 TrustedHosts entry without brackets', CONFIG + '/client', '<cfg:Client xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/client"><cfg:TrustedHosts>::1</cfg:TrustedHosts></cfg:Client>', /must be enclosed in brackets/],
    ['a RootSDDL without a DACL', CONFIG + '/service', '<cfg:Service xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/service"><cfg:RootSDDL>O:NSG:BA</cfg:RootSDDL></cfg:Service>', /must contain a DACL/],
    ['a read-only setting', CONFIG, '<cfg:Config xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config"><cfg:MaxProviderRequests>50</cfg:MaxProviderRequests></cfg:Config>', /MaxProviderRequests: the setting is read-only/],
    ['an unknown setting', CONFIG + '/winrs', '<cfg:Winrs xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/winrs"><cfg:Colour>red</cfg:Colour></cfg:Winrs>', /Colour is not a setting of Winrs/],
  ];
  for (const [what, uri, xml, msg] of refused) {
    it(`Put refuses ${what} (wxf:InvalidRepresentation) and changes nothing`, async () => {
      const r = await h.post(put(uri, xml));
      assert.equal(r.statusCode, 500);
      assert.equal(faultOf(r.body).subcode, 'x:InvalidRepresentation');
      assert.match(faultOf(r.body).message!, msg);
      assert.equal(body((await h.post(get(CONFIG))).body), CONFIG_XML);
    });
  }

  it('a reader may not read winrm/config (configuration needs write access)', async () => {
    const r = await h.post(get(CONFIG), { user: 'reader', pass: 'readonly' });
    assert.equal(faultOf(r.body).subcode, 'w:AccessDenied');
  });

  it('the shell resource answers with a clear fault: no remote shells', async () => {
    const r = await h.post(pywinrmEnvelope({ action: XFER + 'Create', resourceUri: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd', body: '<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams></rsp:Shell>', messageId: mid() }));
    assert.equal(faultOf(r.body).subcode, 'a:DestinationUnreachable');
    assert.match(faultOf(r.body).message!, /bmcbridge does not offer remote shells \(WinRS\)/);
  });

  describe('listeners', () => {
    const L = CONFIG + '/listener';
    const create = (sel: Array<[string, string]>, props = '') =>
      pywinrmEnvelope({ action: XFER + 'Create', resourceUri: L, selectors: sel, body: props ? `<cfg:Listener xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/listener">${props}</cfg:Listener>` : '', messageId: mid() });

    it('Create answers with x:ResourceCreated; Get, Enumerate and Delete follow (ListeningOn empty while not started)', async () => {
      const c = await h.post(create([['Address', 'IP:127.0.0.1'], ['Transport', 'HTTP']], '<cfg:Port>15985</cfg:Port>'));
      assert.equal(c.statusCode, 200, c.body);
      assert.equal(
        body(c.body),
        '<x:ResourceCreated><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address><a:ReferenceParameters><w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/config/listener</w:ResourceURI>' +
          '<w:SelectorSet xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"><w:Selector Name="Address">IP:127.0.0.1</w:Selector><w:Selector Name="Transport">HTTP</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>',
      );
      const g = await h.post(get(L, [['Address', 'IP:127.0.0.1'], ['Transport', 'http']]));
      assert.equal(
        body(g.body),
        '<cfg:Listener xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/listener"><cfg:Address>IP:127.0.0.1</cfg:Address><cfg:Transport>HTTP</cfg:Transport><cfg:Port>15985</cfg:Port><cfg:Hostname></cfg:Hostname><cfg:Enabled>true</cfg:Enabled><cfg:URLPrefix>wsman</cfg:URLPrefix><cfg:CertificateThumbprint></cfg:CertificateThumbprint></cfg:Listener>',
      );
      await h.post(create([['Address', '*'], ['Transport', 'HTTP']]));
      const e = await h.post(pywinrmEnvelope({ action: ENUM + 'Enumerate', resourceUri: L, body: '<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>20</w:MaxElements><w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode></n:Enumerate>', messageId: mid() }));
      assert.equal((e.body.match(/<w:Item><cfg:Listener /g) ?? []).length, 2);
      assert.match(e.body, /<cfg:Address>\*<\/cfg:Address><cfg:Transport>HTTP<\/cfg:Transport><cfg:Port>5985<\/cfg:Port>/);
      assert.equal(contextOf(e.body), undefined);
      const d = await h.post(pywinrmEnvelope({ action: XFER + 'Delete', resourceUri: L, selectors: [['Address', '*'], ['Transport', 'HTTP']], messageId: mid() }));
      assert.equal(d.statusCode, 200);
      assert.match(d.body, /<a:Action>http:\/\/schemas\.xmlsoap\.org\/ws\/2004\/09\/transfer\/DeleteResponse<\/a:Action>.*<s:Body><\/s:Body>/);
      assert.deepEqual(h.service.config.listeners().map((l) => l.Address), ['IP:127.0.0.1']);
    });

    it('Create of an existing listener is w:AlreadyExists; Delete of a missing one is DestinationUnreachable', async () => {
      await h.post(create([['Address', '*'], ['Transport', 'HTTP']]));
      const again = await h.post(create([['Address', '*'], ['Transport', 'http']]));
      assert.deepEqual([faultOf(again.body).subcode, faultOf(again.body).winCode], ['w:AlreadyExists', '2150858803']);
      const d = await h.post(pywinrmEnvelope({ action: XFER + 'Delete', resourceUri: L, selectors: [['Address', 'IP:10.1.1.1'], ['Transport', 'HTTP']], messageId: mid() }));
      assert.deepEqual([faultOf(d.body).subcode, faultOf(d.body).winCode], ['a:DestinationUnreachable', '2150858752']);
    });

    const bad: Array<[string, Array<[string, string]>, string, string, RegExp]> = [
      ['a missing Transport selector', [['Address', '*']], '', 'w:InvalidSelectors', /Missing: Transport/],
      ['an unknown selector', [['Address', '*'], ['Transport', 'HTTP'], ['Port', '1']], '', 'w:InvalidSelectors', /Port is not a selector of Listener/],
      ['a bad address', [['Address', 'IP:300.1.1.1'], ['Transport', 'HTTP']], '', 'w:InvalidSelectors', /must be \*, IP:<address> or MAC:<address>/],
      ['a bad transport', [['Address', '*'], ['Transport', 'FTP']], '', 'w:InvalidSelectors', /HTTP or HTTPS/],
      ['a URLPrefix with other characters', [['Address', '*'], ['Transport', 'HTTP']], '<cfg:URLPrefix>ws-man</cfg:URLPrefix>', 'x:InvalidRepresentation', /only a-z, A-Z, 0-9, underscore \(_\) and slash \(\/\) may be used/],
      ['a URLPrefix ending with a slash', [['Address', '*'], ['Transport', 'HTTP']], '<cfg:URLPrefix>wsman/</cfg:URLPrefix>', 'x:InvalidRepresentation', /cannot start or end with a slash/],
      ['an HTTPS listener without a certificate', [['Address', '*'], ['Transport', 'HTTPS']], '', 'x:InvalidRepresentation', /needs the thumbprint of a certificate/],
      ['an HTTPS listener with an unknown certificate', [['Address', '*'], ['Transport', 'HTTPS']], '<cfg:CertificateThumbprint>0123456789ABCDEF0123456789ABCDEF01234567</cfg:CertificateThumbprint>', 'w:InvalidParameter', /cannot find the certificate/],
      ['a port out of range', [['Address', '*'], ['Transport', 'HTTP']], '<cfg:Port>70000</cfg:Port>', 'x:InvalidRepresentation', /port must be a number from 1 to 65535/],
    ];
    for (const [what, sel, props, sub, msg] of bad) {
      it(`Create refuses ${what}`, async () => {
        const r = await h.post(create(sel, props));
        assert.equal(r.statusCode, 500);
        assert.equal(faultOf(r.body).subcode, sub);
        assert.match(faultOf(r.body).message!, msg);
        assert.equal(h.service.config.listeners().length, 0);
      });
    }

    it('Put changes a listener (Port, Enabled); Address and Transport are the selectors', async () => {
      await h.post(create([['Address', '*'], ['Transport', 'HTTP']]));
      const r = await h.post(put(L, '<cfg:Listener xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/listener"><cfg:Port>8080</cfg:Port><cfg:Enabled>false</cfg:Enabled></cfg:Listener>', [['Address', '*'], ['Transport', 'HTTP']]));
      assert.equal(r.statusCode, 200, r.body);
      assert.match(body(r.body), /<cfg:Port>8080<\/cfg:Port><cfg:Hostname><\/cfg:Hostname><cfg:Enabled>false<\/cfg:Enabled>/);
    });
  });

  describe('HTTPS listener and certmapping with certificates from the store', () => {
    it('an HTTPS listener needs a certificate whose name matches Hostname', async function () {
      this.timeout(20000);
      const thumb = h.service.certs.generateSelfSigned('bmc01.example.com');
      const L = CONFIG + '/listener';
      const mk = (host: string) =>
        pywinrmEnvelope({ action: XFER + 'Create', resourceUri: L, selectors: [['Address', '*'], ['Transport', 'HTTPS']], messageId: mid(), body: `<cfg:Listener xmlns:cfg="http://schemas.microsoft.com/wbem/wsman/1/config/listener"><cfg:Hostname>${host}</cfg:Hostname><cfg:CertificateThumbprint>${thumb.toLowerCase()}</cfg:CertificateThumbprint></cfg:Listener>` });
      const wrong = await h.post(mk('other.example.com'));
      assert.match(faultOf(wrong.body).message!, /The certificate CN and the hostname that were provided do not match/);
      const ok = await h.post(mk('bmc01.example.com'));
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(h.service.config.listeners()[0].CertificateThumbprint, thumb);
      assert.equal(h.service.config.listeners()[0].Port, '5986');
    });
  });
});

describe('winrm/config persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsman-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes wsman.json atomically and a second store (another process) reads the change', () => {
    const a = new ConfigStore(dir, new CertStore(path.join(dir, 'certs')));
    a.putSection(['Service'], { MaxConnections: '25', Auth: { Basic: 'true' } });
    a.createListener('*', 'HTTP', {});
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'wsman.json'), 'utf8'));
    assert.equal(onDisk.config.Service.MaxConnections, '25');
    assert.deepEqual(onDisk.listeners, [{ Address: '*', Transport: 'HTTP', Port: '5985', Hostname: '', Enabled: 'true', URLPrefix: 'wsman', CertificateThumbprint: '' }]);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['wsman.json']);
    const b = new ConfigStore(dir, undefined);
    assert.equal(b.num('Service.MaxConnections'), 25);
    assert.equal(b.bool('Service.Auth.Basic'), true);
    let changed = 0;
    b.onChange(() => changed++);
    a.putSection(['Winrs'], { MaxShellsPerUser: '9' });
    assert.equal(b.reload(), true);
    assert.equal(b.num('Winrs.MaxShellsPerUser'), 9);
    assert.equal(changed, 1);
    assert.equal(b.reload(), false, 'nothing new');
  });

  it('a file with invalid values is a ConfigErrors listing every problem', () => {
    fs.writeFileSync(path.join(dir, 'wsman.json'), JSON.stringify({ version: 1, config: { MaxEnvelopeSizekb: '5', Service: { AllowUnencrypted: 'maybe' } }, listeners: [{ Address: 'nowhere', Transport: 'HTTP', Port: '1', Hostname: '', Enabled: 'true', URLPrefix: 'wsman', CertificateThumbprint: '' }], certmappings: [] }));
    assert.throws(
      () => new ConfigStore(dir, undefined),
      (e: unknown) => {
        assert.ok(e instanceof ConfigErrors);
        assert.equal(e.problems.length, 3);
        assert.match(e.message, /MaxEnvelopeSizekb = "5" is not valid/);
        assert.match(e.message, /Service\/AllowUnencrypted = "maybe"|AllowUnencrypted = "maybe"/);
        assert.match(e.message, /listeners\[0\]: .*Address="nowhere"/);
        return true;
      },
    );
  });

  it('missing settings take their defaults (a file from an older version)', () => {
    fs.writeFileSync(path.join(dir, 'wsman.json'), JSON.stringify({ version: 1, config: { Service: { MaxConnections: '7' } }, listeners: [], certmappings: [] }));
    const s = new ConfigStore(dir, undefined);
    assert.equal(s.num('Service.MaxConnections'), 7);
    assert.equal(s.num('Service.EnumerationTimeoutms'), 60000);
  });
});
