import assert from 'node:assert/strict';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { Bridge } from '../../src/main';
import { createLogger } from '../../src/lib/logger';
import { loadInventory, REPO_ROOT } from '../../src/profile';
import type { SimDeviceSpec } from '../../src/profile/types';
import type { SensorSpec } from '../../src/profile/hardware-types';
import { createWsmanService, WsmanService } from '../../src/frontends/wsman';
import { basic, contextOf, DMTF, ENUM, pywinrmEnvelope, testConfig, WMI, WQL } from '../frontends/wsman/helpers';
import { analogThreshold, parseExposition } from './expect';

/**
 * Issue 8, the bridge over the 1000 devices of devices/fleet-1000.yaml, in this process (virtual
 * BMCs without listeners, as `bmcbridge wql` builds them): /devices/metrics scrapes the whole
 * fleet with at most maxConcurrentCollections (64) devices at once; WS-Man Enumerate of
 * CIM_NumericSensor pages through the fleet with Pull, loading devices as it goes rather than
 * all of them first; a WQL filter runs across the fleet.
 */
const FLEET_FILE = path.join(REPO_ROOT, 'devices', 'fleet-1000.yaml');
/** The metrics engine's default maxConcurrentCollections (src/frontends/metrics/engine.ts). */
const MAX_CONCURRENT_COLLECTIONS = 64;
/** The repository's default prefetch: devices loaded ahead of an enumeration (src/model/repository.ts). */
const PREFETCH = 4;
/** IPMI sensor unit code 18 = RPM (v2.0 Table 43-15); CIM BaseUnits 19 = RPM (CIM_NumericSensor.BaseUnits ValueMap). */
const IPMI_UNIT_RPM = 18;

describe('fleet: the bridge over 1000 devices (in-process, fastify inject)', function () {
  this.timeout(180_000);
  let sims: SimDeviceSpec[] = [];
  let numeric = new Map<string, SensorSpec[]>();
  let bridge: Bridge;
  let svc: WsmanService;
  /** Requests in the BMCs right now, per device, and the most devices busy at once. */
  const busy = new Map<string, number>();
  let maxBusyDevices = 0;
  const touched = new Set<string>();
  let n = 0;
  const post = (xml: string): Promise<LightMyRequestResponse> =>
    svc.app.inject({
      method: 'POST',
      url: '/wsman',
      headers: { 'content-type': 'application/soap+xml;charset=UTF-8', authorization: basic('admin', 'secret') },
      payload: xml.replace('uuid:11111111-2222-3333-4444-555555555555', `uuid:11111111-2222-3333-4444-${String(++n).padStart(12, '0')}`),
    });

  before(async function () {
    this.timeout(300_000);
    sims = loadInventory(FLEET_FILE).devices.filter((d): d is SimDeviceSpec => d.kind === 'sim');
    numeric = new Map(sims.map((d) => [d.name, d.profile.sensors!.filter(analogThreshold)]));
    bridge = new Bridge({ log: createLogger({ level: 'warn' }), noListen: true, metrics: { host: '127.0.0.1', port: 0 }, wsman: false });
    await bridge.start(sims);
    // Watch every BMC: which devices have requests in them, and which were ever asked anything.
    for (const [name, d] of bridge.fleet.devices) {
      const dispatch = d.bmc.dispatch.bind(d.bmc);
      d.bmc.dispatch = async (req, ctx) => {
        touched.add(name);
        busy.set(name, (busy.get(name) ?? 0) + 1);
        maxBusyDevices = Math.max(maxBusyDevices, busy.size);
        try {
          return await dispatch(req, ctx);
        } finally {
          const left = busy.get(name)! - 1;
          if (left === 0) busy.delete(name);
          else busy.set(name, left);
        }
      };
    }
    svc = createWsmanService({ model: bridge.repository, initialConfig: testConfig(), machine: 'bmcbridge-fleet' });
    await svc.accounts.set('admin', { password: 'secret', groups: ['Administrators'] });
    await svc.app.ready();
  });
  after(async () => {
    await svc?.app.close();
    await bridge?.stop();
  });
  beforeEach(() => {
    touched.clear();
    maxBusyDevices = 0;
  });

  it(`/devices/metrics: every device up, at most ${MAX_CONCURRENT_COLLECTIONS} devices scraped at once`, async () => {
    const m = bridge.metrics!.address;
    const res = await fetch(`http://${m.host}:${m.port}/devices/metrics`);
    assert.equal(res.status, 200);
    const up = parseExposition(await res.text()).filter((s) => s.name === 'ipmi_up');
    assert.deepEqual(new Set(up.map((s) => s.labels.target)), new Set(sims.map((s) => s.name)));
    assert.deepEqual(up.filter((s) => s.value !== 1), []);
    assert.equal(touched.size, sims.length);
    assert.ok(maxBusyDevices <= MAX_CONCURRENT_COLLECTIONS, `${maxBusyDevices} devices had requests in flight at once`);
    assert.ok(maxBusyDevices > 1, 'the devices were scraped concurrently');
  });

  it('WS-Man Enumerate CIM_NumericSensor + Pull pages through the fleet, loading devices as it goes', async () => {
    const bySystem = new Map<string, number>();
    const count = (body: string) => {
      const names = [...body.matchAll(/<p:SystemName>([^<]*)<\/p:SystemName>/g)].map((x) => x[1]);
      for (const s of names) bySystem.set(s, (bySystem.get(s) ?? 0) + 1);
      return names.length;
    };
    const e = await post(pywinrmEnvelope({ action: ENUM + 'Enumerate', resourceUri: DMTF + 'CIM_NumericSensor', body: '<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>50</w:MaxElements></n:Enumerate>' }));
    assert.equal(e.statusCode, 200, e.body.slice(0, 2000));
    let items = count(e.body);
    let ctx = contextOf(e.body);
    assert.ok(ctx, 'an enumeration context to Pull from');
    const p1 = await post(pywinrmEnvelope({ action: ENUM + 'Pull', resourceUri: DMTF + 'CIM_NumericSensor', body: `<n:Pull><n:EnumerationContext>${ctx}</n:EnumerationContext><n:MaxElements>50</n:MaxElements></n:Pull>` }));
    assert.equal(p1.statusCode, 200, p1.body.slice(0, 2000));
    items += count(p1.body);
    // So far only the devices whose instances were sent, the one looked ahead into and the
    // prefetched ones were read: the fewest numeric sensors a member has bounds how many that is.
    const fewest = Math.min(...[...numeric.values()].map((l) => l.length));
    const bound = Math.ceil(items / fewest) + 1 + PREFETCH;
    assert.ok(touched.size <= bound, `${touched.size} devices read after ${items} items (at most ${bound} expected)`);
    ctx = contextOf(p1.body);
    let pulls = 1;
    while (ctx) {
      const p = await post(pywinrmEnvelope({ action: ENUM + 'Pull', resourceUri: DMTF + 'CIM_NumericSensor', body: `<n:Pull><n:EnumerationContext>${ctx}</n:EnumerationContext><n:MaxElements>500</n:MaxElements></n:Pull>` }));
      assert.equal(p.statusCode, 200, p.body.slice(0, 2000));
      items += count(p.body);
      ctx = contextOf(p.body);
      pulls++;
    }
    const want = new Map([...numeric].map(([name, l]) => [name, l.length]));
    assert.deepEqual(bySystem, want);
    assert.equal(items, [...want.values()].reduce((a, b) => a + b, 0));
    assert.ok(pulls > sims.length / 10, `${pulls} Pulls: the result came in envelope-sized batches`);
    assert.equal(touched.size, sims.length);
  });

  it('a WQL filter across the fleet: every fan in RPM of every device, and nothing else', async () => {
    const query = 'SELECT SystemName, ElementName, BaseUnits FROM CIM_NumericSensor WHERE BaseUnits = 19';
    const frags: string[] = [];
    let body = (await post(pywinrmEnvelope({ action: ENUM + 'Enumerate', resourceUri: WMI + '*', body: `<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>1000</w:MaxElements><w:Filter Dialect="${WQL}">${query}</w:Filter></n:Enumerate>` }))).body;
    for (;;) {
      frags.push(...[...body.matchAll(/<w:XmlFragment[^>]*>(.*?)<\/w:XmlFragment>/g)].map((x) => x[1]));
      const ctx = contextOf(body);
      if (!ctx) break;
      body = (await post(pywinrmEnvelope({ action: ENUM + 'Pull', resourceUri: WMI + '*', body: `<n:Pull><n:EnumerationContext>${ctx}</n:EnumerationContext><n:MaxElements>1000</n:MaxElements></n:Pull>` }))).body;
    }
    const got = frags.map((f) => f.replace(/<BaseUnits>19<\/BaseUnits>$/, '')).sort();
    const want = sims.flatMap((d) => numeric.get(d.name)!.filter((s) => s.analog!.units.base === IPMI_UNIT_RPM).map((s) => `<SystemName>${d.name}</SystemName><ElementName>${s.name}</ElementName>`)).sort();
    assert.equal(got.length, want.length);
    assert.deepEqual(got, want);
  });
});
