import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInventory, REPO_ROOT } from '../../src/profile';
import type { SimDeviceSpec } from '../../src/profile/types';
import { defaultModulesConfig } from '../../src/frontends/metrics';
import { requirePeers, run } from '../helpers/peers';
import { freePort } from '../frontends/metrics/peers';
import { ensureBuilt, mapLimit, pingAll, sample, seededRandom, startBridge, Started } from './process';
import { analogThreshold, parseExposition } from './expect';

/**
 * Issue 8: the 1000 virtual BMCs of devices/fleet-1000.yaml from one `bmcbridge start`, in a
 * child process as a user runs it. Every member answers an RMCP Presence Ping on its port; a
 * random sample of 50 answers ipmitool with its own profile's identity, SDRs and power state
 * (FLEET_SEED=<n> draws the same sample again); /devices/metrics has every device, every
 * collector up. Figures (start time, RSS, CPU) are measured by scripts/bench/fleet.ts, never
 * asserted here.
 */
const FLEET_FILE = path.join(REPO_ROOT, 'devices', 'fleet-1000.yaml');
const SAMPLE = 50;

describe('fleet: 1000 virtual BMCs from one bmcbridge start (devices/fleet-1000.yaml)', function () {
  this.timeout(180_000);
  requirePeers(this, ['ipmitool']);

  let sims: SimDeviceSpec[] = [];
  const seed = Number(process.env.FLEET_SEED ?? Date.now() % 1_000_000);
  let state: string;
  let bridge: Started;
  let metricsPort: number;

  before(async function () {
    this.timeout(300_000);
    sims = loadInventory(FLEET_FILE).devices.filter((d): d is SimDeviceSpec => d.kind === 'sim');
    await ensureBuilt();
    state = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-fleet-'));
    metricsPort = await freePort('tcp');
    bridge = await startBridge(['--devices', FLEET_FILE, '--state', state, '--no-wsman', '--metrics', `127.0.0.1:${metricsPort}`, '--log-level', 'warn'], { timeoutMs: 120_000 });
  });
  after(async () => {
    await bridge?.stop();
    if (state) fs.rmSync(state, { recursive: true, force: true });
  });

  it('the devices file holds 1000 members, each on its own port; the bridge says it runs all of them', () => {
    assert.equal(sims.length, 1000);
    assert.equal(new Set(sims.map((s) => s.lan!.port)).size, 1000);
    assert.equal(bridge.devices, 1000);
  });

  it('every member answers an RMCP Presence Ping on its UDP port', async () => {
    const ports = sims.map((s) => s.lan!.port);
    const answered = await pingAll('127.0.0.1', ports);
    const silent = ports.filter((p) => !answered.has(p));
    assert.deepEqual(silent, [], `${silent.length} ports did not answer`);
  });

  it(`a random sample of ${SAMPLE} answers ipmitool mc info, mc guid, sdr elist and chassis status as its profile says`, async () => {
    const chosen = sample(sims, SAMPLE, seededRandom(seed));
    const failures: string[] = [];
    await mapLimit(chosen, 4, async (d) => {
      const ipmitool = (...cmd: string[]) => run('ipmitool', ['-I', 'lanplus', '-H', d.lan!.host, '-p', String(d.lan!.port), '-U', 'admin', '-P', 'password', '-N', '2', '-R', '3', ...cmd], { timeout: 60_000 });
      const id = d.profile.identity;
      const where = `${d.name} (${d.lan!.host}:${d.lan!.port}, FLEET_SEED=${seed})`;
      const check = (what: string, ok: boolean, detail: string) => ok || failures.push(`${where}: ${what}: ${detail}`);

      const mc = await ipmitool('mc', 'info');
      const field = (name: string) => new RegExp(`^${name}\\s*: (.*)$`, 'm').exec(mc.stdout)?.[1];
      check('mc info exit', mc.status === 0, mc.stderr);
      check('Device ID', field('Device ID') === String(id.deviceId), String(field('Device ID')));
      check('Firmware Revision', field('Firmware Revision') === `${id.firmwareMajor}.${String(id.firmwareMinor).padStart(2, '0')}`, String(field('Firmware Revision')));
      check('Manufacturer ID', field('Manufacturer ID') === String(id.manufacturerId), String(field('Manufacturer ID')));
      check('Product ID', field('Product ID') === `${id.productId} (0x${id.productId.toString(16).padStart(4, '0')})`, String(field('Product ID')));

      // Each member has its own system GUID, derived from the fleet's name and its index.
      const guid = await ipmitool('mc', 'guid');
      check('mc guid', /^System GUID\s*: (.*)$/m.exec(guid.stdout)?.[1] === id.systemGuid, guid.stdout + guid.stderr);

      const sdr = await ipmitool('sdr', 'elist');
      check('sdr elist exit', sdr.status === 0, sdr.stderr);
      const listed = sdr.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('|').map((f) => f.trim()))
        .map(([name, num]) => `${name} ${num}`);
      const want = d.profile.sensors!.map((s) => `${s.name} ${s.number.toString(16).toUpperCase().padStart(2, '0')}h`);
      check('sdr elist sensors', JSON.stringify(listed) === JSON.stringify(want), `got ${listed.length} [${listed.slice(0, 3).join(', ')}, ...], want ${want.length}`);

      const ch = await ipmitool('chassis', 'status');
      check('chassis status', /^System Power\s*: (\w+)$/m.exec(ch.stdout)?.[1] === d.profile.initialPower, ch.stdout + ch.stderr);
    });
    assert.deepEqual(failures, []);
  });

  it('/devices/metrics covers every device, every collector of the default module up', async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/devices/metrics`);
    assert.equal(res.status, 200);
    const series = parseExposition(await res.text());
    const collectors = defaultModulesConfig().modules.get('default')!.collectors;
    const up = series.filter((s) => s.name === 'ipmi_up');
    assert.equal(up.length, sims.length * collectors.length);
    assert.deepEqual(
      up.filter((s) => s.value !== 1).map((s) => `${s.labels.target}/${s.labels.collector}`),
      [],
    );
    assert.deepEqual(new Set(up.map((s) => s.labels.target)), new Set(sims.map((s) => s.name)));
    // Every analog threshold sensor of every device is a series with a value (ipmi_*_celsius, _rpm, _volts, ...).
    const perTarget = new Map<string, number>();
    for (const s of series) if (s.labels.target && s.labels.id && /_(celsius|rpm|volts|watts|amperes|ratio|value)$/.test(s.name) && Number.isFinite(s.value)) perTarget.set(s.labels.target, (perTarget.get(s.labels.target) ?? 0) + 1);
    const wrong = sims.filter((d) => perTarget.get(d.name) !== d.profile.sensors!.filter(analogThreshold).length).map((d) => `${d.name}: ${perTarget.get(d.name)}`);
    assert.deepEqual(wrong, []);
  });
});
