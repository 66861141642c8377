import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/lib/clock';
import { contextOf, ENUM, faultOf, harness, Harness, normalize, pywinrmEnvelope, wslEnvelope, WMI, DMTF, WQL, testConfig } from './helpers';
import { SYSTEM } from './fixture-model';

const enumerate = (uri: string, body = '', o: { messageId?: string; headers?: string; selectors?: Array<[string, string]> } = {}) =>
  pywinrmEnvelope({ action: ENUM + 'Enumerate', resourceUri: uri, body: `<n:Enumerate>${body}</n:Enumerate>`, ...o });
const pull = (uri: string, ctx: string, extra = '<n:MaxElements>20</n:MaxElements>', messageId?: string) =>
  pywinrmEnvelope({ action: ENUM + 'Pull', resourceUri: uri, body: `<n:Pull><n:EnumerationContext>${ctx}</n:EnumerationContext>${extra}</n:Pull>`, messageId });
const devices = (xml: string) => [...xml.matchAll(/<p:DeviceID>([^<]+)<\/p:DeviceID>/g)].map((m) => m[1]);

describe('wsman enumeration (inject)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  it('Enumerate returns a context only; Pull returns the items, EndOfSequence and no context (wsl pulls while one is present)', async () => {
    const e = await h.post(enumerate(WMI + 'NumericSensor'));
    assert.equal(e.statusCode, 200);
    assert.match(normalize(e.body), /<s:Body><n:EnumerateResponse><n:EnumerationContext>uuid:CTX<\/n:EnumerationContext><\/n:EnumerateResponse><\/s:Body>/);
    const ctx = contextOf(e.body)!;
    const p = await h.post(pull(WMI + 'NumericSensor', ctx));
    assert.equal(p.statusCode, 200);
    assert.match(p.body, /<a:Action>http:\/\/schemas\.xmlsoap\.org\/ws\/2004\/09\/enumeration\/PullResponse<\/a:Action>/);
    assert.deepEqual(devices(p.body), ['48.0.32', '64.0.32']);
    assert.match(p.body, /<s:Body><n:PullResponse><n:Items><p:NumericSensor /);
    assert.match(p.body, /<\/n:Items><n:EndOfSequence\/><\/n:PullResponse>/);
    assert.equal(contextOf(p.body), undefined);
    const again = await h.post(pull(WMI + 'NumericSensor', ctx, '', 'uuid:99999999-2222-3333-4444-555555555555'));
    assert.deepEqual([faultOf(again.body).code, faultOf(again.body).subcode, faultOf(again.body).winCode], ['s:Receiver', 'n:InvalidEnumerationContext', '2150858779']);
  });

  it('Pull honours MaxElements (default 1) and keeps the context until the end', async () => {
    const ctx = contextOf((await h.post(enumerate(DMTF + 'CIM_Sensor'))).body)!;
    const got: string[] = [];
    let n = 0;
    for (let cur: string | undefined = ctx; cur; n++) {
      const p = await h.post(pull(DMTF + 'CIM_Sensor', cur, '', `uuid:0000000${n}-2222-3333-4444-555555555555`));
      assert.equal(p.statusCode, 200);
      got.push(...devices(p.body));
      cur = contextOf(p.body);
      if (cur) assert.equal(cur, ctx);
    }
    assert.deepEqual(got, ['48.0.32', '64.0.32', '52.0.32']);
    assert.equal(n, 3, 'the third batch saw the end by looking one item ahead');
  });

  it('optimized Enumerate returns the items in wsman:Items with EndOfSequence and no context when all fit', async () => {
    const r = await h.post(enumerate(WMI + 'NumericSensor', '<w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements>'));
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /<n:EnumerateResponse><w:Items><p:NumericSensor /);
    assert.match(r.body, /<\/w:Items><w:EndOfSequence\/><\/n:EnumerateResponse>/);
    assert.equal(contextOf(r.body), undefined);
    assert.deepEqual(devices(r.body), ['48.0.32', '64.0.32']);
  });

  it('optimized Enumerate with MaxElements 1 returns one item and a context for the rest', async () => {
    const r = await h.post(enumerate(WMI + 'NumericSensor', '<w:OptimizeEnumeration/><w:MaxElements>1</w:MaxElements>'));
    assert.deepEqual(devices(r.body), ['48.0.32']);
    assert.doesNotMatch(r.body, /EndOfSequence/);
    const p = await h.post(pull(WMI + 'NumericSensor', contextOf(r.body)!));
    assert.deepEqual(devices(p.body), ['64.0.32']);
    assert.match(p.body, /<n:EndOfSequence\/>/);
  });

  it('EnumerateEPR returns endpoint references (DMTF URIs carry __cimnamespace)', async () => {
    const r = await h.post(enumerate(DMTF + 'CIM_RecordLog', '<w:OptimizeEnumeration/><w:MaxElements>10</w:MaxElements><w:EnumerationMode>EnumerateEPR</w:EnumerationMode>'));
    assert.equal(r.statusCode, 200);
    assert.match(
      r.body,
      new RegExp(
        '<w:Items><a:EndpointReference><a:Address>http://schemas\\.xmlsoap\\.org/ws/2004/08/addressing/role/anonymous</a:Address><a:ReferenceParameters>' +
          '<w:ResourceURI>http://schemas\\.microsoft\\.com/wbem/wsman/1/wmi/root/hardware/RecordLog</w:ResourceURI>' +
          '<w:SelectorSet xmlns:w="http://schemas\\.dmtf\\.org/wbem/wsman/1/wsman\\.xsd"><w:Selector Name="InstanceID">IPMI:4C4C4544-0042-3510-8052-B2C04F334B32:SEL</w:Selector></w:SelectorSet>' +
          '</a:ReferenceParameters></a:EndpointReference></w:Items>',
      ),
    );
  });

  it('EnumerateObjectAndEPR wraps object and EPR in wsman:Item; datetime keys are DMTF strings in selectors', async () => {
    const r = await h.post(enumerate(WMI + 'LogRecord', '<w:OptimizeEnumeration/><w:MaxElements>10</w:MaxElements><w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode>'));
    const items = [...r.body.matchAll(/<w:Item>(.*?)<\/w:Item>/g)].map((m) => m[1]);
    assert.equal(items.length, 2);
    assert.match(items[0], /^<p:LogRecord .*<\/p:LogRecord><a:EndpointReference>.*<\/a:EndpointReference>$/);
    assert.match(items[0], /<w:Selector Name="MessageTimestamp">20090319022103\.000000\+000<\/w:Selector>/);
  });

  it('a CIM_ class URI reports EPRs with the DMTF URI and __cimnamespace for CIM_ instances', async () => {
    const r = await h.post(enumerate(DMTF + 'CIM_SystemDevice', '<w:OptimizeEnumeration/><w:MaxElements>1</w:MaxElements><w:EnumerationMode>EnumerateEPR</w:EnumerationMode>'));
    assert.match(r.body, /<w:ResourceURI>http:\/\/schemas\.dmtf\.org\/wbem\/wscim\/1\/cim-schema\/2\/CIM_SystemDevice<\/w:ResourceURI>/);
    assert.match(r.body, /<w:Selector Name="GroupComponent">ComputerSystem\.CreationClassName="ComputerSystem",Name="4C4C4544-0042-3510-8052-B2C04F334B32"<\/w:Selector>/);
    assert.match(r.body, /<w:Selector Name="__cimnamespace">root\/hardware<\/w:Selector>/);
  });

  it('references are rendered as EPRs inside the property', async () => {
    const r = await h.post(enumerate(DMTF + 'CIM_SystemDevice', '<w:OptimizeEnumeration/><w:MaxElements>1</w:MaxElements>'));
    assert.match(r.body, /<p:GroupComponent><a:Address>http:\/\/schemas\.xmlsoap\.org\/ws\/2004\/08\/addressing\/role\/anonymous<\/a:Address><a:ReferenceParameters><w:ResourceURI>http:\/\/schemas\.microsoft\.com\/wbem\/wsman\/1\/wmi\/root\/hardware\/ComputerSystem<\/w:ResourceURI>/);
  });

  describe('filters', () => {
    it('WQL on the * URI is passed to the model query', async () => {
      const q = 'SELECT * FROM NumericSensor WHERE SensorType = 5';
      const r = await h.post(enumerate(WMI + '*', `<w:OptimizeEnumeration/><w:MaxElements>50</w:MaxElements><w:Filter Dialect="${WQL}">${q}</w:Filter>`));
      assert.equal(r.statusCode, 200);
      assert.deepEqual(devices(r.body), ['64.0.32']);
      assert.ok(h.model.calls.includes(`query ${q}`));
    });
    it('a WQL projection returns wsman:XmlFragment items with unprefixed properties', async () => {
      const r = await h.post(enumerate(WMI + '*', `<w:OptimizeEnumeration/><w:MaxElements>50</w:MaxElements><w:Filter Dialect="${WQL}">SELECT DeviceID, CurrentReading FROM NumericSensor</w:Filter>`));
      assert.match(r.body, /<w:Items><w:XmlFragment xmlns:xsi="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance" xmlns:cim="http:\/\/schemas\.dmtf\.org\/wbem\/wscim\/1\/common"><DeviceID>48\.0\.32<\/DeviceID><CurrentReading>41<\/CurrentReading><\/w:XmlFragment>/);
    });
    it('a WQL syntax error is wsen:CannotProcessFilter at Enumerate time', async () => {
      const r = await h.post(enumerate(WMI + '*', `<w:Filter Dialect="${WQL}">SELEKT oops</w:Filter>`));
      assert.equal(r.statusCode, 500);
      const f = faultOf(r.body);
      assert.deepEqual([f.subcode, f.winCode], ['n:CannotProcessFilter', '2150858778']);
      assert.match(r.body, /<a:Action>http:\/\/schemas\.xmlsoap\.org\/ws\/2004\/09\/enumeration\/fault<\/a:Action>/);
      assert.match(f.message!, /syntax error in "SELEKT oops" at position 11/);
    });
    it('a WQL query on an unknown class is DestinationUnreachable', async () => {
      const r = await h.post(enumerate(WMI + '*', `<w:Filter Dialect="${WQL}">SELECT * FROM Nope</w:Filter>`));
      assert.equal(faultOf(r.body).subcode, 'a:DestinationUnreachable');
    });
    it('an unknown dialect is wsen:FilterDialectRequestedUnavailable', async () => {
      const r = await h.post(enumerate(WMI + 'NumericSensor', '<w:Filter Dialect="http://www.w3.org/TR/1999/REC-xpath-19991116">/x</w:Filter>'));
      assert.deepEqual([faultOf(r.body).subcode, faultOf(r.body).winCode], ['n:FilterDialectRequestedUnavailable', '2150858777']);
    });
    it('the * URI without a filter is w:UnsupportedFeature/FilteringRequired', async () => {
      const r = await h.post(enumerate(WMI + '*'));
      assert.deepEqual([faultOf(r.body).subcode, faultOf(r.body).detail], ['w:UnsupportedFeature', 'http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/FilteringRequired']);
    });
    it('the SelectorFilter dialect selects by property values', async () => {
      const r = await h.post(enumerate(WMI + 'NumericSensor', `<w:OptimizeEnumeration/><w:MaxElements>9</w:MaxElements><w:Filter Dialect="http://schemas.dmtf.org/wbem/wsman/1/wsman/SelectorFilter"><w:SelectorSet><w:Selector Name="DeviceID">64.0.32</w:Selector></w:SelectorSet></w:Filter>`));
      assert.deepEqual(devices(r.body), ['64.0.32']);
      const bad = await h.post(enumerate(WMI + 'NumericSensor', `<w:Filter Dialect="http://schemas.dmtf.org/wbem/wsman/1/wsman/SelectorFilter"><w:SelectorSet><w:Selector Name="Nope">1</w:Selector></w:SelectorSet></w:Filter>`));
      assert.equal(faultOf(bad.body).subcode, 'n:CannotProcessFilter');
    });
    const object = (cls: string, sels: string) =>
      `<b:Object><a:Address>${'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous'}</a:Address><a:ReferenceParameters><w:ResourceURI>${WMI}${cls}</w:ResourceURI><w:SelectorSet>${sels}</w:SelectorSet></a:ReferenceParameters></b:Object>`;
    const cs = object('ComputerSystem', `<w:Selector Name="CreationClassName">ComputerSystem</w:Selector><w:Selector Name="Name">${SYSTEM}</w:Selector>`);
    it('the association dialect (AssociatedInstances) becomes ASSOCIATORS OF', async () => {
      const r = await h.post(
        enumerate(WMI + '*', `<w:OptimizeEnumeration/><w:MaxElements>9</w:MaxElements><w:Filter Dialect="http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter"><b:AssociatedInstances>${cs}<b:ResultClassName>NumericSensor</b:ResultClassName></b:AssociatedInstances></w:Filter>`),
      );
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(devices(r.body), ['48.0.32', '64.0.32']);
      assert.ok(h.model.calls.includes(`query ASSOCIATORS OF {ComputerSystem.CreationClassName="ComputerSystem",Name="${SYSTEM}"} WHERE ResultClass = NumericSensor`));
    });
    it('the association dialect (AssociationInstances) becomes REFERENCES OF', async () => {
      const r = await h.post(
        enumerate(WMI + '*', `<w:OptimizeEnumeration/><w:MaxElements>9</w:MaxElements><w:Filter Dialect="http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter"><b:AssociationInstances>${cs}<b:ResultClassName>CIM_SystemDevice</b:ResultClassName></b:AssociationInstances></w:Filter>`),
      );
      assert.equal((r.body.match(/<p:CIM_SystemDevice /g) ?? []).length, 3);
    });
  });

  describe('context lifecycle', () => {
    it('a context expires after EnumerationTimeoutms without a Pull (InvalidEnumerationContext)', async () => {
      const clock = new ManualClock();
      const hc = await harness({ clock, config: testConfig((c) => ((c.config.Service as Record<string, string>).EnumerationTimeoutms = '5000')) });
      try {
        const ctx = contextOf((await hc.post(enumerate(WMI + 'NumericSensor'))).body)!;
        clock.advance(4000);
        const p1 = await hc.post(pull(WMI + 'NumericSensor', ctx, '<n:MaxElements>1</n:MaxElements>', 'uuid:10000000-0000-0000-0000-000000000001'));
        assert.deepEqual(devices(p1.body), ['48.0.32']);
        clock.advance(4999);
        const p2 = await hc.post(pull(WMI + 'NumericSensor', ctx, '<n:MaxElements>1</n:MaxElements>', 'uuid:10000000-0000-0000-0000-000000000002'));
        assert.deepEqual(devices(p2.body), ['64.0.32'], 'the idle timer restarted at the previous Pull');
        const ctx2 = contextOf((await hc.post(enumerate(WMI + 'NumericSensor', '', { messageId: 'uuid:10000000-0000-0000-0000-000000000003' }))).body)!;
        clock.advance(5001);
        assert.equal(hc.service.engine.contexts.size, 0, 'the sweeper dropped both expired contexts');
        const p3 = await hc.post(pull(WMI + 'NumericSensor', ctx2, '', 'uuid:10000000-0000-0000-0000-000000000004'));
        assert.equal(faultOf(p3.body).subcode, 'n:InvalidEnumerationContext');
      } finally {
        await hc.close();
      }
    });
    it('Expires (xs:duration) ends the context even while it is being pulled', async () => {
      const clock = new ManualClock();
      const hc = await harness({ clock });
      try {
        const e = await hc.post(enumerate(WMI + 'NumericSensor', '<n:Expires>PT10S</n:Expires>'));
        assert.match(e.body, /<n:EnumerateResponse><n:Expires>PT10S<\/n:Expires><n:EnumerationContext>/);
        const ctx = contextOf(e.body)!;
        clock.advance(6000);
        await hc.post(pull(WMI + 'NumericSensor', ctx, '', 'uuid:20000000-0000-0000-0000-000000000001'));
        clock.advance(6000);
        const p = await hc.post(pull(WMI + 'NumericSensor', ctx, '', 'uuid:20000000-0000-0000-0000-000000000002'));
        assert.equal(faultOf(p.body).subcode, 'n:InvalidEnumerationContext');
        const bad = await hc.post(enumerate(WMI + 'NumericSensor', '<n:Expires>tomorrow</n:Expires>', { messageId: 'uuid:20000000-0000-0000-0000-000000000003' }));
        assert.equal(faultOf(bad.body).subcode, 'n:UnsupportedExpirationType');
        const past = await hc.post(enumerate(WMI + 'NumericSensor', '<n:Expires>2001-01-01T00:00:00Z</n:Expires>', { messageId: 'uuid:20000000-0000-0000-0000-000000000004' }));
        assert.equal(faultOf(past.body).subcode, 'n:InvalidExpirationTime');
      } finally {
        await hc.close();
      }
    });
    it('Release drops the context; a second Release with a new MessageID is InvalidEnumerationContext', async () => {
      const ctx = contextOf((await h.post(enumerate(WMI + 'NumericSensor'))).body)!;
      const rel = (id: string) => pywinrmEnvelope({ action: ENUM + 'Release', resourceUri: WMI + 'NumericSensor', body: `<n:Release><n:EnumerationContext>${ctx}</n:EnumerationContext></n:Release>`, messageId: id });
      const r = await h.post(rel('uuid:30000000-0000-0000-0000-000000000001'));
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<a:Action>http:\/\/schemas\.xmlsoap\.org\/ws\/2004\/09\/enumeration\/ReleaseResponse<\/a:Action>.*<s:Body><\/s:Body>/);
      assert.equal(h.service.engine.contexts.size, 0);
      const again = await h.post(rel('uuid:30000000-0000-0000-0000-000000000002'));
      assert.equal(faultOf(again.body).subcode, 'n:InvalidEnumerationContext');
    });
    it('a repeated MessageID (curl --retry) gets the same answer instead of consuming the next batch', async () => {
      const ctx = contextOf((await h.post(enumerate(WMI + 'NumericSensor'))).body)!;
      const req = pull(WMI + 'NumericSensor', ctx, '<n:MaxElements>1</n:MaxElements>', 'uuid:40000000-0000-0000-0000-000000000001');
      const a = await h.post(req);
      const b = await h.post(req);
      assert.equal(b.body, a.body);
      assert.deepEqual(devices(b.body), ['48.0.32']);
      const c = await h.post(pull(WMI + 'NumericSensor', ctx, '<n:MaxElements>1</n:MaxElements>', 'uuid:40000000-0000-0000-0000-000000000002'));
      assert.deepEqual(devices(c.body), ['64.0.32']);
    });
    it("another user's context is as unknown as a stale one", async () => {
      const ctx = contextOf((await h.post(enumerate(WMI + 'NumericSensor'))).body)!;
      const r = await h.post(pull(WMI + 'NumericSensor', ctx), { user: 'reader', pass: 'readonly' });
      assert.equal(faultOf(r.body).subcode, 'n:InvalidEnumerationContext');
    });
    it('a model failure in the middle of an enumeration is w:InternalError and ends the context', async () => {
      const ctx = contextOf((await h.post(enumerate(WMI + 'FlakySensor'))).body)!;
      const r = await h.post(pull(WMI + 'FlakySensor', ctx));
      assert.deepEqual([faultOf(r.body).code, faultOf(r.body).subcode], ['s:Receiver', 'w:InternalError']);
      assert.match(faultOf(r.body).message!, /Get Sensor Reading: Node busy \(0xc0\)/);
      assert.equal(h.service.engine.contexts.size, 0);
    });
  });

  describe('batching limits and laziness', () => {
    it('never materialises the source: one Pull of 5 from 100000 sensors produces 5 (+1 look-ahead)', async () => {
      const hl = await harness({ fixture: { extraSensors: 100000 } });
      try {
        const ctx = contextOf((await hl.post(enumerate(WMI + 'NumericSensor'))).body)!;
        assert.equal(hl.model.produced, 1, 'Enumerate fetched only the first item (to validate the filter)');
        const p = await hl.post(pull(WMI + 'NumericSensor', ctx, '<n:MaxElements>5</n:MaxElements>'));
        assert.equal(devices(p.body).length, 5);
        assert.equal(hl.model.produced, 6);
      } finally {
        await hl.close();
      }
    });
    it('MaxElements is capped by MaxBatchItems', async () => {
      const hl = await harness({ fixture: { extraSensors: 50 }, config: testConfig((c) => (c.config.MaxBatchItems = '7')) });
      try {
        const ctx = contextOf((await hl.post(enumerate(WMI + 'NumericSensor'))).body)!;
        const p = await hl.post(pull(WMI + 'NumericSensor', ctx, '<n:MaxElements>1000</n:MaxElements>'));
        assert.equal(devices(p.body).length, 7);
      } finally {
        await hl.close();
      }
    });
    it('a batch stops before the client MaxEnvelopeSize; the item that did not fit comes next', async () => {
      const hl = await harness({ fixture: { extraSensors: 200 } });
      try {
        const ctx = contextOf((await hl.post(enumerate(WMI + 'NumericSensor'))).body)!;
        const seen: string[] = [];
        let cur: string | undefined = ctx;
        for (let i = 0; cur; i++) {
          const xml = pywinrmEnvelope({ action: ENUM + 'Pull', resourceUri: WMI + 'NumericSensor', maxEnvelopeSize: 16384, messageId: `uuid:50000000-0000-0000-0000-${String(i).padStart(12, '0')}`, body: `<n:Pull><n:EnumerationContext>${cur}</n:EnumerationContext><n:MaxElements>1000</n:MaxElements></n:Pull>` });
          const p = await hl.post(xml);
          assert.equal(p.statusCode, 200);
          assert.ok(Buffer.byteLength(p.body) <= 16384, `response ${i} is ${Buffer.byteLength(p.body)} octets`);
          seen.push(...devices(p.body));
          cur = contextOf(p.body);
        }
        assert.equal(seen.length, 202);
        assert.equal(new Set(seen).size, 202);
      } finally {
        await hl.close();
      }
    });
    it('MaxCharacters limits the batch; an item alone larger than it is w:EncodingLimit and stays for the next Pull', async () => {
      const ctx = contextOf((await h.post(enumerate(WMI + 'NumericSensor'))).body)!;
      const small = await h.post(pull(WMI + 'NumericSensor', ctx, '<n:MaxElements>10</n:MaxElements><n:MaxCharacters>100</n:MaxCharacters>', 'uuid:60000000-0000-0000-0000-000000000001'));
      assert.equal(faultOf(small.body).subcode, 'w:EncodingLimit');
      const one = await h.post(pull(WMI + 'NumericSensor', ctx, '<n:MaxElements>10</n:MaxElements><n:MaxCharacters>2000</n:MaxCharacters>', 'uuid:60000000-0000-0000-0000-000000000002'));
      assert.deepEqual(devices(one.body), ['48.0.32']);
    });
    it('MaxTime: a partial batch when time runs out; no item in time is w:TimedOut and the context stays usable', async () => {
      const ctx = contextOf((await h.post(enumerate(WMI + 'SlowSensor'))).body)!;
      const first = await h.post(pull(WMI + 'SlowSensor', ctx, '<n:MaxElements>5</n:MaxElements><n:MaxTime>PT0.2S</n:MaxTime>', 'uuid:80000000-0000-0000-0000-000000000001'));
      assert.deepEqual(devices(first.body), ['1.0.32']);
      assert.equal(contextOf(first.body), ctx);
      const none = await h.post(pull(WMI + 'SlowSensor', ctx, '<n:MaxElements>5</n:MaxElements><n:MaxTime>PT0.2S</n:MaxTime>', 'uuid:80000000-0000-0000-0000-000000000002'));
      assert.deepEqual([faultOf(none.body).subcode, faultOf(none.body).winCode], ['w:TimedOut', '2150858793']);
      h.model.releaseSlow!();
      const rest = await h.post(pull(WMI + 'SlowSensor', ctx, '<n:MaxElements>5</n:MaxElements><n:MaxTime>PT5S</n:MaxTime>', 'uuid:80000000-0000-0000-0000-000000000003'));
      assert.deepEqual(devices(rest.body), ['3.0.32']);
      assert.match(rest.body, /<n:EndOfSequence\/>/);
    });
  });

  it('wsl style: openwsman prefixes, PullResponse in wsen:, no context at the end', async () => {
    const e = await h.post(wslEnvelope({ action: ENUM + 'Enumerate', resourceUri: WMI + 'NumericSensor', body: '<wsen:Enumerate>      <wsman:OptimizeEnumeration />      <wsman:MaxElements>1</wsman:MaxElements>    </wsen:Enumerate>' }));
    assert.equal(e.statusCode, 200);
    assert.match(e.body, /<wsen:EnumerateResponse><wsen:EnumerationContext>uuid:[0-9A-F-]+<\/wsen:EnumerationContext><wsman:Items><p:NumericSensor><p:SystemCreationClassName>/);
    const ctx = contextOf(e.body)!;
    const p = await h.post(wslEnvelope({ action: ENUM + 'Pull', resourceUri: WMI + 'NumericSensor', messageId: 'a9b0c1d2-0000-0000-0000-000000000001', body: `<wsen:Pull><wsen:EnumerationContext>${ctx}</wsen:EnumerationContext><wsen:MaxElements>512</wsen:MaxElements></wsen:Pull>` }));
    assert.match(p.body, /<wsen:PullResponse><wsen:Items><p:NumericSensor>.*<\/wsen:Items><wsen:EndOfSequence\/><\/wsen:PullResponse>/);
    assert.doesNotMatch(p.body, /EnumerationContext/);
  });

  it('RequestTotalItemsCountEstimate is answered when the count is known', async () => {
    const r = await h.post(enumerate(WMI + 'NumericSensor', '<w:OptimizeEnumeration/><w:MaxElements>10</w:MaxElements>', { headers: '<w:RequestTotalItemsCountEstimate/>' }));
    assert.match(r.body, /<w:TotalItemsCountEstimate>2<\/w:TotalItemsCountEstimate><\/s:Header>/);
    const r2 = await h.post(enumerate(WMI + 'NumericSensor', '', { headers: '<w:RequestTotalItemsCountEstimate/>', messageId: 'uuid:70000000-0000-0000-0000-000000000001' }));
    assert.ok(r2.body.includes('<w:TotalItemsCountEstimate xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></s:Header>'));
  });
});
