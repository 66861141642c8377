import assert from 'node:assert/strict';
import { VirtualBmc } from '../../../src/bmc/device';
import { LanServer } from '../../../src/bmc/server';
import { sessionHandlers } from '../../../src/bmc/handlers/session';
import { standardHandlers } from '../../../src/bmc/handlers';
import { silentLogger } from '../../../src/lib/logger';
import { clientInventory } from '../../../src/frontends/metrics/client-device';
import { createMetricsServer, loadModulesConfig, type MetricsServer } from '../../../src/frontends/metrics';
import { profileWithTestUsers } from '../../helpers/test-bmc';
import { requirePeers, run } from '../../helpers/peers';
import { parseExposition, type Exposition } from './expo';
import { EXPORTER_CONFIG, get, startIpmiExporter, type HttpProc } from './peers';

/**
 * The Supermicro OEM LAN mode (NetFn 30h, 70h, 0Ch) of the supermicro-x12 profile: ipmi_exporter
 * 1.6.1's sm-lan-mode collector (FreeIPMI ipmi-raw) and ours read the same mode; a mode set with
 * ipmitool shows in both.
 */
describe('metrics interop: the sm-lan-mode collector against a Supermicro-profile virtual BMC', function () {
  requirePeers(this, ['prometheus-ipmi-exporter', 'ipmimonitoring', 'ipmi-raw', 'bmc-info', 'ipmitool']);
  this.timeout(60000);
  let bmc: VirtualBmc;
  let server: LanServer;
  let port = 0;
  let exporter: HttpProc;
  let bridge: MetricsServer;
  let url = '';
  before(async () => {
    bmc = new VirtualBmc({ name: 'x12', profile: profileWithTestUsers('supermicro-x12'), log: silentLogger, handlers: [...sessionHandlers, ...standardHandlers] });
    server = new LanServer(bmc);
    port = (await server.listen('127.0.0.1', 0)).port;
    exporter = await startIpmiExporter();
    bridge = createMetricsServer({
      modules: loadModulesConfig(EXPORTER_CONFIG),
      inventory: clientInventory({
        devices: [{ name: 'x12', kind: 'sim', address: `127.0.0.1:${port}` }],
        clientTarget: () => ({ kind: 'lan', host: '127.0.0.1', port, user: 'admin', password: 'password', timeoutMs: 500, retries: 3, backoff: 1.5 }),
      }),
      host: '127.0.0.1',
      port: 0,
      processMetrics: false,
    });
    url = `http://127.0.0.1:${(await bridge.listen()).port}`;
  });
  after(async () => {
    await bridge?.close();
    await exporter?.stop();
    await server?.close();
    bmc?.close();
  });

  const scrape = async (base: string): Promise<Exposition> => {
    const r = await get(`${base}/ipmi?target=127.0.0.1:${port}&module=vbmc`);
    assert.equal(r.status, 200, r.body);
    return parseExposition(r.body);
  };
  const lanMode = (e: Exposition) => [e.get('ipmi_up')?.samples.get('collector="sm-lan-mode"'), e.get('ipmi_config_lan_mode')?.samples.get('')];

  it('failover (2) at start, up on both; set to dedicated (0) with ipmitool, both read 0; User may read but not set', async () => {
    assert.deepEqual(lanMode(await scrape(exporter.url)), ['1', '2']);
    assert.deepEqual(lanMode(await scrape(url)), ['1', '2']);
    const ipmitool = (user: string, pass: string, ...args: string[]) => run('ipmitool', ['-I', 'lanplus', '-C', '17', '-H', '127.0.0.1', '-p', String(port), '-U', user, '-P', pass, ...args]);
    const viewer = await ipmitool('viewer', 'viewpass', '-L', 'USER', 'raw', '0x30', '0x70', '0x0c', '1', '0');
    assert.match(viewer.stderr, /rsp=0xd4/);
    assert.equal((await ipmitool('viewer', 'viewpass', '-L', 'USER', 'raw', '0x30', '0x70', '0x0c', '0')).stdout, ' 02\n');
    const set = await ipmitool('admin', 'password', 'raw', '0x30', '0x70', '0x0c', '1', '0');
    assert.equal(set.status, 0, set.stderr);
    assert.match((await ipmitool('admin', 'password', 'raw', '0x30', '0x70', '0x0c', '1', '3')).stderr, /rsp=0xc9/);
    assert.match((await ipmitool('admin', 'password', 'raw', '0x30', '0x70', '0x0d', '0')).stderr, /rsp=0xcc/);
    assert.deepEqual(lanMode(await scrape(exporter.url)), ['1', '0']);
    assert.deepEqual(lanMode(await scrape(url)), ['1', '0']);
  });
});
