import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { createWsmanService, WsmanService } from '../../../src/frontends/wsman';
import { Repository } from '../../../src/model';
import { FixtureSource } from '../../model/fixture-source';
import { basic, contextOf, ENUM, faultOf, pywinrmEnvelope, testConfig, WMI, DMTF, WQL, XFER } from './helpers';

/**
 * The front end on the product's model (src/model Repository) over the model's ipmi_sim-like
 * fixture source: EPRs from an enumeration address instances again (datetime keys included),
 * projections come back as XmlFragment, faults carry the model's messages.
 */
describe('wsman over the root\\hardware Repository', function () {
  this.timeout(20000);
  let svc: WsmanService;
  let src: FixtureSource;
  let n = 0;
  const post = (xml: string): Promise<LightMyRequestResponse> =>
    svc.app.inject({ method: 'POST', url: '/wsman', headers: { 'content-type': 'application/soap+xml;charset=UTF-8', authorization: basic('admin', 'secret') }, payload: xml.replace('uuid:11111111-2222-3333-4444-555555555555', `uuid:11111111-2222-3333-4444-${String(++n).padStart(12, '0')}`) });
  beforeEach(async () => {
    src = new FixtureSource('bmc1');
    svc = createWsmanService({ model: new Repository({ sources: [src] }), initialConfig: testConfig(), machine: 'bmcbridge-test' });
    await svc.accounts.set('admin', { password: 'secret', groups: ['Administrators'] });
    await svc.app.ready();
  });
  afterEach(() => svc.app.close());

  const eprs = (xml: string) =>
    [...xml.matchAll(/<a:EndpointReference>.*?<w:ResourceURI>([^<]+)<\/w:ResourceURI><w:SelectorSet[^>]*>(.*?)<\/w:SelectorSet>/g)].map((m) => ({
      uri: m[1],
      selectors: [...m[2].matchAll(/<w:Selector Name="([^"]+)">([^<]*)<\/w:Selector>/g)].map((s) => [s[1], s[2].replace(/&amp;/g, '&')] as [string, string]),
    }));

  it('every NumericSensor EPR from EnumerateEPR gets its instance back', async () => {
    const e = await post(pywinrmEnvelope({ action: ENUM + 'Enumerate', resourceUri: DMTF + 'CIM_NumericSensor', body: '<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>100</w:MaxElements><w:EnumerationMode>EnumerateEPR</w:EnumerationMode></n:Enumerate>' }));
    assert.equal(e.statusCode, 200, e.body);
    const list = eprs(e.body);
    assert.equal(list.length, 6);
    for (const x of list) {
      assert.equal(x.uri, WMI + 'NumericSensor');
      const g = await post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: x.uri, selectors: x.selectors }));
      assert.equal(g.statusCode, 200, g.body);
      assert.ok(g.body.includes(`<p:DeviceID>${x.selectors.find(([k]) => k === 'DeviceID')![1]}</p:DeviceID>`));
    }
  });

  it('LogRecord EPRs carry MessageTimestamp as a DMTF datetime the model accepts back', async () => {
    const e = await post(pywinrmEnvelope({ action: ENUM + 'Enumerate', resourceUri: WMI + 'LogRecord', body: '<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>100</w:MaxElements><w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode></n:Enumerate>' }));
    const list = eprs(e.body);
    assert.ok(list.length >= 1);
    const ts = list[0].selectors.find(([k]) => k === 'MessageTimestamp')![1];
    assert.equal(ts, '19700101000551.000000+000');
    assert.match(e.body, /<p:MessageTimestamp><cim:Datetime>1970-01-01T00:05:51\.000Z<\/cim:Datetime><\/p:MessageTimestamp>/);
    const g = await post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: list[0].uri, selectors: list[0].selectors }));
    assert.equal(g.statusCode, 200, g.body);
  });

  it('a WQL projection is a wsman:XmlFragment in the SELECT order', async () => {
    const e = await post(pywinrmEnvelope({ action: ENUM + 'Enumerate', resourceUri: WMI + '*', body: `<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>100</w:MaxElements><w:Filter Dialect="${WQL}">SELECT ElementName, DeviceID FROM NumericSensor WHERE BaseUnits = 19</w:Filter></n:Enumerate>` }));
    assert.equal(e.statusCode, 200, e.body);
    const frags = [...e.body.matchAll(/<w:XmlFragment[^>]*>(.*?)<\/w:XmlFragment>/g)].map((m) => m[1]);
    assert.deepEqual(frags, ['<ElementName>FAN1</ElementName><DeviceID>3.0.32</DeviceID>', '<ElementName>FAN2</ElementName><DeviceID>4.0.32</DeviceID>']);
  });

  it("the model's WQL errors become wsen:CannotProcessFilter with its message", async () => {
    const e = await post(pywinrmEnvelope({ action: ENUM + 'Enumerate', resourceUri: WMI + '*', body: `<n:Enumerate><w:Filter Dialect="${WQL}">SELECT * FROM NumericSensor WHERE</w:Filter></n:Enumerate>` }));
    assert.equal(e.statusCode, 500);
    assert.equal(faultOf(e.body).subcode, 'n:CannotProcessFilter');
    assert.match(faultOf(e.body).message!, /filter is invalid: .+/);
  });

  it('Enumerate + Pull over the repository, then ClearLog empties the SEL on the device', async () => {
    const e = await post(pywinrmEnvelope({ action: ENUM + 'Enumerate', resourceUri: DMTF + 'CIM_Sensor', body: '<n:Enumerate/>' }));
    let ctx = contextOf(e.body);
    let count = 0;
    while (ctx) {
      const p = await post(pywinrmEnvelope({ action: ENUM + 'Pull', resourceUri: DMTF + 'CIM_Sensor', body: `<n:Pull><n:EnumerationContext>${ctx}</n:EnumerationContext><n:MaxElements>3</n:MaxElements></n:Pull>` }));
      assert.equal(p.statusCode, 200, p.body);
      count += (p.body.match(/<p:DeviceID>/g) ?? []).length;
      ctx = contextOf(p.body);
    }
    assert.ok(count > 6, `${count} sensors`);
    const c = await post(pywinrmEnvelope({ action: WMI + 'RecordLog/ClearLog', resourceUri: WMI + 'RecordLog', selectors: [['InstanceID', 'IPMI:bmc1:SEL']], body: `<p:ClearLog_INPUT xmlns:p="${WMI}RecordLog"/>` }));
    assert.equal(c.statusCode, 200, c.body);
    assert.match(c.body, /<p:ReturnValue>0<\/p:ReturnValue>/);
    assert.equal(src.state.sel.length, 0);
  });

  it('Put of a writable threshold reaches the device; a read-only one is refused', async () => {
    const e = await post(pywinrmEnvelope({ action: ENUM + 'Enumerate', resourceUri: WMI + 'NumericSensor', body: '<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>1</w:MaxElements><w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode></n:Enumerate>' }));
    const x = eprs(e.body)[0];
    const body = `<p:NumericSensor xmlns:p="${WMI}NumericSensor"><p:UpperThresholdNonCritical>80</p:UpperThresholdNonCritical></p:NumericSensor>`;
    const r = await post(pywinrmEnvelope({ action: XFER + 'Put', resourceUri: x.uri, selectors: x.selectors, body }));
    assert.equal(r.statusCode, 200, r.body);
    assert.match(r.body, /<p:UpperThresholdNonCritical>80<\/p:UpperThresholdNonCritical>/);
    const ro = await post(pywinrmEnvelope({ action: XFER + 'Put', resourceUri: x.uri, selectors: x.selectors, body: body.replace(/UpperThresholdNonCritical>80/g, 'CurrentReading>1').replace('</p:UpperThresholdNonCritical>', '</p:CurrentReading>') }));
    assert.equal(faultOf(ro.body).subcode, 'x:InvalidRepresentation');
  });

  it('an instance the model does not have is DestinationUnreachable (2150858752) with the model message', async () => {
    const g = await post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'NumericSensor', selectors: [['SystemCreationClassName', 'ComputerSystem'], ['SystemName', 'bmc1'], ['CreationClassName', 'NumericSensor'], ['DeviceID', '99.0.32']] }));
    assert.equal(g.statusCode, 500);
    assert.deepEqual([faultOf(g.body).subcode, faultOf(g.body).winCode], ['a:DestinationUnreachable', '2150858752']);
  });
});
