import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { REPO_ROOT } from '../../src/profile';
import { requirePeers, run } from '../helpers/peers';
import { PROMETHEUS, freePort, startProcess, waitFor, type Proc } from '../frontends/metrics/peers';
import { ensureBuilt, startBridge, Started } from './process';
import { parseExposition } from './expect';

/**
 * Issue 8, scale-out: two `bmcbridge start` instances run half of a 100-BMC fleet each, and one
 * real Prometheus (Debian 2.42) takes its targets from both instances' /sd and shards them
 * between the two with hashmod, as docs/metrics.md "Sharding many targets across several
 * bmcbridge instances" configures it (that YAML block, pointed at this test's instances). A
 * target is the BMC's host:port, so whichever instance its shard names reaches it over RMCP+,
 * wherever it runs. After ~20 s every device's series are in Prometheus exactly once, scraped
 * by the instance its hashmod value names, and each instance scraped only its own shard.
 */
const HALF = 50;
const COLLECTORS = ['bmc', 'ipmi', 'chassis', 'dcmi'];

/** The YAML block of docs/metrics.md whose first line is `# prometheus.yml: <title>`. */
function documented(title: string): { scrape_configs: Array<Record<string, unknown> & { relabel_configs: Array<Record<string, unknown>> }> } {
  const md = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'metrics.md'), 'utf8');
  const block = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.startsWith(`# prometheus.yml: ${title}\n`));
  if (!block) throw new Error(`docs/metrics.md has no "# prometheus.yml: ${title}" block`);
  return YAML.parse(block);
}

/** Prometheus' hashmod: the last 8 bytes of the MD5 of the source labels' value, big-endian, modulo N (model/relabel/relabel.go). */
function hashmod(value: string, modulus: number): number {
  return Number(BigInt('0x' + crypto.createHash('md5').update(value).digest('hex').slice(16)) % BigInt(modulus));
}

interface PromResult {
  metric: Record<string, string>;
  value: [number, string];
}

describe('fleet scale-out: two bmcbridge instances, one Prometheus sharding with hashmod from /sd', function () {
  requirePeers(this, ['prometheus', 'promtool']);
  this.timeout(180_000);
  let tmp = '';
  const bridges: Started[] = [];
  const exporters: string[] = [];
  let prom: Proc | undefined;
  let promUrl = '';
  const query = async (q: string): Promise<PromResult[]> => {
    const r = (await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as { status: string; data: { result: PromResult[] } };
    assert.equal(r.status, 'success', q);
    return r.data.result;
  };

  before(async function () {
    this.timeout(300_000);
    await ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-scaleout-'));
    // Two devices files of 50 virtual BMCs, on ports the system picks (reported by /sd).
    const modules = path.join(tmp, 'modules.yml');
    fs.writeFileSync(modules, YAML.stringify({ modules: { default: { user: 'admin', pass: 'password', privilege: 'admin' } } }));
    for (const shard of ['a', 'b']) {
      const devices = Array.from({ length: HALF }, (_, i) => ({
        name: `half-${shard}-${String(i + 1).padStart(2, '0')}`,
        kind: 'sim',
        profile: ['generic-1u', 'dell-poweredge-r650', 'supermicro-x12', 'hpe-proliant-dl360'][i % 4],
        lan: { host: '127.0.0.1', port: 0 },
        overrides: { users: [{ name: 'admin', password: 'password', privilege: 'administrator' }] },
      }));
      const file = path.join(tmp, `devices-${shard}.yaml`);
      fs.writeFileSync(file, YAML.stringify({ devices }));
      const port = await freePort('tcp');
      exporters.push(`127.0.0.1:${port}`);
      bridges.push(await startBridge(['--devices', file, '--state', path.join(tmp, `state-${shard}`), '--no-wsman', '--metrics', `127.0.0.1:${port}`, '--modules', modules, '--log-level', 'warn']));
    }

    // docs/metrics.md's sharded job, with targets from both instances' /sd instead of files: the
    // target is the BMC's address (any instance can reach it), the device name rides along.
    const doc = documented('bmcbridge sharded over two instances');
    const job = doc.scrape_configs[0];
    delete job.file_sd_configs;
    job.http_sd_configs = exporters.map((e) => ({ url: `http://${e}/sd?module=default`, refresh_interval: '5s' }));
    job.scrape_interval = '2s';
    job.scrape_timeout = '2s';
    job.relabel_configs = [
      { source_labels: ['__meta_bmcbridge_address'], target_label: '__address__' },
      { source_labels: ['__meta_bmcbridge_device'], target_label: 'device' },
      ...job.relabel_configs.map((r) => (r.replacement === 'bridge-0.example:9290' ? { ...r, replacement: exporters[0] } : r.replacement === 'bridge-1.example:9290' ? { ...r, replacement: exporters[1] } : r)),
      { source_labels: ['__address__'], target_label: 'exporter' },
    ];
    const cfg = path.join(tmp, 'prometheus.yml');
    fs.writeFileSync(cfg, YAML.stringify({ global: { scrape_interval: '2s', scrape_timeout: '2s' }, scrape_configs: [job] }));
    const check = await run('promtool', ['check', 'config', cfg]);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const port = await freePort('tcp');
    promUrl = `http://127.0.0.1:${port}`;
    prom = startProcess(PROMETHEUS, [`--config.file=${cfg}`, `--storage.tsdb.path=${path.join(tmp, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`]);
    await waitFor('prometheus', async () => (await fetch(`${promUrl}/-/ready`)).ok, 30_000);
  });
  after(async () => {
    await prom?.stop();
    for (const b of bridges) await b.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('every device: its series exactly once, from the instance its hashmod names; each instance scraped its shard only', async () => {
    // The inventory, as Prometheus discovers it.
    const inventory = new Map<string, string>();
    for (const e of exporters)
      for (const g of (await (await fetch(`http://${e}/sd?module=default`)).json()) as Array<{ targets: string[]; labels: Record<string, string> }>)
        inventory.set(g.targets[0], g.labels.__meta_bmcbridge_address);
    assert.equal(inventory.size, 2 * HALF);
    const want = [...inventory].map(([device, address]) => `${device} ${exporters[hashmod(address, 2)]} 1`).sort();
    assert.ok(new Set(want.map((w) => w.split(' ')[1])).size === 2, 'both instances have a shard');

    // ~20 s of scraping: wait until every device has reported, then a few scrapes more.
    await waitFor('every device in Prometheus', async () => (await query('count(ipmi_up{collector="bmc"} == 1)'))[0]?.value[1] === String(2 * HALF), 60_000);
    await new Promise((r) => setTimeout(r, 20_000));

    // One series per device and collector, all up, from the instance of its shard.
    for (const collector of COLLECTORS) {
      const got = (await query(`count by (device, exporter) (ipmi_up{collector="${collector}"} == 1)`)).map((r) => `${r.metric.device} ${r.metric.exporter} ${r.value[1]}`).sort();
      assert.deepEqual(got, want, collector);
    }
    const devicesPerSensor = await query('count by (device) (count by (device, exporter) (ipmi_temperature_celsius))');
    assert.deepEqual(
      devicesPerSensor.filter((r) => r.value[1] !== '1').map((r) => r.metric.device),
      [],
    );
    for (const r of await query('count_over_time(ipmi_up{collector="bmc"}[1m])')) assert.ok(Number(r.value[1]) >= 5, `${r.metric.device}: ${r.value[1]} samples`);

    // Each instance's own metrics: it scraped exactly the addresses of its shard.
    for (const [i, e] of exporters.entries()) {
      const self = parseExposition(await (await fetch(`http://${e}/metrics`)).text());
      const scraped = self.filter((s) => s.name === 'bmcbridge_scrape_duration_seconds_count' && s.value > 0).map((s) => s.labels.target).sort();
      const mine = [...inventory.values()].filter((a) => hashmod(a, 2) === i).sort();
      assert.deepEqual(scraped, mine, e);
    }
  });
});
