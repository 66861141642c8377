import assert from 'node:assert/strict';
import { harness, Harness, IDENTIFY, normalize, pywinrmEnvelope, wslEnvelope, XFER, WMI, DMTF, NS, faultOf, basic, ENUM } from './helpers';
import { SYSTEM } from './fixture-model';

const CPU_KEYS: Array<[string, string]> = [
  ['SystemCreationClassName', 'ComputerSystem'],
  ['SystemName', SYSTEM],
  ['CreationClassName', 'NumericSensor'],
  ['DeviceID', '48.0.32'],
];
const ENV_OPEN =
  '<s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:n="http://schemas.xmlsoap.org/ws/2004/09/enumeration" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer">';
const hdr = (action: string, relates = 'uuid:11111111-2222-3333-4444-555555555555') =>
  `<s:Header><a:Action>${action}</a:Action><a:MessageID>uuid:MSG</a:MessageID><a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To><a:RelatesTo>${relates}</a:RelatesTo></s:Header>`;

describe('wsman protocol (inject)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  describe('Identify', () => {
    it('answers an authenticated Identify with the security profiles (MS-WSMV 3.1.4.1.23)', async () => {
      const r = await h.post(IDENTIFY);
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/soap+xml;charset=UTF-8');
      assert.equal(
        r.body,
        ENV_OPEN +
          '<s:Header></s:Header><s:Body><wsmid:IdentifyResponse xmlns:wsmid="http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd">' +
          '<wsmid:ProtocolVersion>http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd</wsmid:ProtocolVersion><wsmid:ProductVendor>Microsoft Corporation</wsmid:ProductVendor>' +
          '<wsmid:ProductVersion>OS: 0.0.0 SP: 0.0 Stack: 3.0</wsmid:ProductVersion><wsmid:SecurityProfiles>' +
          '<wsmid:SecurityProfileName>http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/http/basic</wsmid:SecurityProfileName>' +
          '<wsmid:SecurityProfileName>http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/basic</wsmid:SecurityProfileName>' +
          '</wsmid:SecurityProfiles></wsmid:IdentifyResponse></s:Body></s:Envelope>',
      );
    });

    it('answers Identify without credentials when WSMANIDENTIFY: unauthenticated, without SecurityProfiles', async () => {
      const r = await h.post(IDENTIFY, { user: '', headers: { WSMANIDENTIFY: 'unauthenticated' } });
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<wsmid:ProductVersion>OS: 0\.0\.0 SP: 0\.0 Stack: 3\.0<\/wsmid:ProductVersion><\/wsmid:IdentifyResponse>/);
      assert.doesNotMatch(r.body, /SecurityProfiles/);
    });

    it('refuses anything but Identify under WSMANIDENTIFY: unauthenticated (401)', async () => {
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'NumericSensor', selectors: CPU_KEYS }), {
        user: '',
        headers: { WSMANIDENTIFY: 'unauthenticated' },
      });
      assert.equal(r.statusCode, 401);
      assert.equal(r.headers['www-authenticate'], 'Basic realm="WSMAN"');
      assert.equal(r.body, '');
    });
  });

  describe('authentication and HTTP', () => {
    it('401 with WWW-Authenticate: Basic realm="WSMAN" and an empty body for a wrong password', async () => {
      const r = await h.post(IDENTIFY, { user: 'admin', pass: 'wrong' });
      assert.equal(r.statusCode, 401);
      assert.equal(r.headers['www-authenticate'], 'Basic realm="WSMAN"');
      assert.equal(r.body, '');
    });
    it('401 without credentials and for Negotiate (not supported)', async () => {
      assert.equal((await h.post(IDENTIFY, { user: '' })).statusCode, 401);
      const r = await h.post(IDENTIFY, { headers: { authorization: 'Negotiate TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==' } });
      assert.equal(r.statusCode, 401);
    });
    it('accepts HOST\\user as a local account name', async () => {
      const r = await h.post(IDENTIFY, { headers: { authorization: basic('BMC01\\admin', 'secret') } });
      assert.equal(r.statusCode, 200);
    });
    it('415 for a content type other than application/soap+xml, before reading the body', async () => {
      assert.equal((await h.post(IDENTIFY, { contentType: 'text/xml' })).statusCode, 415);
      assert.equal((await h.post(IDENTIFY, { contentType: null })).statusCode, 415);
      assert.equal((await h.post(IDENTIFY, { contentType: 'application/soap+xml; charset=utf-8' })).statusCode, 200);
    });
    it('an unsupported charset is an EncodingLimit/CharacterSet fault', async () => {
      const r = await h.post(IDENTIFY, { contentType: 'application/soap+xml;charset=ISO-8859-1' });
      assert.equal(r.statusCode, 500);
      assert.deepEqual(faultOf(r.body), {
        code: 's:Sender', subcode: 'w:EncodingLimit', detail: 'http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/CharacterSet', winCode: '2150858805',
        message: 'The WS-Management service cannot process the request because the character set "ISO-8859-1" is not supported; use UTF-8 or UTF-16. ',
      });
    });
    it('accepts UTF-16 bodies with a byte order mark', async () => {
      const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(IDENTIFY, 'utf16le')]);
      const r = await h.service.app.inject({ method: 'POST', url: '/wsman', headers: { 'content-type': 'application/soap+xml;charset=UTF-16', authorization: basic('admin', 'secret') }, payload: body });
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /IdentifyResponse/);
    });
    it('405 for GET and 404 for another path', async () => {
      const g = await h.service.app.inject({ method: 'GET', url: '/wsman', headers: { authorization: basic('admin', 'secret') } });
      assert.equal(g.statusCode, 405);
      assert.equal(g.headers.allow, 'POST');
      const p = await h.service.app.inject({ method: 'POST', url: '/other', headers: { authorization: basic('admin', 'secret'), 'content-type': 'application/soap+xml' }, payload: IDENTIFY });
      assert.equal(p.statusCode, 404);
    });
  });

  describe('Get', () => {
    it('returns the instance as WinRM does (class namespace per resource URI, xsi:nil, repeated array elements)', async () => {
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'NumericSensor', selectors: CPU_KEYS }));
      assert.equal(r.statusCode, 200);
      assert.equal(
        normalize(r.body),
        ENV_OPEN +
          hdr(XFER + 'GetResponse') +
          '<s:Body><p:NumericSensor xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wmi/root/hardware/NumericSensor" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cim="http://schemas.dmtf.org/wbem/wscim/1/common" xsi:type="p:NumericSensor_Type">' +
          '<p:SystemCreationClassName>ComputerSystem</p:SystemCreationClassName><p:SystemName>4C4C4544-0042-3510-8052-B2C04F334B32</p:SystemName>' +
          '<p:CreationClassName>NumericSensor</p:CreationClassName><p:DeviceID>48.0.32</p:DeviceID><p:ElementName>CPU1 Temp</p:ElementName>' +
          '<p:SensorType>2</p:SensorType><p:CurrentState>Normal</p:CurrentState><p:PossibleStates>Unknown</p:PossibleStates><p:PossibleStates>Normal</p:PossibleStates>' +
          '<p:PossibleStates>Upper Non-Critical</p:PossibleStates><p:PossibleStates>Upper Critical</p:PossibleStates><p:EnabledState>2</p:EnabledState>' +
          '<p:InstallDate xsi:nil="true"/><p:BaseUnits>2</p:BaseUnits><p:UnitModifier>0</p:UnitModifier><p:CurrentReading>41</p:CurrentReading>' +
          '<p:LowerThresholdCritical xsi:nil="true"/><p:UpperThresholdNonCritical>85</p:UpperThresholdNonCritical><p:UpperThresholdCritical>95</p:UpperThresholdCritical>' +
          '<p:SupportedThresholds>1</p:SupportedThresholds><p:SupportedThresholds>3</p:SupportedThresholds><p:IsLinear>true</p:IsLinear></p:NumericSensor></s:Body></s:Envelope>',
      );
    });

    it('serializes datetimes as cim:Datetime (xs:dateTime)', async () => {
      const r = await h.post(
        pywinrmEnvelope({
          action: XFER + 'Get',
          resourceUri: WMI + 'LogRecord',
          selectors: [['LogCreationClassName', 'RecordLog'], ['LogName', 'IPMI SEL'], ['CreationClassName', 'LogRecord'], ['RecordID', '1'], ['MessageTimestamp', '20090319022103.000000+000']],
        }),
      );
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<p:MessageTimestamp><cim:Datetime>2009-03-19T02:21:03\.000Z<\/cim:Datetime><\/p:MessageTimestamp>/);
    });

    it('serves the DMTF URI form, defaulting __cimnamespace to root/hardware and naming the concrete class', async () => {
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: DMTF + 'CIM_NumericSensor', selectors: CPU_KEYS }));
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<p:NumericSensor xmlns:p="http:\/\/schemas\.microsoft\.com\/wbem\/wsman\/1\/wmi\/root\/hardware\/NumericSensor"/);
      const r2 = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: DMTF + 'CIM_NumericSensor', selectors: [...CPU_KEYS, ['__cimnamespace', 'root\\hardware']] }));
      assert.equal(r2.statusCode, 200);
      const r3 = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: DMTF + 'CIM_NumericSensor', selectors: [...CPU_KEYS, ['__cimnamespace', 'root/cimv2']] }));
      assert.equal(faultOf(r3.body).subcode, 'a:DestinationUnreachable');
    });

    it('addresses a single-instance class without selectors (DSP0226 §7.1)', async () => {
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'RecordLog' }));
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<p:InstanceID>IPMI:4C4C4544-0042-3510-8052-B2C04F334B32:SEL<\/p:InstanceID>/);
    });

    const selectorCases: Array<[string, Array<[string, string]>, string, string]> = [
      ['a selector that is not a key', [...CPU_KEYS, ['CurrentReading', '41']], 'UnexpectedSelectors', '2150858843'],
      ['a missing key', CPU_KEYS.slice(1), 'InsufficientSelectors', '2150858842'],
      ['a repeated selector', [...CPU_KEYS, ['DeviceID', '48.0.32']], 'DuplicateSelectors', '2150858847'],
      ['no selectors for a class with many instances', [], 'InsufficientSelectors', '2150858842'],
    ];
    for (const [what, sels, detail, code] of selectorCases) {
      it(`w:InvalidSelectors/${detail} for ${what}`, async () => {
        const r = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'NumericSensor', selectors: sels }));
        assert.equal(r.statusCode, 500);
        const f = faultOf(r.body);
        assert.equal(f.code, 's:Sender');
        assert.equal(f.subcode, 'w:InvalidSelectors');
        assert.equal(f.detail, `http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/${detail}`);
        assert.equal(f.winCode, code);
      });
    }

    it('an instance that does not exist is wsa:DestinationUnreachable, ERROR_WSMAN_RESOURCE_NOT_FOUND (2150858752)', async () => {
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'NumericSensor', selectors: [...CPU_KEYS.slice(0, 3), ['DeviceID', '99.0.32']] }));
      assert.equal(r.statusCode, 500);
      assert.match(r.body, /<a:Action>http:\/\/schemas\.xmlsoap\.org\/ws\/2004\/08\/addressing\/fault<\/a:Action>/);
      const f = faultOf(r.body);
      assert.equal(f.subcode, 'a:DestinationUnreachable');
      assert.equal(f.winCode, '2150858752');
      assert.equal(f.detail, undefined);
    });

    it('an unknown ResourceURI is wsa:DestinationUnreachable/InvalidResourceURI', async () => {
      for (const uri of [WMI + 'NoSuchClass', 'http://schemas.microsoft.com/wbem/wsman/1/wmi/root/nothere/NumericSensor', 'http://example.com/x', WMI + 'Bad-Name']) {
        const r = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: uri, selectors: CPU_KEYS }));
        assert.equal(r.statusCode, 500, uri);
        assert.deepEqual([faultOf(r.body).subcode, faultOf(r.body).detail, faultOf(r.body).winCode], ['a:DestinationUnreachable', 'http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InvalidResourceURI', '2150858811'], uri);
      }
      const missing = await h.post(pywinrmEnvelope({ action: XFER + 'Get' }));
      assert.equal(faultOf(missing.body).subcode, 'a:DestinationUnreachable');
    });

    it('answers a wsl-style request (wsman: prefix) in the openwsman layout with every namespace on the Envelope', async () => {
      const r = await h.post(wslEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'Sensor', selectors: [...CPU_KEYS.slice(0, 2), ['CreationClassName', 'Sensor'], ['DeviceID', '52.0.32']] }));
      assert.equal(r.statusCode, 200);
      assert.ok(
        normalize(r.body).startsWith(
          '<s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:wsen="http://schemas.xmlsoap.org/ws/2004/09/enumeration" xmlns:wsman="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:wxf="http://schemas.xmlsoap.org/ws/2004/09/transfer" xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wmi/root/hardware/Sensor" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
            '<s:Header><wsa:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse</wsa:Action><wsa:MessageID>uuid:MSG</wsa:MessageID><wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To><wsa:RelatesTo>8f6a0b9e-1f8c-4b5e-9a1e-2f0d3c4b5a69</wsa:RelatesTo></s:Header>' +
            '<s:Body><p:Sensor><p:SystemCreationClassName>',
        ),
        r.body,
      );
    });
  });

  describe('envelope and header checks', () => {
    const fo = async (xml: string) => {
      const r = await h.post(xml);
      assert.equal(r.statusCode, 500);
      return faultOf(r.body);
    };
    it('malformed XML is w:SchemaValidationError with ERROR_WSMAN_INVALID_XML (2150858819)', async () => {
      const f = await fo('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><unclosed></s:Body></s:Envelope>');
      assert.equal(f.subcode, 'w:SchemaValidationError');
      assert.equal(f.winCode, '2150858819');
      assert.equal(f.detail, undefined);
    });
    it('a DOCTYPE (billion laughs, external entity) is refused before any expansion', async () => {
      const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><s:Envelope xmlns:s="${NS.s}"><s:Body>&lol2;</s:Body></s:Envelope>`;
      const f = await fo(lol);
      assert.equal(f.subcode, 'w:SchemaValidationError');
      assert.match(f.message!, /DOCTYPE declaration is not allowed/);
      const xxe = `<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><s:Envelope xmlns:s="${NS.s}"><s:Body/></s:Envelope>`;
      assert.match((await fo(xxe)).message!, /DOCTYPE/);
    });
    it('an undefined entity and a processing instruction are refused', async () => {
      assert.match((await fo(`<s:Envelope xmlns:s="${NS.s}"><s:Body>&xxe;</s:Body></s:Envelope>`)).message!, /undefined entity/i);
      assert.match((await fo(`<?xml version="1.0"?><?xml-stylesheet href="x"?><s:Envelope xmlns:s="${NS.s}"><s:Body/></s:Envelope>`)).message!, /processing instruction/);
    });
    it('nesting deeper than 48 elements is refused', async () => {
      const deep = `<s:Envelope xmlns:s="${NS.s}"><s:Body>${'<a>'.repeat(60)}${'</a>'.repeat(60)}</s:Body></s:Envelope>`;
      assert.match((await fo(deep)).message!, /nested deeper than 48/);
    });
    it('an unbound prefix (wsl copying undeclared w: lines) is invalid XML, and the server keeps serving', async () => {
      const f = await fo(`<s:Envelope xmlns:s="${NS.s}"><s:Header><w:SelectorSet/></s:Header><s:Body/></s:Envelope>`);
      assert.equal(f.subcode, 'w:SchemaValidationError');
      assert.equal((await h.post(IDENTIFY)).statusCode, 200);
    });
    it('SOAP 1.1 gets s:VersionMismatch', async () => {
      const f = await fo('<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/></e:Envelope>');
      assert.equal(f.code, 's:VersionMismatch');
      assert.equal(f.subcode, undefined);
      assert.equal(f.winCode, '2150858765');
    });
    it('an unknown header marked s:mustUnderstand gets s:MustUnderstand; an unqualified mustUnderstand (pywinrm) is ignored', async () => {
      const f = await fo(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'RecordLog', headers: '<z:Mystery xmlns:z="urn:unknown" env:mustUnderstand="true">1</z:Mystery>' }));
      assert.equal(f.code, 's:MustUnderstand');
      assert.match(f.message!, /\{urn:unknown\}Mystery/);
      const ok = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'RecordLog', headers: '<z:Mystery xmlns:z="urn:unknown" mustUnderstand="true">1</z:Mystery>' }));
      assert.equal(ok.statusCode, 200);
    });
    it('a missing wsa:Action is wsa:MessageInformationHeaderRequired', async () => {
      const f = await fo(pywinrmEnvelope({ resourceUri: WMI + 'RecordLog' }));
      assert.deepEqual([f.subcode, f.winCode], ['a:MessageInformationHeaderRequired', '2150858769']);
      assert.match(f.message!, /wsa:Action header is missing/);
    });
    it('an unknown action is wsa:ActionNotSupported', async () => {
      const f = await fo(pywinrmEnvelope({ action: 'http://schemas.xmlsoap.org/ws/2004/09/enumeration/Renew', resourceUri: WMI + 'RecordLog' }));
      assert.deepEqual([f.subcode, f.winCode], ['a:ActionNotSupported', '2150858771']);
    });
    it('a ReplyTo other than anonymous is w:UnsupportedFeature/AddressingMode', async () => {
      const xml = pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'RecordLog' }).replace(`<a:Address mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>`, '<a:Address>http://10.0.0.1/callback</a:Address>');
      const f = await fo(xml);
      assert.deepEqual([f.subcode, f.detail, f.winCode], ['w:UnsupportedFeature', 'http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/AddressingMode', '2150858870']);
    });
    it('MaxEnvelopeSize under 8192 is w:EncodingLimit/MinimumEnvelopeLimit', async () => {
      const f = await fo(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'RecordLog', maxEnvelopeSize: 4096 }));
      assert.deepEqual([f.subcode, f.detail, f.winCode], ['w:EncodingLimit', 'http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/MinimumEnvelopeLimit', '2150858823']);
    });
    it('a response larger than the client MaxEnvelopeSize is w:EncodingLimit/MaxEnvelopeSize', async () => {
      h.model.sensors[0].properties.ElementName = 'x'.repeat(9000);
      const f = await fo(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'NumericSensor', selectors: CPU_KEYS, maxEnvelopeSize: 8192 }));
      assert.deepEqual([f.subcode, f.detail, f.winCode], ['w:EncodingLimit', 'http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/MaxEnvelopeSize', '2150858824']);
    });
    it('a request above MaxEnvelopeSizekb is refused before parsing (EncodingLimit/ServiceEnvelopeLimit, connection closed)', async () => {
      const big = pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'RecordLog', headers: `<z:Pad xmlns:z="urn:pad">${'x'.repeat(160 * 1024)}</z:Pad>` });
      const r = await h.post(big);
      assert.equal(r.statusCode, 500);
      assert.equal(r.headers.connection, 'close');
      const f = faultOf(r.body);
      assert.deepEqual([f.subcode, f.detail, f.winCode], ['w:EncodingLimit', 'http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/ServiceEnvelopeLimit', '2150858825']);
      assert.match(f.message!, /larger than MaxEnvelopeSizekb \(153600 octets\)/);
    });
    it('an OptionSet option with MustComply="true" that cannot be honoured is w:InvalidOptions', async () => {
      const f = await fo(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'RecordLog', options: [['WINRS_CONSOLEMODE_STDIN', 'TRUE', true]] }));
      assert.deepEqual([f.subcode, f.winCode], ['w:InvalidOptions', '2150858809']);
    });
    it('a missing Body is w:SchemaValidationError', async () => {
      const f = await fo(`<s:Envelope xmlns:s="${NS.s}"><s:Header/></s:Envelope>`);
      assert.equal(f.subcode, 'w:SchemaValidationError');
    });
  });

  describe('authorization (RootSDDL) and quotas', () => {
    it('a reader (ER: GR) can Get but not Invoke: w:AccessDenied with code 5', async () => {
      const get = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'RecordLog' }), { user: 'reader', pass: 'readonly' });
      assert.equal(get.statusCode, 200);
      const inv = await h.post(pywinrmEnvelope({ action: WMI + 'RecordLog/ClearLog', resourceUri: WMI + 'RecordLog', body: `<p:ClearLog_INPUT xmlns:p="${WMI}RecordLog"/>` }), { user: 'reader', pass: 'readonly' });
      assert.equal(inv.statusCode, 500);
      assert.deepEqual([faultOf(inv.body).subcode, faultOf(inv.body).winCode], ['w:AccessDenied', '5']);
      assert.equal(h.model.records.length, 2);
    });
    it('a user in no RootSDDL group cannot even read', async () => {
      await h.service.accounts.set('nobody', { password: 'pw', groups: [] });
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'RecordLog' }), { user: 'nobody', pass: 'pw' });
      assert.equal(faultOf(r.body).subcode, 'w:AccessDenied');
    });
    it('OperationTimeout is enforced: w:TimedOut with 2150858793 (the code pywinrm keys on)', async () => {
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'SlowSensor', selectors: [['SystemCreationClassName', 'x'], ['SystemName', 'y'], ['CreationClassName', 'Sensor'], ['DeviceID', '3.0.32']], timeout: 'PT0.2S' }));
      assert.equal(r.statusCode, 500);
      assert.deepEqual([faultOf(r.body).code, faultOf(r.body).subcode, faultOf(r.body).winCode], ['s:Receiver', 'w:TimedOut', '2150858793']);
      h.model.releaseSlow?.();
    });
    it('an OperationTimeout above MaxTimeoutms is clamped to it', async () => {
      h.service.config.putSection([], { MaxTimeoutms: '500' });
      // PT3600S asked for; a TimedOut fault within the test's own timeout shows the clamp.
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'SlowSensor', selectors: [['SystemCreationClassName', 'x'], ['SystemName', 'y'], ['CreationClassName', 'Sensor'], ['DeviceID', '3.0.32']], timeout: 'PT3600S' }));
      assert.equal(faultOf(r.body).subcode, 'w:TimedOut');
      h.model.releaseSlow?.();
    });
    it('MaxConcurrentOperationsPerUser: open enumerations count, above the limit w:QuotaLimit', async () => {
      h.service.config.putSection(['Service'], { MaxConcurrentOperationsPerUser: '2' });
      const en = pywinrmEnvelope({ action: ENUM + 'Enumerate', resourceUri: WMI + 'NumericSensor', body: '<n:Enumerate/>' });
      assert.equal((await h.post(en.replace('uuid:11111111', 'uuid:aaaaaaaa'))).statusCode, 200);
      assert.equal((await h.post(en.replace('uuid:11111111', 'uuid:bbbbbbbb'))).statusCode, 200);
      const r = await h.post(en.replace('uuid:11111111', 'uuid:cccccccc'));
      assert.deepEqual([faultOf(r.body).subcode, faultOf(r.body).winCode], ['w:QuotaLimit', '2150858815']);
      assert.equal((await h.post(en.replace('uuid:11111111', 'uuid:dddddddd'), { user: 'reader', pass: 'readonly' })).statusCode, 200);
    });
  });
});
