import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { clientInventory } from '../../../src/frontends/metrics/client-device';
import { createMetricsServer, loadModulesConfig, type MetricsServer } from '../../../src/frontends/metrics';
import { requirePeers, run } from '../../helpers/peers';
import { tempDir } from './expo';
import { VirtualBmc } from '../../../src/bmc/device';
import { sessionHandlers } from '../../../src/bmc/handlers/session';
import { standardHandlers } from '../../../src/bmc/handlers';
import { loadProfileRef } from '../../../src/profile';
import { silentLogger } from '../../../src/lib/logger';
import { EXPORTER_CONFIG, FIXTURES, PROMETHEUS, freePort, startIpmiSim, startProcess, waitFor, type IpmiSim, type Proc } from './peers';

/**
 * A real Prometheus (Debian 2.42) scrapes bmcbridge for ~20 s with the configurations of
 * docs/metrics.md (the multi-target relabelling, and /sd), then its query API must hold
 * series for every device. The inventory: two ipmi_sim BMCs over LAN and one virtual BMC of
 * this process reached in-process (as `bmcbridge start` reaches its own); the static job also
 * has one of the ipmi_sim BMCs by host:port.
 */
const DOC = path.resolve(__dirname, '../../../docs/metrics.md');

/** The YAML block of docs/metrics.md whose first line is `# prometheus.yml: <title>`. */
export function docConfig(title: string): { scrape_configs: Array<Record<string, unknown>> } {
  const md = fs.readFileSync(DOC, 'utf8');
  for (const m of md.matchAll(/```yaml\n([\s\S]*?)```/g)) if (m[1].startsWith(`# prometheus.yml: ${title}\n`)) return YAML.parse(m[1]);
  throw new Error(`no "# prometheus.yml: ${title}" block in docs/metrics.md`);
}

interface PromResult {
  metric: Record<string, string>;
  value: [number, string];
}
async function query(base: string, q: string): Promise<PromResult[]> {
  const r = (await (await fetch(`${base}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as { status: string; data: { result: PromResult[] } };
  assert.equal(r.status, 'success', q);
  return r.data.result;
}

describe('metrics interop: a real Prometheus scrapes bmcbridge with the documented configuration', function () {
  requirePeers(this, ['ipmi_sim', 'prometheus', 'promtool']);
  this.timeout(90000);
  let sims: IpmiSim[] = [];
  let local: VirtualBmc | undefined;
  let bridge: MetricsServer;
  let prom: Proc | undefined;
  const tmp = tempDir('bmcbridge-prom-');
  let promUrl = '';
  let bridgeAddr = '';

  before(async () => {
    sims = [await startIpmiSim(), await startIpmiSim()];
    local = new VirtualBmc({ name: 'vbmc-local', profile: loadProfileRef(path.join(FIXTURES, 'profiles/exporter-bench.yaml')), log: silentLogger, handlers: [...sessionHandlers, ...standardHandlers] });
    const devices = [...sims.map((s, i) => ({ name: `bmc-${'ab'[i]}`, kind: 'lan', address: `127.0.0.1:${s.port}` })), { name: 'vbmc-local', kind: 'sim' }];
    bridge = createMetricsServer({
      modules: loadModulesConfig(EXPORTER_CONFIG),
      inventory: clientInventory({
        devices,
        clientTarget: (d) =>
          d.address
            ? { kind: 'lan', host: '127.0.0.1', port: Number(d.address.split(':')[1]), user: 'admin', password: 'password' }
            : { kind: 'in-process', bmc: local!, name: d.name },
      }),
      port: 0,
    });
    bridgeAddr = `127.0.0.1:${(await bridge.listen()).port}`;

    const multi = docConfig('bmcbridge multi-target');
    const sd = docConfig('bmcbridge http_sd');
    const jobs = [...multi.scrape_configs, ...sd.scrape_configs];
    let text = YAML.stringify({ global: { scrape_interval: '2s', scrape_timeout: '2s', evaluation_interval: '2s' }, scrape_configs: jobs });
    // The documented values, pointed at this test's bridge and BMCs.
    text = text
      .replaceAll('127.0.0.1:9290', bridgeAddr)
      .replace(/- node-01\n(\s*)- node-02\n\s*- 10\.1\.2\.3:623/, `- bmc-a\n$1- vbmc-local\n$1- 127.0.0.1:${sims[0].port}`)
      .replaceAll('module=default', 'module=all')
      .replace(/module:\n(\s*)- default/, 'module:\n$1- all')
      .replace(/scrape_interval: 30s/g, 'scrape_interval: 2s')
      .replace(/scrape_timeout: 10s/g, 'scrape_timeout: 2s')
      .replace(/refresh_interval: 1m/g, 'refresh_interval: 2s');
    const cfg = path.join(tmp.dir, 'prometheus.yml');
    fs.writeFileSync(cfg, text);
    const check = await run('promtool', ['check', 'config', cfg]);
    assert.equal(check.status, 0, check.stdout + check.stderr + text);

    const port = await freePort('tcp');
    promUrl = `http://127.0.0.1:${port}`;
    prom = startProcess(PROMETHEUS, [`--config.file=${cfg}`, `--storage.tsdb.path=${path.join(tmp.dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`]);
    await waitFor('prometheus', async () => (await fetch(`${promUrl}/-/ready`)).ok, 20000);
  });
  after(async () => {
    await prom?.stop();
    await bridge?.close();
    for (const s of sims) await s.stop();
    local?.close();
    tmp.cleanup();
  });

  it('after ~20 s every device has series in both jobs, every target is up, no collector of ipmi failed', async () => {
    await new Promise((r) => setTimeout(r, 20000));
    const targets = (await (await fetch(`${promUrl}/api/v1/targets`)).json()) as { data: { activeTargets: Array<{ labels: Record<string, string>; health: string; lastError: string }> } };
    const active = targets.data.activeTargets.map((t) => `${t.labels.job}/${t.labels.instance}:${t.health}${t.lastError ? ' ' + t.lastError : ''}`).sort();
    assert.deepEqual(active, [
      `bmcbridge/${bridgeAddr}:up`,
      `ipmi/127.0.0.1:${sims[0].port}:up`,
      'ipmi/bmc-a:up',
      'ipmi/vbmc-local:up',
      'ipmi_sd/bmc-a:up',
      'ipmi_sd/bmc-b:up',
      'ipmi_sd/vbmc-local:up',
    ]);
    const up = await query(promUrl, 'ipmi_up{collector="ipmi"}');
    assert.deepEqual(up.map((r) => `${r.metric.job}/${r.metric.instance}=${r.value[1]}`).sort(), [
      `ipmi/127.0.0.1:${sims[0].port}=1`,
      'ipmi/bmc-a=1',
      'ipmi/vbmc-local=1',
      'ipmi_sd/bmc-a=1',
      'ipmi_sd/bmc-b=1',
      'ipmi_sd/vbmc-local=1',
    ]);
    const exhaust = await query(promUrl, 'ipmi_temperature_celsius{name="Exhaust Temp",job="ipmi_sd"}');
    assert.deepEqual(exhaust.map((r) => `${r.metric.instance}=${r.value[1]}`).sort(), ['bmc-a=77', 'bmc-b=77', 'vbmc-local=77']);
    // Several scrapes each, not one lucky one.
    for (const r of await query(promUrl, 'count_over_time(ipmi_up{collector="ipmi"}[1m])')) assert.ok(Number(r.value[1]) >= 5, `${r.metric.instance}: ${r.value[1]} samples`);
    const series = await query(promUrl, 'count by (instance) ({job="ipmi_sd",__name__=~"ipmi_.*"})');
    assert.deepEqual(series.map((r) => r.metric.instance).sort(), ['bmc-a', 'bmc-b', 'vbmc-local']);
    // bmcbridge's own metrics arrived too.
    assert.ok((await query(promUrl, 'bmcbridge_ipmi_sessions_opened_total')).length >= 2);
  });

  it('contrib/grafana/bmcbridge.json: every panel query runs and has data', async () => {
    const dash = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../contrib/grafana/bmcbridge.json'), 'utf8')) as {
      panels: Array<{ title: string; targets?: Array<{ expr: string; refId: string }> }>;
      templating: { list: Array<{ name: string; definition?: string }> };
    };
    // Everything has data: the virtual BMC has the percent fan and DCMI that ipmi_sim lacks.
    const noData = new Set<string>();
    const empty: string[] = [];
    let n = 0;
    for (const p of dash.panels)
      for (const t of p.targets ?? []) {
        const expr = t.expr.replaceAll('$job', 'ipmi_sd').replaceAll('$instance', '.*').replaceAll('$__rate_interval', '1m');
        const r = await query(promUrl, expr);
        n++;
        if (r.length === 0) empty.push(`${p.title}/${t.refId}`);
      }
    assert.ok(n >= 30, `${n} queries`);
    assert.deepEqual(empty.sort(), [...noData].sort());
    // The host picker: label_values(ipmi_bmc_info{job="$job"}, instance).
    const v = (await (await fetch(`${promUrl}/api/v1/label/instance/values?match[]=${encodeURIComponent('ipmi_bmc_info{job="ipmi_sd"}')}`)).json()) as { data: string[] };
    assert.deepEqual(v.data.sort(), ['bmc-a', 'bmc-b', 'vbmc-local']);
    assert.ok(dash.templating.list.some((x) => x.definition === 'label_values(ipmi_bmc_info{job="$job"}, instance)'));
  });
});
