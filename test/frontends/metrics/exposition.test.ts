import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { metricsPlugin } from '../../../src/frontends/metrics';
import { FixtureDevice, FixtureInventory, fullDevice, MODULES, simData } from './fixture';
import { parseExposition, withoutLabel } from './expo';

const FIXTURES = path.resolve(__dirname, '../../fixtures/exporter');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const normalize = (text: string) => text.replace(/^ipmi_scrape_duration_seconds \S+$/m, 'ipmi_scrape_duration_seconds <duration>');

describe('metrics: /ipmi exposition (fastify inject)', () => {
  let app: FastifyInstance;
  let sim: FixtureDevice;
  let full: FixtureDevice;
  before(async () => {
    sim = new FixtureDevice(simData());
    full = fullDevice();
    app = Fastify();
    await app.register(metricsPlugin, { modules: MODULES, inventory: new FixtureInventory({ sim, full }), processMetrics: false });
  });
  after(() => app.close());

  it('the ipmi_sim BMC with module "default": exactly test/fixtures/exporter/bmcbridge-sim-default.txt', async () => {
    const r = await app.inject({ url: '/ipmi?target=sim&module=default' });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(normalize(r.body), fixture('bmcbridge-sim-default.txt'));
  });

  it('the same BMC content as ipmi_exporter 1.6.1 captured from ipmi_sim: same names, HELP, TYPE, label sets and values', async () => {
    const ours = parseExposition((await app.inject({ url: '/ipmi?target=sim' })).body);
    const theirs = parseExposition(fixture('ipmi_exporter-1.6.1-simall.txt'));
    for (const [name, f] of theirs) {
      const o = ours.get(name);
      assert.ok(o, `${name} missing`);
      assert.equal(o.help, f.help, `${name} HELP`);
      assert.equal(o.type, f.type, `${name} TYPE`);
      if (name === 'ipmi_scrape_duration_seconds') continue;
      // bmc_url is upstream's later addition (ipmi_exporter >= 1.7 in FreeIPMI mode).
      const samples = name === 'ipmi_bmc_info' ? withoutLabel(o, 'bmc_url') : o.samples;
      assert.deepEqual([...samples].sort(), [...f.samples].sort(), `${name} samples`);
    }
    // What we add: the fault states of ipmi_exporter >= 1.7, and why dcmi and sm-lan-mode are down.
    assert.deepEqual(
      [...ours.keys()].filter((n) => !theirs.has(n)).sort(),
      ['ipmi_chassis_cooling_fault_state', 'ipmi_chassis_drive_fault_state', 'ipmi_collector_error'],
    );
  });

  it('every collector, exclude_sensor_ids and sel_events (module "all"): exactly bmcbridge-full-all.txt', async () => {
    const r = await app.inject({ url: '/ipmi?target=full&module=all' });
    assert.equal(r.statusCode, 200);
    assert.equal(normalize(r.body), fixture('bmcbridge-full-all.txt'));
    // exclude_sensor_ids: [21] removed DIMM Temp, the only N/A sensor of the fixture.
    assert.doesNotMatch(r.body, /DIMM Temp/);
  });

  it('a sensor reading N/A exports NaN for value and state, as ipmi_exporter does for "N/A"', async () => {
    const r = await app.inject({ url: '/ipmi?target=full&module=ipmi' });
    assert.match(r.body, /^ipmi_temperature_celsius\{id="21",name="DIMM Temp"\} NaN$/m);
    assert.match(r.body, /^ipmi_temperature_state\{id="21",name="DIMM Temp"\} NaN$/m);
  });

  it('answers bad requests as ipmi_exporter 1.6.1 does (400, same text)', async () => {
    const noTarget = await app.inject({ url: '/ipmi?module=default' });
    assert.equal(noTarget.statusCode, 400);
    assert.equal(noTarget.body, "'target' parameter must be specified\n");
    const badModule = await app.inject({ url: '/ipmi?target=sim&module=nope' });
    assert.equal(badModule.statusCode, 400);
    assert.equal(badModule.body, 'Unknown module "nope"\n');
    const badTarget = await app.inject({ url: '/ipmi?target=no%20such%20thing' });
    assert.equal(badTarget.statusCode, 400);
    assert.equal(badTarget.body, 'Unknown target "no such thing": neither an inventory device nor host[:port]\n');
  });

  it('/devices/metrics: both devices in one scrape, every series with a target label', async () => {
    const r = await app.inject({ url: '/devices/metrics?module=default' });
    assert.equal(r.statusCode, 200);
    const exp = parseExposition(r.body);
    assert.deepEqual([...exp.get('ipmi_up')!.samples].filter(([k]) => k.includes('collector="ipmi"')).sort(), [
      ['collector="ipmi",target="full"', '1'],
      ['collector="ipmi",target="sim"', '1'],
    ]);
    for (const [name, f] of exp)
      for (const k of f.samples.keys()) assert.match(k, /(^|,)target="(full|sim)"(,|$)/, `${name}{${k}} has a target label`);
    // The full device has a DCMI reading, the sim one does not: the same series only with target="full".
    assert.deepEqual([...exp.get('ipmi_dcmi_power_consumption_watts')!.samples], [['target="full"', '212']]);
    assert.equal(exp.get('ipmi_scrape_duration_seconds')!.samples.size, 2);
  });

  it('/sd lists the inventory for Prometheus HTTP SD, with the module as __param_module', async () => {
    const r = await app.inject({ url: '/sd?module=all', headers: { host: 'bridge.example:9290' } });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /^application\/json/);
    assert.deepEqual(JSON.parse(r.body), [
      {
        targets: ['sim'],
        labels: {
          __meta_bmcbridge_device: 'sim',
          __meta_bmcbridge_kind: 'sim',
          __meta_bmcbridge_address: '127.0.0.1:623',
          __meta_bmcbridge_exporter: 'bridge.example:9290',
          __param_module: 'all',
        },
      },
      {
        targets: ['full'],
        labels: {
          __meta_bmcbridge_device: 'full',
          __meta_bmcbridge_kind: 'sim',
          __meta_bmcbridge_address: '127.0.0.1:623',
          __meta_bmcbridge_exporter: 'bridge.example:9290',
          __param_module: 'all',
        },
      },
    ]);
    assert.equal((await app.inject({ url: '/sd?module=nope' })).statusCode, 400);
  });
});
