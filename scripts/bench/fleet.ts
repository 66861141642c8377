/**
 * Fleet figures (issue 8): 1000 virtual BMCs from one `bmcbridge start --devices
 * devices/fleet-1000.yaml` (fresh state directory, WS-Man off, metrics on a free port), in a
 * child process as a user runs it:
 *   - time from spawn to "every BMC listening" (the banner; then an RMCP Presence Ping to all);
 *   - RSS once every BMC listens, --settle seconds after start, and after three
 *     /devices/metrics scrapes of the whole fleet;
 *   - idle CPU over --idle seconds from then, with the sensors moving (% of one core, /proc/PID/stat);
 *   - `ipmitool -I lanplus mc info` against every member (--ipmitool-concurrency at once);
 *   - /devices/metrics of the fleet: time of three scrapes, devices with every collector up;
 *   - in this process, the bridge over the same 1000 devices without listeners: WS-Man
 *     Enumerate + Pull of every CIM_NumericSensor, and a WQL filter across the fleet.
 * The peer: OpenIPMI ipmi_sim, one BMC per process (test/fixtures/ipmi_sim/start.sh), --sims of
 * them started one after another: start time, RSS and idle CPU per BMC, as ratios.
 * Nothing is asserted; the goals (10 s, 300 MB, 5 % of a core) are printed beside the figures.
 *
 *   npx tsx scripts/bench/fleet.ts [--settle 30] [--idle 20] [--sims 20] [--ipmitool-concurrency 4] [--json]
 *
 * Needs dist/ (npm run build).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadInventory, REPO_ROOT } from '../../src/profile';
import type { SimDeviceSpec } from '../../src/profile/types';
import { Bridge } from '../../src/main';
import { createLogger } from '../../src/lib/logger';
import { createWsmanService } from '../../src/frontends/wsman';
import { freePort } from '../../test/frontends/metrics/peers';
import { startIpmiSim, type IpmiSim } from '../../test/client/helpers/ipmi-sim';
import { basic, contextOf, DMTF, ENUM, pywinrmEnvelope, testConfig, WMI, WQL } from '../../test/frontends/wsman/helpers';
import { cpuSeconds, ensureBuilt, mapLimit, pingAll, rssBytes, startBridge } from '../../test/fleet/process';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const FLEET_FILE = path.join(REPO_ROOT, 'devices', 'fleet-1000.yaml');
const MB = 2 ** 20;

export interface FleetFigures {
  members: number;
  readyS: number;
  answeringPing: number;
  rssStartMb: number;
  /** After --settle seconds: V8's memory reducer has shrunk the heap left by loading and starting. */
  rssSettledMb: number;
  settleSeconds: number;
  idleCpuPct: number;
  idleSeconds: number;
  ipmitoolOk: number;
  ipmitoolS: number;
  scrapesS: number[];
  devicesUp: number;
  rssAfterScrapesMb: number;
  wsmanEnumerate: { items: number; pulls: number; seconds: number };
  wql: { rows: number; seconds: number };
  sim: { count: number; startS: number; rssMb: number; idleCpuPct: number };
}

function run(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve) => spawn(cmd, args, { stdio: 'ignore' }).on('close', (c) => resolve(c ?? -1)));
}

/** CPU of `pids` over `seconds`, % of one core. */
async function idleCpu(pids: number[], seconds: number): Promise<number> {
  const c0 = pids.reduce((a, p) => a + cpuSeconds(p), 0);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const c1 = pids.reduce((a, p) => a + cpuSeconds(p), 0);
  return ((c1 - c0) / ((performance.now() - t0) / 1000)) * 100;
}

async function ours(o: { idle: number; settle: number; concurrency: number }): Promise<Omit<FleetFigures, 'sim' | 'wsmanEnumerate' | 'wql'>> {
  const sims = loadInventory(FLEET_FILE).devices.filter((d): d is SimDeviceSpec => d.kind === 'sim');
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fleet-'));
  const port = await freePort('tcp');
  const b = await startBridge(['--devices', FLEET_FILE, '--state', state, '--no-wsman', '--metrics', `127.0.0.1:${port}`, '--log-level', 'warn'], { timeoutMs: 120_000 });
  try {
    const rssStart = rssBytes(b.pid);
    const answered = await pingAll('127.0.0.1', sims.map((s) => s.lan!.port));
    // The idle window starts once start-up's one-off work is over: ~10-30 s after start, V8's
    // memory reducer runs a few full collections (~0.1-0.3 s of CPU) that shrink the heap.
    await new Promise((r) => setTimeout(r, Math.max(0, o.settle * 1000 - b.readyMs)));
    const rssSettled = rssBytes(b.pid);
    const idle = await idleCpu([b.pid], o.idle);
    const t0 = performance.now();
    const ok = await mapLimit(sims, o.concurrency, async (s) => {
      const code = await run('ipmitool', ['-I', 'lanplus', '-H', s.lan!.host, '-p', String(s.lan!.port), '-U', 'admin', '-P', 'password', 'mc', 'info']);
      return code === 0;
    });
    const ipmitoolS = (performance.now() - t0) / 1000;
    const scrapes: number[] = [];
    let up = 0;
    for (let i = 0; i < 3; i++) {
      const s0 = performance.now();
      const text = await (await fetch(`http://127.0.0.1:${port}/devices/metrics`)).text();
      scrapes.push((performance.now() - s0) / 1000);
      const down = new Set([...text.matchAll(/^ipmi_up\{collector="[^"]+",target="([^"]+)"\} 0$/gm)].map((m) => m[1]));
      const seen = new Set([...text.matchAll(/^ipmi_up\{collector="[^"]+",target="([^"]+)"\} 1$/gm)].map((m) => m[1]));
      up = [...seen].filter((t) => !down.has(t)).length;
    }
    return {
      members: sims.length,
      readyS: b.readyMs / 1000,
      answeringPing: answered.size,
      rssStartMb: rssStart / MB,
      rssSettledMb: rssSettled / MB,
      settleSeconds: o.settle,
      idleCpuPct: idle,
      idleSeconds: o.idle,
      ipmitoolOk: ok.filter(Boolean).length,
      ipmitoolS,
      scrapesS: scrapes,
      devicesUp: up,
      rssAfterScrapesMb: rssBytes(b.pid) / MB,
    };
  } finally {
    await b.stop();
    fs.rmSync(state, { recursive: true, force: true });
  }
}

/** The model over the fleet in this process (no listeners): Enumerate + Pull of every NumericSensor, then a WQL filter. */
async function model(): Promise<Pick<FleetFigures, 'wsmanEnumerate' | 'wql'>> {
  const bridge = new Bridge({ log: createLogger({ level: 'warn' }), noListen: true, metrics: false, wsman: false });
  await bridge.start(loadInventory(FLEET_FILE).devices);
  const svc = createWsmanService({ model: bridge.repository, initialConfig: testConfig(), machine: 'bench' });
  await svc.accounts.set('admin', { password: 'secret', groups: ['Administrators'] });
  await svc.app.ready();
  let n = 0;
  const post = async (uri: string, body: string, action: string) =>
    (
      await svc.app.inject({
        method: 'POST',
        url: '/wsman',
        headers: { 'content-type': 'application/soap+xml;charset=UTF-8', authorization: basic('admin', 'secret') },
        payload: pywinrmEnvelope({ action: ENUM + action, resourceUri: uri, body, messageId: `uuid:00000000-0000-0000-0000-${String(++n).padStart(12, '0')}` }),
      })
    ).body;
  const page = async (uri: string, first: string, pattern: RegExp) => {
    let body = await post(uri, first, 'Enumerate');
    let items = 0;
    let pulls = 0;
    for (;;) {
      items += (body.match(pattern) ?? []).length;
      const ctx = contextOf(body);
      if (!ctx) break;
      body = await post(uri, `<n:Pull><n:EnumerationContext>${ctx}</n:EnumerationContext><n:MaxElements>1000</n:MaxElements></n:Pull>`, 'Pull');
      pulls++;
    }
    return { items, pulls };
  };
  try {
    let t = performance.now();
    const e = await page(DMTF + 'CIM_NumericSensor', '<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>1000</w:MaxElements></n:Enumerate>', /<p:DeviceID>/g);
    const enumS = (performance.now() - t) / 1000;
    // Readings are 5 s old at most (the model's default max age): the query reads them again.
    await new Promise((r) => setTimeout(r, 5500));
    t = performance.now();
    const q = await page(WMI + '*', `<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>1000</w:MaxElements><w:Filter Dialect="${WQL}">SELECT SystemName, ElementName, CurrentReading FROM CIM_NumericSensor WHERE BaseUnits = 19 AND CurrentReading &gt; 0</w:Filter></n:Enumerate>`, /<w:XmlFragment/g);
    return { wsmanEnumerate: { ...e, seconds: enumS }, wql: { rows: q.items, seconds: (performance.now() - t) / 1000 } };
  } finally {
    await svc.app.close();
    await bridge.stop();
  }
}

/** ipmi_sim, one BMC per process: `count` of them started one after another. */
async function peers(count: number, idle: number): Promise<FleetFigures['sim']> {
  const sims: IpmiSim[] = [];
  try {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) sims.push(await startIpmiSim());
    const startS = (performance.now() - t0) / 1000 / count;
    await new Promise((r) => setTimeout(r, 3000));
    const rss = sims.reduce((a, s) => a + rssBytes(s.pid), 0) / count / MB;
    const cpu = (await idleCpu(sims.map((s) => s.pid), idle)) / count;
    return { count, startS, rssMb: rss, idleCpuPct: cpu };
  } finally {
    for (const s of sims) await s.stop();
  }
}

export async function runFleet(o: { idle: number; settle: number; sims: number; concurrency: number }): Promise<FleetFigures> {
  await ensureBuilt();
  const a = await ours(o);
  const m = await model();
  const sim = await peers(o.sims, o.idle);
  return { ...a, ...m, sim };
}

export function table(f: FleetFigures): string {
  const cpus = os.cpus();
  const perBmcMb = f.rssStartMb / f.members;
  const r = (x: number, y: number) => (x / y).toFixed(3);
  const yes = (ok: boolean) => (ok ? 'met' : 'not met');
  return [
    `devices/fleet-1000.yaml: ${f.members} virtual BMCs (4 profiles x 250) in one \`bmcbridge start\`; ipmi_sim: ${f.sim.count} processes of one BMC each; ${cpus.length} x ${cpus[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
    '',
    '| figure | bmcbridge, 1000 BMCs | per BMC | ipmi_sim, per BMC (process) | ratio per BMC (ours / ipmi_sim) | issue 8 goal |',
    '|---|---:|---:|---:|---:|---|',
    `| start until every BMC listens (s) | ${f.readyS.toFixed(2)} | ${((f.readyS * 1000) / f.members).toFixed(2)} ms | ${(f.sim.startS * 1000).toFixed(0)} ms | ${r(f.readyS / f.members, f.sim.startS)} | < 10 s: ${yes(f.readyS < 10)} |`,
    `| answering an RMCP ping | ${f.answeringPing} / ${f.members} | | | | all |`,
    `| RSS when every BMC listens (MB) | ${f.rssStartMb.toFixed(0)} | ${(perBmcMb * 1024).toFixed(0)} KB | ${f.sim.rssMb.toFixed(1)} MB | ${r(perBmcMb, f.sim.rssMb)} | < 300 MB: ${yes(f.rssStartMb < 300)} |`,
    `| RSS ${f.settleSeconds} s after start (MB) | ${f.rssSettledMb.toFixed(0)} | ${((f.rssSettledMb / f.members) * 1024).toFixed(0)} KB | | | |`,
    `| idle CPU, sensors moving, ${f.idleSeconds} s from then (% of one core) | ${f.idleCpuPct.toFixed(2)} | ${((f.idleCpuPct / f.members) * 1000).toFixed(2)} m% | ${(f.sim.idleCpuPct * 1000).toFixed(2)} m% | ${f.sim.idleCpuPct > 0 ? r(f.idleCpuPct / f.members, f.sim.idleCpuPct) : 'ipmi_sim idle: 0'} | < 5 %: ${yes(f.idleCpuPct < 5)} |`,
    `| \`ipmitool -I lanplus mc info\` against every member | ${f.ipmitoolOk} / ${f.members} ok in ${f.ipmitoolS.toFixed(1)} s | | | | all |`,
    `| /devices/metrics of the fleet, 3 scrapes (s) | ${f.scrapesS.map((s) => s.toFixed(2)).join(', ')} | | | | < 10 s: ${yes(Math.max(...f.scrapesS) < 10)} |`,
    `| devices with every collector up | ${f.devicesUp} / ${f.members} | | | | all |`,
    `| RSS after the scrapes (MB) | ${f.rssAfterScrapesMb.toFixed(0)} | | | | |`,
    `| WS-Man Enumerate + Pull of every CIM_NumericSensor (in-process) | ${f.wsmanEnumerate.items} instances, ${f.wsmanEnumerate.pulls} Pulls, ${f.wsmanEnumerate.seconds.toFixed(2)} s | | | | paged, never materialised |`,
    `| WQL across the fleet: fans in RPM reading > 0 (in-process) | ${f.wql.rows} rows in ${f.wql.seconds.toFixed(2)} s | | | | |`,
  ].join('\n');
}

if (require.main === module) {
  const o = { idle: arg('idle', 20), settle: arg('settle', 30), sims: arg('sims', 20), concurrency: arg('ipmitool-concurrency', 4) };
  runFleet(o)
    .then((f) => {
      console.log(table(f));
      if (process.argv.includes('--json')) console.log(JSON.stringify({ bench: 'fleet', options: o, figures: f }));
    })
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    });
}
