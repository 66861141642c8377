import assert from 'node:assert/strict';
import { faultOf, harness, Harness, normalize, pywinrmEnvelope, wslEnvelope, XFER, WMI, DMTF } from './helpers';
import { SYSTEM } from './fixture-model';

const CPU: Array<[string, string]> = [
  ['SystemCreationClassName', 'ComputerSystem'],
  ['SystemName', SYSTEM],
  ['CreationClassName', 'NumericSensor'],
  ['DeviceID', '48.0.32'],
];
const CS: Array<[string, string]> = [['CreationClassName', 'ComputerSystem'], ['Name', SYSTEM]];
let seq = 0;
const mid = () => `uuid:${String(++seq).padStart(8, '0')}-aaaa-bbbb-cccc-dddddddddddd`;

describe('wsman Put, Invoke, fragments (inject)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  const getCpu = async () => (await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'NumericSensor', selectors: CPU, messageId: mid() }))).body;

  describe('Put', () => {
    it('changes a writable threshold from a full instance body (pywinrm put of a Get result) and returns the instance', async () => {
      const inst = /<p:NumericSensor [\s\S]*<\/p:NumericSensor>/.exec(await getCpu())![0].replace('<p:UpperThresholdCritical>95<', '<p:UpperThresholdCritical>90<');
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Put', resourceUri: WMI + 'NumericSensor', selectors: CPU, body: inst, messageId: mid() }));
      assert.equal(r.statusCode, 200, r.body);
      assert.match(normalize(r.body), /<a:Action>http:\/\/schemas\.xmlsoap\.org\/ws\/2004\/09\/transfer\/PutResponse<\/a:Action>/);
      assert.match(r.body, /<s:Body><p:NumericSensor [^>]*>.*<p:UpperThresholdCritical>90<\/p:UpperThresholdCritical>/);
      assert.equal(h.model.sensors[0].properties.UpperThresholdCritical, 90);
      assert.deepEqual(h.model.calls.filter((c) => c.startsWith('put')), ['put NumericSensor {"UpperThresholdCritical":90}']);
    });

    it('accepts a partial body with just the changed properties', async () => {
      const body = `<p:NumericSensor xmlns:p="${WMI}NumericSensor"><p:UpperThresholdNonCritical>80</p:UpperThresholdNonCritical><p:LowerThresholdCritical>-5</p:LowerThresholdCritical></p:NumericSensor>`;
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Put', resourceUri: WMI + 'NumericSensor', selectors: CPU, body, messageId: mid() }));
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(h.model.sensors[0].properties.UpperThresholdNonCritical, 80);
      assert.equal(h.model.sensors[0].properties.LowerThresholdCritical, -5);
    });

    it('sets a property to null with xsi:nil', async () => {
      const body = `<p:NumericSensor xmlns:p="${WMI}NumericSensor" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><p:UpperThresholdNonCritical xsi:nil="true"/></p:NumericSensor>`;
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Put', resourceUri: WMI + 'NumericSensor', selectors: CPU, body, messageId: mid() }));
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(h.model.sensors[0].properties.UpperThresholdNonCritical, null);
    });

    const bad: Array<[string, string, string, RegExp]> = [
      ['a read-only property changed', '<p:CurrentReading>12</p:CurrentReading>', 'x:InvalidRepresentation', /CurrentReading of NumericSensor is read-only/],
      ['a property the class does not have', '<p:Bogus>1</p:Bogus>', 'x:InvalidRepresentation', /Bogus is not a property of NumericSensor/],
      ['a value of the wrong type', '<p:UpperThresholdCritical>hot</p:UpperThresholdCritical>', 'x:InvalidRepresentation', /"hot" of UpperThresholdCritical is not valid: expected an integer \(sint32\)/],
      ['an out-of-range value', '<p:UpperThresholdCritical>4294967296</p:UpperThresholdCritical>', 'x:InvalidRepresentation', /out of range for sint32/],
      ['a value the model refuses', '<p:UpperThresholdCritical>500</p:UpperThresholdCritical>', 'x:InvalidRepresentation', /outside the sensor's range/],
    ];
    for (const [what, prop, sub, msg] of bad) {
      it(`wxf:InvalidRepresentation for ${what}, and nothing changes`, async () => {
        const body = `<p:NumericSensor xmlns:p="${WMI}NumericSensor">${prop}</p:NumericSensor>`;
        const r = await h.post(pywinrmEnvelope({ action: XFER + 'Put', resourceUri: WMI + 'NumericSensor', selectors: CPU, body, messageId: mid() }));
        assert.equal(r.statusCode, 500);
        const f = faultOf(r.body);
        assert.deepEqual([f.subcode, f.winCode], [sub, '2150858773']);
        assert.match(f.message!, msg);
        assert.match(r.body, /<a:Action>http:\/\/schemas\.xmlsoap\.org\/ws\/2004\/09\/transfer\/fault<\/a:Action>/);
        assert.equal(h.model.sensors[0].properties.UpperThresholdCritical, 95);
      });
    }

    it('a body in another namespace is InvalidRepresentation/InvalidNamespace', async () => {
      const r = await h.post(pywinrmEnvelope({ action: XFER + 'Put', resourceUri: WMI + 'NumericSensor', selectors: CPU, body: '<p:NumericSensor xmlns:p="urn:other"><p:UpperThresholdCritical>90</p:UpperThresholdCritical></p:NumericSensor>', messageId: mid() }));
      assert.equal(faultOf(r.body).detail, 'http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InvalidNamespace');
    });

    it('wsl put (openwsman layout): instance lines copied from an ObjectAndEPR enumeration, selectors copied from the EPR', async () => {
      const body =
        `<p:NumericSensor xmlns:p="${WMI}NumericSensor" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        '<p:SystemCreationClassName>ComputerSystem</p:SystemCreationClassName>' +
        `<p:SystemName>${SYSTEM}</p:SystemName><p:CreationClassName>NumericSensor</p:CreationClassName><p:DeviceID>48.0.32</p:DeviceID>` +
        '<p:ElementName>CPU1 Temp</p:ElementName><p:InstallDate xsi:nil="true"/><p:UpperThresholdCritical>88</p:UpperThresholdCritical></p:NumericSensor>';
      const r = await h.post(wslEnvelope({ action: XFER + 'Put', resourceUri: WMI + 'NumericSensor', selectors: CPU, body, messageId: 'c0ffee00-0000-0000-0000-000000000001' }));
      assert.equal(r.statusCode, 200, r.body);
      assert.match(r.body, /<wxf:|<p:NumericSensor><p:SystemCreationClassName>/);
      assert.equal(h.model.sensors[0].properties.UpperThresholdCritical, 88);
    });

    it('FragmentTransfer: Get and Put of one property as wsman:XmlFragment', async () => {
      const g = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'NumericSensor', selectors: CPU, headers: '<w:FragmentTransfer mustUnderstand="true">UpperThresholdCritical</w:FragmentTransfer>', messageId: mid() }));
      assert.match(g.body, /<s:Body><w:XmlFragment xmlns:xsi="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance" xmlns:cim="http:\/\/schemas\.dmtf\.org\/wbem\/wscim\/1\/common"><UpperThresholdCritical>95<\/UpperThresholdCritical><\/w:XmlFragment><\/s:Body>/);
      const p = await h.post(
        pywinrmEnvelope({ action: XFER + 'Put', resourceUri: WMI + 'NumericSensor', selectors: CPU, headers: '<w:FragmentTransfer mustUnderstand="true">UpperThresholdCritical</w:FragmentTransfer>', body: '<w:XmlFragment><UpperThresholdCritical>70</UpperThresholdCritical></w:XmlFragment>', messageId: mid() }),
      );
      assert.equal(p.statusCode, 200, p.body);
      assert.match(p.body, /<UpperThresholdCritical>70<\/UpperThresholdCritical><\/w:XmlFragment>/);
      assert.equal(h.model.sensors[0].properties.UpperThresholdCritical, 70);
      const deep = await h.post(pywinrmEnvelope({ action: XFER + 'Get', resourceUri: WMI + 'NumericSensor', selectors: CPU, headers: '<w:FragmentTransfer>a/b[2]</w:FragmentTransfer>', messageId: mid() }));
      assert.deepEqual([faultOf(deep.body).subcode, faultOf(deep.body).detail], ['w:UnsupportedFeature', 'http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/FragmentLevelAccess']);
    });

    it('Create and Delete of CIM instances are wsa:ActionNotSupported', async () => {
      for (const a of ['Create', 'Delete']) {
        const r = await h.post(pywinrmEnvelope({ action: XFER + a, resourceUri: WMI + 'NumericSensor', selectors: CPU, messageId: mid() }));
        assert.equal(faultOf(r.body).subcode, 'a:ActionNotSupported', a);
      }
    });
  });

  describe('Invoke', () => {
    it('RecordLog/ClearLog: METHOD_INPUT in, METHOD_OUTPUT with ReturnValue out (DSP0227; wsl greps _OUTPUT)', async () => {
      const uri = WMI + 'RecordLog';
      const r = await h.post(pywinrmEnvelope({ action: uri + '/ClearLog', resourceUri: uri, selectors: [['InstanceID', `IPMI:${SYSTEM}:SEL`]], body: `<p:ClearLog_INPUT xmlns:p="${uri}"></p:ClearLog_INPUT>`, messageId: mid() }));
      assert.equal(r.statusCode, 200, r.body);
      assert.ok(r.body.includes(`<a:Action>${uri}/ClearLogResponse</a:Action>`));
      assert.ok(
        r.body.includes(
          `<s:Body><p:ClearLog_OUTPUT xmlns:p="${uri}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cim="http://schemas.dmtf.org/wbem/wscim/1/common"><p:ReturnValue>0</p:ReturnValue></p:ClearLog_OUTPUT></s:Body>`,
        ),
      );
      assert.equal(h.model.records.length, 0);
    });

    it('a replayed Invoke (same MessageID, curl --retry) is answered from memory, not run twice', async () => {
      const uri = WMI + 'RecordLog';
      const xml = pywinrmEnvelope({ action: uri + '/ClearLog', resourceUri: uri, messageId: 'uuid:dddddddd-0000-0000-0000-000000000001' });
      const a = await h.post(xml);
      const b = await h.post(xml);
      assert.equal(b.body, a.body);
      assert.equal(h.model.calls.filter((c) => c.startsWith('invoke')).length, 1);
    });

    it('typed input parameters and nil out parameters (ComputerSystem.RequestStateChange)', async () => {
      const uri = WMI + 'ComputerSystem';
      const r = await h.post(pywinrmEnvelope({ action: uri + '/RequestStateChange', resourceUri: uri, selectors: CS, body: `<p:RequestStateChange_INPUT xmlns:p="${uri}"><p:RequestedState>3</p:RequestedState></p:RequestStateChange_INPUT>`, messageId: mid() }));
      assert.equal(r.statusCode, 200, r.body);
      assert.match(r.body, /<p:ReturnValue>0<\/p:ReturnValue><p:Job xsi:nil="true"\/><\/p:RequestStateChange_OUTPUT>/);
      assert.equal(h.model.system.properties.EnabledState, 3);
    });

    it('the DMTF URI form dispatches the method on the CIM_ class', async () => {
      const uri = DMTF + 'CIM_ComputerSystem';
      const r = await h.post(pywinrmEnvelope({ action: uri + '/RequestStateChange', resourceUri: uri, selectors: CS, body: `<p:RequestStateChange_INPUT xmlns:p="${uri}"><p:RequestedState>2</p:RequestedState></p:RequestStateChange_INPUT>`, messageId: mid() }));
      assert.equal(r.statusCode, 200, r.body);
      assert.ok(h.model.calls.includes(`invoke CIM_ComputerSystem.RequestStateChange {"CreationClassName":"ComputerSystem","Name":"${SYSTEM}"} {"RequestedState":2} as administrator`));
    });

    const invokeFaults: Array<[string, string, string, string]> = [
      ['an unknown method', 'Reboot', '', 'a:ActionNotSupported'],
      ['an unknown parameter', 'RequestStateChange', '<p:Colour>red</p:Colour>', 'w:InvalidParameter'],
      ['a parameter of the wrong type', 'RequestStateChange', '<p:RequestedState>on</p:RequestedState>', 'w:InvalidParameter'],
    ];
    for (const [what, m, params, sub] of invokeFaults) {
      it(`${sub} for ${what}`, async () => {
        const uri = WMI + 'ComputerSystem';
        const r = await h.post(pywinrmEnvelope({ action: `${uri}/${m}`, resourceUri: uri, selectors: CS, body: `<p:${m}_INPUT xmlns:p="${uri}">${params}</p:${m}_INPUT>`, messageId: mid() }));
        assert.equal(r.statusCode, 500);
        assert.equal(faultOf(r.body).subcode, sub);
      });
    }
  });
});
