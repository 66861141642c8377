import assert from 'node:assert/strict';
import { clientInventory } from '../../../src/frontends/metrics/client-device';
import { createMetricsServer, loadModulesConfig, type MetricsServer } from '../../../src/frontends/metrics';
import { requirePeers } from '../../helpers/peers';
import { compareWithIpmiExporter, parseExposition, type Exposition } from './expo';
import { EXPORTER_CONFIG, get, startIpmiExporter, startIpmiSim, type HttpProc, type IpmiSim } from './peers';

/**
 * Side by side against OpenIPMI's ipmi_sim: Debian's prometheus-ipmi-exporter 1.6.1 (FreeIPMI
 * tools, a session per collector) and bmcbridge (its own client, one session kept) scrape the
 * same BMC with the same modules file; the collectors both have must give the same metric
 * names, HELP, label sets and values.
 */
describe('metrics interop: bmcbridge and ipmi_exporter 1.6.1 side by side against ipmi_sim', function () {
  requirePeers(this, ['ipmi_sim', 'prometheus-ipmi-exporter', 'ipmimonitoring', 'ipmi-sensors', 'bmc-info', 'ipmi-chassis', 'ipmi-dcmi', 'ipmi-sel', 'ipmi-raw']);
  this.timeout(60000);
  let sim: IpmiSim;
  let exporter: HttpProc;
  let bridge: MetricsServer;
  let bridgeUrl: string;

  before(async () => {
    sim = await startIpmiSim();
    exporter = await startIpmiExporter();
    bridge = createMetricsServer({ modules: loadModulesConfig(EXPORTER_CONFIG), inventory: clientInventory({ devices: [], clientTarget: () => assert.fail('no inventory') }), port: 0, processMetrics: false });
    const a = await bridge.listen();
    bridgeUrl = `http://127.0.0.1:${a.port}`;
  });
  after(async () => {
    await bridge?.close();
    await exporter?.stop();
    await sim?.stop();
  });

  for (const module of ['all', 'sensors']) {
    it(`module "${module}": the same names, HELP, label sets and values`, async () => {
      const q = `/ipmi?target=127.0.0.1:${sim.port}&module=${module}`;
      const theirs = await get(exporter.url + q);
      const ours = await get(bridgeUrl + q);
      assert.equal(ours.status, 200);
      const t = parseExposition(theirs.body);
      const o = parseExposition(ours.body);
      compareWithIpmiExporter(o, t);
      // Spot checks against the BMC's content, so that agreeing on nothing cannot pass.
      assert.equal(o.get('ipmi_temperature_state')!.samples.get('id="4",name="Exhaust Temp"'), '2');
      assert.equal(o.get('ipmi_up')!.samples.get('collector="ipmi"'), '1');
      if (module === 'all') {
        assert.equal(o.get('ipmi_sel_logs_count')!.samples.get(''), '5');
        assert.equal(o.get('ipmi_up')!.samples.get('collector="dcmi"'), '0');
        assert.equal(o.get('ipmi_collector_error')!.samples.get('collector="dcmi",reason="unsupported"'), '1');
      }
    });
  }

  it('a wrong password: both say ipmi_up 0 for every collector; bmcbridge says why (auth)', async () => {
    const q = `/ipmi?target=127.0.0.1:${sim.port}&module=wrongpass`;
    const t = parseExposition((await get(exporter.url + q)).body);
    const o = parseExposition((await get(bridgeUrl + q)).body);
    assert.deepEqual([...o.get('ipmi_up')!.samples].sort(), [...t.get('ipmi_up')!.samples].sort());
    assert.deepEqual([...o.get('ipmi_up')!.samples.values()], ['0', '0']);
    assert.deepEqual([...o.get('ipmi_collector_error')!.samples.keys()].sort(), ['collector="chassis",reason="auth"', 'collector="ipmi",reason="auth"']);
  });

  it('bmcbridge keeps its session: a second scrape opens none, re-reads no SDR', async () => {
    const q = `/ipmi?target=127.0.0.1:${sim.port}&module=all`;
    await get(bridgeUrl + q);
    const before = parseExposition((await get(bridgeUrl + '/metrics')).body);
    await get(bridgeUrl + q);
    const after = parseExposition((await get(bridgeUrl + '/metrics')).body);
    const key = `target="127.0.0.1:${sim.port}"`;
    const n = (e: Exposition, family: string) => Number(e.get(family)!.samples.get(key));
    assert.ok(n(before, 'bmcbridge_ipmi_sessions_opened_total') >= 1);
    assert.equal(n(after, 'bmcbridge_ipmi_sessions_opened_total'), n(before, 'bmcbridge_ipmi_sessions_opened_total'));
    assert.equal(n(after, 'bmcbridge_sdr_cache_misses_total'), n(before, 'bmcbridge_sdr_cache_misses_total'));
    assert.equal(n(after, 'bmcbridge_sdr_cache_hits_total'), n(before, 'bmcbridge_sdr_cache_hits_total') + 1);
  });
});
