import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { ManualClock } from '../../../src/lib/clock';
import { RmcpPlusStatusError, SessionError, TimeoutError } from '../../../src/lib/errors';
import { metricsPlugin, type EngineOptions } from '../../../src/frontends/metrics';
import { parseExposition } from './expo';
import { FixtureDevice, FixtureInventory, MODULES, simData } from './fixture';

/**
 * Scrape-time behaviour on a manual clock: nothing here depends on how fast the machine is.
 * Devices are held (their answers wait on a gate) to stand for slow BMCs; the clock is moved
 * past deadlines by hand.
 */
const tick = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

interface Rig {
  app: FastifyInstance;
  clock: ManualClock;
  inventory: FixtureInventory;
  devs: Record<string, FixtureDevice>;
}
async function rig(names: string[], opts: Partial<EngineOptions> = {}, byAddress?: FixtureInventory['byAddress']): Promise<Rig> {
  const clock = new ManualClock();
  const devs = Object.fromEntries(names.map((n) => [n, new FixtureDevice(simData())]));
  const inventory = new FixtureInventory(devs, byAddress);
  const app = Fastify();
  await app.register(metricsPlugin, { modules: MODULES, inventory, clock, processMetrics: false, ...opts });
  return { app, clock, inventory, devs };
}
const scrape = (r: Rig, url: string, timeout?: number) =>
  r.app.inject({ url, headers: timeout === undefined ? {} : { 'x-prometheus-scrape-timeout-seconds': String(timeout) } }).then((res) => parseExposition(res.body));
const up = (e: ReturnType<typeof parseExposition>) => Object.fromEntries([...e.get('ipmi_up')!.samples].map(([k, v]) => [k.replace(/^collector="(.*)"$/, '$1'), v]));
const errors = (e: ReturnType<typeof parseExposition>) => [...(e.get('ipmi_collector_error')?.samples.keys() ?? [])].sort();
const value = (e: ReturnType<typeof parseExposition>, family: string, key = '') => e.get(family)?.samples.get(key);

describe('metrics: deadlines, single flight, concurrency, sessions kept (manual clock)', () => {
  let r: Rig;
  afterEach(() => r?.app.close());

  it('answers by the X-Prometheus-Scrape-Timeout-Seconds deadline with what finished; the late collector is down with reason "deadline"', async () => {
    r = await rig(['sim']);
    const dev = r.devs.sim;
    dev.hold(['chassisStatus']);
    const pending = scrape(r, '/ipmi?target=sim&module=slow', 2);
    await tick();
    assert.deepEqual(dev.calls, { selInfo: 1, chassisStatus: 1 });
    r.clock.advance(1799);
    await tick();
    let settled = false;
    void pending.then(() => (settled = true));
    await tick();
    assert.equal(settled, false, 'still waiting 1 ms before the budget (2 s - 0.2 s) is used up');
    r.clock.advance(1);
    const e = await pending;
    assert.deepEqual(up(e), { chassis: '0', sel: '1' });
    assert.deepEqual(errors(e), ['collector="chassis",reason="deadline"']);
    assert.equal(value(e, 'ipmi_sel_logs_count'), '5');
    // The scrape took exactly its budget: timeout - min(0.5 s, timeout / 10).
    assert.equal(value(e, 'ipmi_scrape_duration_seconds'), '1.8');
    dev.release();
  });

  it('the collection goes on after the deadline, and the next scrape joins it and gets every collector', async () => {
    r = await rig(['sim']);
    const dev = r.devs.sim;
    dev.hold();
    const first = scrape(r, '/ipmi?target=sim&module=slow', 1);
    await tick();
    r.clock.advance(900);
    assert.deepEqual(up(await first), { chassis: '0', sel: '0' });
    const second = scrape(r, '/ipmi?target=sim&module=slow', 1);
    await tick();
    dev.release();
    const e = await second;
    assert.deepEqual(up(e), { chassis: '1', sel: '1' });
    assert.equal(errors(e).length, 0);
    // One collection served both scrapes: each command was sent once.
    assert.deepEqual(dev.calls, { selInfo: 1, chassisStatus: 1 });
    const self = parseExposition((await r.app.inject({ url: '/metrics' })).body);
    assert.equal(value(self, 'bmcbridge_scrapes_shared_total'), '1');
  });

  it('concurrent scrapes of one target and module share one collection (no pile-up)', async () => {
    r = await rig(['sim']);
    const dev = r.devs.sim;
    dev.hold();
    const scrapes = Array.from({ length: 20 }, () => r.app.inject({ url: '/ipmi?target=sim&module=ipmi' }));
    await tick();
    assert.deepEqual(dev.calls, { sensors: 1 });
    dev.release();
    const bodies = (await Promise.all(scrapes)).map((x) => x.body.replace(/^ipmi_scrape_duration_seconds .*$/m, ''));
    assert.equal(new Set(bodies).size, 1, 'every scrape got the same samples');
    assert.match(bodies[0], /^ipmi_up\{collector="ipmi"\} 1$/m);
    assert.deepEqual(dev.calls, { sensors: 1 });
    // A later scrape starts a new collection: results are never served from a cache.
    await r.app.inject({ url: '/ipmi?target=sim&module=ipmi' });
    assert.deepEqual(dev.calls, { sensors: 2 });
  });

  it('at most perTargetConcurrency collectors of one target run at once', async () => {
    r = await rig(['sim'], { perTargetConcurrency: 2 });
    const dev = r.devs.sim;
    dev.hold();
    const pending = scrape(r, '/ipmi?target=sim&module=default');
    await tick();
    const asked = () => Object.values(dev.calls).reduce((a, b) => a + b, 0);
    // module default has ipmi, bmc, chassis, dcmi, sel, sm-lan-mode: the first two run, the rest wait.
    // (bmc asks two things at once: Get Device ID and Get System Info.)
    assert.deepEqual(dev.calls, { sensors: 1, deviceId: 1, systemInfo: 1 });
    dev.release();
    const e = await pending;
    assert.equal(up(e).ipmi, '1');
    assert.equal(asked(), 7);
  });

  it('a slow target does not delay another; with the collection slots full, a scrape gives up at its deadline with reason "overload"', async () => {
    r = await rig(['slowbmc', 'fast', 'third'], { maxConcurrentCollections: 2 });
    r.devs.slowbmc.hold();
    const slow = scrape(r, '/ipmi?target=slowbmc&module=ipmi', 30);
    await tick();
    // "fast" answers while "slowbmc" still holds a slot.
    assert.equal(up(await scrape(r, '/ipmi?target=fast&module=ipmi', 30)).ipmi, '1');
    // Fill the second slot too; a third target now waits for a slot.
    r.devs.fast.hold();
    const fast = scrape(r, '/ipmi?target=fast&module=ipmi', 30);
    await tick();
    const third = scrape(r, '/ipmi?target=third&module=ipmi', 2);
    await tick();
    assert.equal(r.devs.third.calls.sensors, undefined, 'no slot yet');
    r.clock.advance(1800);
    const e = await third;
    assert.deepEqual(up(e), { ipmi: '0' });
    assert.deepEqual(errors(e), ['collector="ipmi",reason="overload"']);
    const self = parseExposition((await r.app.inject({ url: '/metrics' })).body);
    assert.equal(value(self, 'bmcbridge_collections_overloaded_total'), '1');
    assert.equal(value(self, 'bmcbridge_collections_in_flight'), '2');
    // Past their own deadline the two held collections give their slots back and run on detached.
    r.clock.advance(30000);
    assert.deepEqual(up(await slow), { ipmi: '0' });
    assert.deepEqual(up(await fast), { ipmi: '0' });
    const self2 = parseExposition((await r.app.inject({ url: '/metrics' })).body);
    assert.equal(value(self2, 'bmcbridge_collections_in_flight'), '0');
    assert.equal(value(self2, 'bmcbridge_collections_detached'), '2');
    assert.equal(up(await scrape(r, '/ipmi?target=third&module=ipmi', 2)).ipmi, '1');
    r.devs.slowbmc.release();
    r.devs.fast.release();
    await tick();
    const self3 = parseExposition((await r.app.inject({ url: '/metrics' })).body);
    assert.equal(value(self3, 'bmcbridge_collections_detached'), '0');
  });

  it('keeps one handle (session) per target between scrapes, and closes it when idle', async () => {
    r = await rig(['sim'], { idleCloseMs: 60_000 });
    for (let i = 0; i < 3; i++) assert.equal(up(await scrape(r, '/ipmi?target=sim&module=ipmi')).ipmi, '1');
    assert.equal(r.inventory.opened.length, 1);
    r.clock.advance(59_000);
    assert.equal(r.devs.sim.closed, 0);
    r.clock.advance(61_000);
    assert.equal(r.devs.sim.closed, 1);
    await scrape(r, '/ipmi?target=sim&module=ipmi');
    assert.equal(r.inventory.opened.length, 2);
  });

  it('host[:port] targets open a handle with the module\'s credentials; inventory names win', async () => {
    const at = new Map<string, FixtureDevice>();
    r = await rig(['sim'], {}, (addr) => {
      if (!at.has(addr)) at.set(addr, new FixtureDevice(simData()));
      return at.get(addr);
    });
    assert.equal(up(await scrape(r, '/ipmi?target=127.0.0.1:9101&module=all')).ipmi, '1');
    await scrape(r, '/ipmi?target=bmc.example&module=ipmi');
    await scrape(r, '/ipmi?target=%5B::1%5D:6230&module=ipmi');
    await scrape(r, '/ipmi?target=sim&module=ipmi');
    assert.deepEqual(r.inventory.opened, [
      { kind: 'address', host: '127.0.0.1', port: 9101, credentials: { user: 'admin', pass: 'password', privilege: 'administrator', driver: 'LAN_2_0', timeoutMs: undefined } },
      { kind: 'address', host: 'bmc.example', port: 623, credentials: { user: 'admin', pass: 'password', privilege: undefined, driver: undefined, timeoutMs: undefined } },
      { kind: 'address', host: '::1', port: 6230, credentials: { user: 'admin', pass: 'password', privilege: undefined, driver: undefined, timeoutMs: undefined } },
      { kind: 'device', device: { name: 'sim', kind: 'sim', address: '127.0.0.1:623' } },
    ]);
    const bad = await r.app.inject({ url: '/ipmi?target=127.0.0.1:99999' });
    assert.equal(bad.statusCode, 400);
  });

  it('allowAddressTargets: false serves inventory devices only', async () => {
    r = await rig(['sim'], { allowAddressTargets: false });
    assert.equal((await r.app.inject({ url: '/ipmi?target=127.0.0.1:623' })).statusCode, 400);
    assert.equal((await r.app.inject({ url: '/ipmi?target=sim' })).statusCode, 200);
  });
});

describe('metrics: faults give the documented result and the next scrape recovers', () => {
  let r: Rig;
  afterEach(() => r?.app.close());

  it('a target that does not answer: every collector down with reason "timeout"; then it answers again', async () => {
    r = await rig(['sim']);
    const dev = r.devs.sim;
    const dead = () => new TimeoutError('no answer from 127.0.0.1:623 after 4 attempts');
    dev.fail = { sensors: dead, deviceId: dead, systemInfo: dead, chassisStatus: dead, powerReading: dead, selInfo: dead, raw: dead };
    const e = await scrape(r, '/ipmi?target=sim&module=default');
    assert.deepEqual(up(e), { bmc: '0', chassis: '0', dcmi: '0', ipmi: '0', sel: '0', 'sm-lan-mode': '0' });
    assert.deepEqual(errors(e), ['bmc', 'chassis', 'dcmi', 'ipmi', 'sel', 'sm-lan-mode'].map((c) => `collector="${c}",reason="timeout"`));
    assert.equal(e.get('ipmi_temperature_celsius'), undefined, 'a failed collector emits nothing else');
    dev.fail = {};
    const ok = await scrape(r, '/ipmi?target=sim&module=default');
    assert.deepEqual(up(ok), { bmc: '1', chassis: '1', dcmi: '0', ipmi: '1', sel: '1', 'sm-lan-mode': '0' });
    const self = parseExposition((await r.app.inject({ url: '/metrics' })).body);
    assert.equal(value(self, 'bmcbridge_collector_errors_total', 'collector="ipmi",reason="timeout",target="sim"'), '1');
  });

  it('a wrong password: reason "auth", the handle is reopened for the next scrape, which recovers', async () => {
    r = await rig(['sim']);
    const dev = r.devs.sim;
    dev.fail = { sensors: () => new RmcpPlusStatusError(0x0d, 'Unauthorized name', 'RAKP 2') };
    const e = await scrape(r, '/ipmi?target=sim&module=ipmi');
    assert.deepEqual(errors(e), ['collector="ipmi",reason="auth"']);
    dev.fail = {};
    assert.equal(up(await scrape(r, '/ipmi?target=sim&module=ipmi')).ipmi, '1');
    assert.equal(r.inventory.opened.length, 2, 'a fresh handle after the failed login');
    assert.equal(dev.closed, 1);
  });

  it('a BMC restarted between scrapes (session lost): reason "session" once, then the next scrape recovers', async () => {
    r = await rig(['sim']);
    const dev = r.devs.sim;
    assert.equal(up(await scrape(r, '/ipmi?target=sim&module=ipmi')).ipmi, '1');
    dev.fail = { sensors: () => new SessionError('session 0x1234 rejected by 127.0.0.1:623 (invalid session ID)') };
    assert.deepEqual(errors(await scrape(r, '/ipmi?target=sim&module=ipmi')), ['collector="ipmi",reason="session"']);
    dev.fail = {};
    assert.equal(up(await scrape(r, '/ipmi?target=sim&module=ipmi')).ipmi, '1');
  });
});
