/**
 * Issue 3 speed: the hardware side of the virtual BMC.
 *
 * 1. Tool wall time against a BMC with N threshold sensors: `ipmitool sdr elist full` and
 *    FreeIPMI `ipmi-sensors` (cold: empty SDR cache; warm: cache kept), median of --runs runs,
 *    against our virtual BMC (its own process: the built CLI, `bmcbridge sim`) and against
 *    OpenIPMI ipmi_sim serving the same records (the SDR bytes our BMC builds from the same
 *    profile, written into an ipmi_sim command file; started with test/fixtures/ipmi_sim/start.sh).
 * 2. Idle cost of simulation: --bmcs virtual BMCs with --moving moving sensors each (sine, noise,
 *    random walk, follow the load or another sensor, with power coupling) in this process, UDP
 *    listeners open, nobody reading: CPU time over --idle seconds as % of one core. Three times:
 *    BMCs without sensors (the baseline: session sweeps, UDP sockets), every value inside its
 *    thresholds (the normal case: no scan timer at all), and ranges that reach a threshold
 *    (every BMC scans its sensors once a second).
 *
 *   npx tsx scripts/bench/hardware.ts [--sensors 50] [--runs 7] [--warmup 20] [--bmcs 100] [--moving 50] [--idle 10] [--skip-tools] [--skip-idle]
 *
 *    The tool times are those of BMCs in their steady state: each has served 3000 logins from
 *    our client (scripts/bench/warm.ts says why) and --warmup rounds of the three commands, none
 *    counted. The first `sdr elist full` against each freshly started BMC is printed on its own,
 *    and so are the round trips of each command (one more run through a counting UDP proxy) with
 *    the difference in wall time per round trip.
 *   npx tsx scripts/bench/hardware.ts --hold [--sensors 50]   (start both BMCs, print the tool commands, run until Ctrl-C)
 *
 * Prints ratios against ipmi_sim measured in the same run; no thresholds are asserted (DESIGN.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawn, execFileSync } from 'node:child_process';
import { loadProfileRef } from '../../src/profile';
import type { ProfileSpec } from '../../src/profile/types';
import { buildSdrRecords } from '../../src/bmc/state/sdr';
import { encodeSdr } from '../../src/codec/records/sdr';
import { valueToRaw } from '../../src/codec/sensor';
import { VirtualBmc } from '../../src/bmc/device';
import { LanServer } from '../../src/bmc/server';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { silentLogger } from '../../src/lib/logger';
import { warmUp, WARM_LOGINS } from './warm';
import { startSimCli } from './sim-cli';
import { countingProxy } from './udp-proxy';
import { freeUdpPort as freePort } from '../../test/client/helpers/ipmi-sim';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const SENSORS = arg('sensors', 50);
const RUNS = arg('runs', 7);
const WARMUP = arg('warmup', 10);
const BMCS = arg('bmcs', 100);
const MOVING = arg('moving', 50);
const IDLE_SEC = arg('idle', 10);
const ROOT = path.resolve(__dirname, '../..');
const IPMI_SIM = path.join(ROOT, 'test/fixtures/ipmi_sim');

const IDENTITY = [
  'identity: { deviceId: 0x20, deviceRevision: 1, providesSdrs: false, firmwareMajor: 1, firmwareMinor: 0, manufacturerId: 343, productId: 0x0b2c }',
  'lan: { ipAddress: 192.0.2.10, ipSource: static, macAddress: "02:00:5e:10:00:10", subnetMask: 255.255.255.0, defaultGateway: 192.0.2.1, vlanId: 0 }',
  'security: { cipherSuites: [3, 17], authTypes: [md5, password], maxSessions: 16, sessionTimeoutSec: 60 }',
  'initialPower: "on"',
];

/** N static threshold sensors (temperature, voltage, fan) with all six thresholds, for the tools run. */
function staticProfile(n: number): string {
  const out = [...IDENTITY, 'sensors:'];
  for (let i = 1; i <= n; i++) {
    const [name, type, units, factors, thr, initial] = [
      ['Temp', 'Temperature', 'degrees C', '', '{ lnr: 0, lcr: 5, lnc: 10, unc: 80, ucr: 90, unr: 100 }', 40],
      ['Volt', 'Voltage', 'Volts', 'factors: { m: 6, rExp: -2 }, ', '{ lnr: 10.2, lcr: 10.8, lnc: 11.28, unc: 12.72, ucr: 13.2, unr: 13.8 }', 12.06],
      ['Fan', 'Fan', 'RPM', 'factors: { m: 50 }, ', '{ lnr: 500, lcr: 800, lnc: 1000, unc: 11000, ucr: 12000, unr: 12500 }', 5000],
    ][i % 3] as [string, string, string, string, string, number];
    out.push(`  ${name} ${i}: { number: ${i}, entity: [0x07, 1], type: ${type}, units: ${units}, ${factors}thresholds: ${thr}, hysteresis: { positive: 0, negative: 0 }, initial: ${initial} }`);
  }
  return out.join('\n') + '\n';
}

/**
 * `moving` sensors that change all the time, with power coupling; `crossing` makes their ranges
 * reach a threshold (so the BMC must scan them), otherwise they stay well inside.
 */
function movingProfile(n: number, crossing: boolean): string {
  const out = [...IDENTITY, 'simulation: { load: { initial: 0.4, behaviour: { kind: sine, amplitude: 0.2, periodSec: 600 }, jitter: 0.02 } }', 'sensors:'];
  const unc = crossing ? 44 : 85;
  out.push(`  CPU: { number: 1, type: Temperature, units: degrees C, thresholds: { unc: ${unc}, ucr: 95 }, initial: 40, behaviour: { kind: follow, source: load, input: [0, 1], output: [35, 55] }, jitter: 0.5, whenOff: { value: 25, tauSec: 60 } }`);
  const kinds = [
    '{ kind: sine, amplitude: 4, periodSec: 300 }',
    '{ kind: noise, amplitude: 2, stepSec: 5 }',
    '{ kind: randomWalk, amplitude: 5, stepSec: 30 }',
    '{ kind: follow, source: CPU, input: [35, 55], output: [30, 48] }',
    '{ kind: follow, source: load, input: [0, 1], output: [30, 50] }',
  ];
  for (let i = 2; i <= n; i++) {
    const b = kinds[i % kinds.length];
    out.push(`  T${i}: { number: ${i}, type: Temperature, units: degrees C, thresholds: { lnc: 5, unc: ${unc}, ucr: 95 }, initial: 40, behaviour: ${b}, whenOff: { value: 25, tauSec: 120 } }`);
  }
  return out.join('\n') + '\n';
}

const hx = (b: Buffer) => [...b].map((x) => `0x${x.toString(16).padStart(2, '0')}`).join(' ');

/** An ipmi_sim command file serving exactly the SDRs our BMC builds from `profile`, readings and thresholds set to match. */
function emuOf(profile: ProfileSpec): string {
  const lines = ['mc_setbmc 0x20', 'mc_add 0x20 0x20 no-device-sdrs 0x01 0x01 0x00 0x9f 0x000157 0x0b2c', 'sel_enable 0x20 512 0x0a', 'sensor_add 0x20 0 0 0x23 0x6f event-only'];
  const records = buildSdrRecords(profile).filter((r) => r.kind === 'full');
  for (const s of profile.sensors!) {
    const a = s.analog!;
    const p = { ...a.factors, linearization: a.linearization, analogDataFormat: a.format };
    const raw = (t: keyof typeof a.thresholds) => (a.thresholds[t] === undefined ? 0 : valueToRaw(a.thresholds[t]!, p));
    const thr = [raw('upperNonRecoverable'), raw('upperCritical'), raw('upperNonCritical'), raw('lowerNonRecoverable'), raw('lowerCritical'), raw('lowerNonCritical')];
    lines.push(`sensor_add 0x20 0 ${s.number} 0x${s.sensorType.toString(16)} 0x01`);
    lines.push(`sensor_set_threshold 0x20 0 ${s.number} settable 111111 ${thr.map((v) => `0x${v.toString(16)}`).join(' ')}`);
    lines.push(`sensor_set_event_support 0x20 0 ${s.number} enable scanning per-state 000111111111111 000111111111111 000111111111111 000111111111111`);
    lines.push(`sensor_set_value 0x20 0 ${s.number} 0x${valueToRaw(a.initial, p).toString(16)} 0`);
  }
  for (const r of records) lines.push(`main_sdr_add 0x20 ${hx(encodeSdr({ ...r, recordId: 0 }))}`);
  lines.push('mc_enable 0x20');
  return lines.join('\n') + '\n';
}

interface Target {
  name: string;
  port: number;
  /** Extra FreeIPMI options (ipmi_sim answers a "highest privilege" open session request with 0). */
  freeipmi: string[];
  stop(): Promise<void>;
}

/** Our virtual BMC as users run it: the built CLI (`bmcbridge sim`), not this script's TypeScript loader. */
async function startOurs(file: string, dir: string): Promise<Target> {
  const { port, stop } = await startSimCli(file);
  return { name: 'bmcbridge virtual BMC', port, freeipmi: [], stop };
}

async function startIpmiSim(dir: string, profile: ProfileSpec): Promise<Target> {
  const emu = path.join(dir, 'bench.emu');
  fs.writeFileSync(emu, emuOf(profile));
  const run = path.join(dir, 'ipmi_sim');
  fs.mkdirSync(run, { recursive: true });
  const port = await freePort();
  execFileSync(path.join(IPMI_SIM, 'start.sh'), [String(port), run, emu], { stdio: ['ignore', 'pipe', 'inherit'] });
  return {
    name: 'OpenIPMI ipmi_sim',
    port,
    freeipmi: ['-W', 'opensesspriv'],
    stop: async () => void execFileSync(path.join(IPMI_SIM, 'stop.sh'), [run], { stdio: 'ignore' }),
  };
}

async function timed(cmd: string, args: string[]): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${out.slice(0, 400)}`))));
  });
  return performance.now() - t0;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const COMMANDS = ['ipmitool sdr elist full', 'ipmi-sensors (cold cache)', 'ipmi-sensors (warm cache)'] as const;

/**
 * Every tool's wall time against each target, the targets in turns (run i against one, then the
 * other). `trips` gets, per target, each tool's requests answered in one more run through a
 * counting proxy: the round trips a run waits for, to put the difference in wall time per round
 * trip beside what udp-floor measures per packet.
 */
async function toolTimes(targets: Target[], dir: string, first: number[], trips: Array<Record<string, number>>): Promise<Array<Record<string, number>>> {
  const ipmitool = (t: Target) => ['-I', 'lanplus', '-C', '3', '-H', '127.0.0.1', '-p', String(t.port), '-U', 'admin', '-P', 'password', 'sdr', 'elist', 'full'];
  const fi = (t: Target, cache: string) => ['-h', `127.0.0.1:${t.port}`, '-u', 'admin', '-p', 'password', '-l', 'ADMIN', '-D', 'LAN_2_0', ...t.freeipmi, '--sdr-cache-directory', cache, '--quiet-cache'];
  const warm: string[] = [];
  for (const t of targets) {
    // Both BMCs must serve every sensor with a reading, or the times compare different work.
    const t0 = performance.now();
    const listed = execFileSync('ipmitool', ipmitool(t), { encoding: 'utf8' }).trim().split('\n');
    first.push(performance.now() - t0);
    const read = listed.filter((l) => / ok  \|/.test(l)).length;
    if (listed.length !== SENSORS || read !== SENSORS) throw new Error(`${t.name}: ipmitool listed ${listed.length} sensors, ${read} read ok, expected ${SENSORS}:\n${listed.join('\n')}`);
    const w = fs.mkdtempSync(path.join(dir, 'warm-'));
    await timed('ipmi-sensors', fi(t, w));
    warm.push(w);
  }
  const out = targets.map(() => Object.fromEntries(COMMANDS.map((c) => [c, [] as number[]])) as Record<(typeof COMMANDS)[number], number[]>);
  // Warm-up, the same for both BMCs, not counted.
  for (const t of targets) await warmUp(t.port);
  for (let i = 0; i < WARMUP; i++)
    for (const [k, t] of targets.entries()) {
      await timed('ipmitool', ipmitool(t));
      await timed('ipmi-sensors', fi(t, fs.mkdtempSync(path.join(dir, 'cold-'))));
      await timed('ipmi-sensors', fi(t, warm[k]));
    }
  for (let i = 0; i < RUNS; i++)
    for (const [k, t] of targets.entries()) {
      out[k]['ipmitool sdr elist full'].push(await timed('ipmitool', ipmitool(t)));
      out[k]['ipmi-sensors (cold cache)'].push(await timed('ipmi-sensors', fi(t, fs.mkdtempSync(path.join(dir, 'cold-')))));
      out[k]['ipmi-sensors (warm cache)'].push(await timed('ipmi-sensors', fi(t, warm[k])));
    }
  for (const [k, t] of targets.entries()) {
    const p = await countingProxy(t.port);
    const via = { ...t, port: p.port };
    const n: Record<string, number> = {};
    try {
      const count = async (c: (typeof COMMANDS)[number], run: () => Promise<unknown>) => {
        p.reset();
        await run();
        // Let the answer to Close Session reach the counter.
        await new Promise((r) => setTimeout(r, 50));
        n[c] = p.replies();
      };
      await count('ipmitool sdr elist full', () => timed('ipmitool', ipmitool(via)));
      await count('ipmi-sensors (cold cache)', () => timed('ipmi-sensors', fi(via, fs.mkdtempSync(path.join(dir, 'cold-')))));
      // FreeIPMI names its cache after host:port, so the proxy's address needs a cache of its own.
      const viaCache = fs.mkdtempSync(path.join(dir, 'warm-'));
      await timed('ipmi-sensors', fi(via, viaCache));
      await count('ipmi-sensors (warm cache)', () => timed('ipmi-sensors', fi(via, viaCache)));
    } finally {
      p.close();
    }
    trips.push(n);
  }
  return out.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, median(v)])));
}

async function tools(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hw-'));
  try {
    const file = path.join(dir, 'bench.yaml');
    fs.writeFileSync(file, staticProfile(SENSORS));
    const profile = loadProfileRef(file);
    // Both run at once and are measured in turns: this machine's latency drifts between minutes.
    const targets = [await startOurs(file, dir), await startIpmiSim(dir, profile)];
    let times: Array<Record<string, number>>;
    const first: number[] = [];
    const trips: Array<Record<string, number>> = [];
    try {
      times = await toolTimes(targets, dir, first, trips);
    } finally {
      for (const t of targets) await t.stop();
    }
    console.log(`\n1. Peer tool wall time, ${SENSORS} threshold sensors (Full Sensor Records), median of ${RUNS} runs, steady state (after ${WARM_LOGINS} logins and ${WARMUP} warm-up rounds), the two BMCs in turns, ms`);
    const [ours, sim] = times;
    console.log(`${'command'.padEnd(28)} ${targets[0].name.padStart(24)} ${targets[1].name.padStart(20)}  ratio (ours / ipmi_sim)`);
    for (const k of Object.keys(ours)) console.log(`${k.padEnd(28)} ${ours[k].toFixed(1).padStart(24)} ${sim[k].toFixed(1).padStart(20)}  ${(ours[k] / sim[k]).toFixed(2)}`);
    console.log(`first sdr elist full, fresh ${first[0].toFixed(1).padStart(24)} ${first[1].toFixed(1).padStart(20)}  ${(first[0] / first[1]).toFixed(2)}`);
    console.log(`\nRound trips per run (requests answered, one more run of each through a counting proxy), and the difference in wall time per round trip (ours - ipmi_sim):`);
    for (const k of Object.keys(ours)) {
      const [a, b] = [trips[0]?.[k], trips[1]?.[k]];
      console.log(`round trips: ${k}: ${a} / ${b}; ${(((ours[k] - sim[k]) * 1000) / a).toFixed(1)} µs per round trip`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Scenario = 'no sensors' | 'values inside thresholds' | 'ranges reach a threshold';

async function idle(scenario: Scenario, warmUp = false): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-idle-'));
  const file = path.join(dir, 'moving.yaml');
  fs.writeFileSync(file, scenario === 'no sensors' ? IDENTITY.join('\n') + '\n' : movingProfile(MOVING, scenario === 'ranges reach a threshold'));
  const base = loadProfileRef(file);
  const bmcs: Array<{ bmc: VirtualBmc; lan: LanServer }> = [];
  for (let i = 0; i < BMCS; i++) {
    const profile: ProfileSpec = { ...base, users: [{ name: 'admin', password: 'password', privilege: 'administrator' }], simulation: { ...base.simulation!, seed: `bmc-${i}` } };
    const bmc = new VirtualBmc({ name: `bmc-${i}`, profile, log: silentLogger, handlers: [...standardHandlers, ...sessionHandlers] });
    const lan = new LanServer(bmc);
    await lan.listen('127.0.0.1', 0);
    bmcs.push({ bmc, lan });
  }
  const watched = bmcs.reduce((n, b) => n + b.bmc.sensors.watching.length, 0);
  const scanning = bmcs.filter((b) => b.bmc.sensors.scanActive).length;
  // Let start-up work and its garbage collection settle, then measure. A full collection starts
  // V8's memory reducer, whose own collections follow 8-12 s later: the window opens after them
  // (it used to open 3 s after, and caught them in some runs and not in others: 0.6-2.2 %).
  global.gc?.();
  await new Promise((r) => setTimeout(r, warmUp ? 3000 : 20_000));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, (warmUp ? 2 : IDLE_SEC) * 1000));
  const c = process.cpuUsage(c0);
  const wallUs = (performance.now() - t0) * 1000;
  const pct = ((c.user + c.system) / wallUs) * 100;
  const sample = bmcs[0].bmc.sensors.all().slice(0, 3).map((s) => `${s.name}=${bmcs[0].bmc.sensors.value(s)!.toFixed(2)}`);
  const sensors = bmcs[0].bmc.sensors.all().length;
  if (!warmUp)
    console.log(
    `${scenario}: ${BMCS} BMCs x ${sensors} moving sensors, ${watched} sensors watched, ${scanning} BMCs scanning: ` +
      `${pct.toFixed(3)} % of one core over ${IDLE_SEC} s (user ${(c.user / 1000).toFixed(1)} ms, system ${(c.system / 1000).toFixed(1)} ms); RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB; e.g. ${sample.join(', ')}`,
  );
  for (const b of bmcs) {
    await b.lan.close();
    b.bmc.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Each idle scenario in a fresh process, so one's garbage is not collected during another's window. */
async function idleInChild(scenario: Scenario): Promise<void> {
  // tsx's CommonJS hook only: its ESM loader runs a thread of its own, whose garbage collections
  // would land in the measured window.
  const args = ['--require', require.resolve('tsx/cjs'), '--expose-gc', __filename, '--idle-child', scenario, ...process.argv.slice(2)];
  await new Promise<void>((resolve, reject) => {
    const c = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`idle scenario "${scenario}" exited ${code}`))));
  });
}

/** Both targets up with the same records, and the commands the benchmark times, for looking closer (strace, -vv). */
async function hold(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hw-'));
  const file = path.join(dir, 'bench.yaml');
  fs.writeFileSync(file, staticProfile(SENSORS));
  const targets = [await startOurs(file, dir), await startIpmiSim(dir, loadProfileRef(file))];
  for (const t of targets)
    console.log(`${t.name}:\n  ipmitool -I lanplus -C 3 -H 127.0.0.1 -p ${t.port} -U admin -P password sdr elist full\n  ipmi-sensors -h 127.0.0.1:${t.port} -u admin -p password -l ADMIN -D LAN_2_0 ${t.freeipmi.join(' ')} --sdr-cache-directory ${dir}/cache-${t.port} --quiet-cache`);
  await new Promise<void>((r) => {
    process.once('SIGINT', () => r());
    process.once('SIGTERM', () => r());
  });
  for (const t of targets) await t.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (process.argv.includes('--hold')) return hold();
  const child = process.argv.indexOf('--idle-child');
  if (child > 0) {
    // A first round warms up the JIT and the allocator (not reported), then the scenario.
    await idle('values inside thresholds', true);
    await idle(process.argv[child + 1] as Scenario);
    return;
  }
  if (!process.argv.includes('--skip-tools')) await tools();
  if (!process.argv.includes('--skip-idle')) {
    console.log(`\n2. Idle cost of simulation (one process per scenario, nobody reading)`);
    for (const s of ['no sensors', 'values inside thresholds', 'ranges reach a threshold'] as Scenario[]) await idleInChild(s);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
