/**
 * Device-layer speed: read the full SDR repository and every sensor reading from one BMC, with
 * our client (cold: new session, nothing cached; warm: the same device again, SDRs cached) and
 * with the peers in the same run: `ipmitool sdr elist full` (one process: login, SDRs,
 * readings) and FreeIPMI `ipmi-sensors` (cold: empty SDR cache directory; warm: its on-disk SDR
 * cache filled). Wall time: the median of --runs runs straight against the BMC; UDP packets
 * (both directions): one more run through a counting UDP proxy in front of the BMC (timing
 * through the proxy would add its own latency to every packet).
 *
 *   npx tsx scripts/bench/client-sdr.ts [--target vbmc|ipmi_sim] [--sensors 60] [--runs 9]
 *
 * --target vbmc (default): our virtual BMC with a generated profile of N threshold sensors
 * (temperature, voltage, fan), run as users run it: the built CLI (`bmcbridge sim`) in its own
 * process.
 * --target ipmi_sim: OpenIPMI ipmi_sim with a generated command file of N threshold sensors
 * (Full Sensor Records built with src/codec/records/sdr), started by
 * test/fixtures/ipmi_sim/start.sh. ipmi_sim returns at most 33 bytes per Get SDR, so every tool
 * reads each record in two or more parts there; that cost is in the cold numbers only.
 *
 * Both servers are timed in their steady state: first 3000 logins from our client
 * (scripts/bench/warm.ts), then --warmup untimed runs of each reader before its timed runs.
 * Before this, the readers measured first (ours) met a virtual BMC whose request path V8 had not
 * yet compiled, and the ones measured last met a warm one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { encodeSdr } from '../../src/codec/records/sdr';
import { BmcDevice, IpmiClient, LanLink } from '../../src/client';
import { fullSensor } from '../../test/client/helpers/records';
import { startIpmiSim } from '../../test/client/helpers/ipmi-sim';
import { warmUp, WARM_LOGINS } from './warm';
import { startSimCli } from './sim-cli';
import { countingProxy, type CountingProxy } from './udp-proxy';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const SENSORS = arg('sensors', 60);
const RUNS = arg('runs', 9);
const WARMUP = arg('warmup', 3);
const TARGET = process.argv.includes('--target') ? process.argv[process.argv.indexOf('--target') + 1] : 'vbmc';

/** A profile for the virtual BMC: `n` threshold sensors, no users (`bmcbridge sim --user` adds admin). */
function profileYaml(n: number): string {
  const lines = [
    'description: client-sdr benchmark BMC',
    'identity: { deviceId: 0x20, deviceRevision: 1, providesSdrs: false, firmwareMajor: 1, firmwareMinor: 0, manufacturerId: 343, productId: 0x0b2c }',
    'lan: { ipAddress: 192.0.2.10, ipSource: static, macAddress: "02:00:5e:10:00:10", subnetMask: 255.255.255.0, defaultGateway: 192.0.2.1, vlanId: 0 }',
    'security: { cipherSuites: [3, 17], authTypes: [md5], maxSessions: 16, sessionTimeoutSec: 60 }',
    'powerOnDelayMs: 0',
    'initialPower: "on"',
    'sensors:',
  ];
  for (let i = 1; i <= n; i++) {
    const k = i % 3;
    const [name, type, units, factors, unc, ucr, initial] = [
      ['Temp', 'Temperature', 'degrees C', '', 80, 90, 40],
      ['Volt', 'Voltage', 'Volts', 'factors: { m: 6, rExp: -2 }, ', 13, 14, 12],
      ['Fan', 'Fan', 'RPM', 'factors: { m: 50 }, ', 9000, 10000, 5000],
    ][k];
    lines.push(`  ${name} ${i}: { number: ${i}, entity: [0x07, 1], type: ${type}, units: ${units}, ${factors}thresholds: { unc: ${unc}, ucr: ${ucr} }, initial: ${initial} }`);
  }
  return lines.join('\n') + '\n';
}

/** The BMC under test: host port, and how to stop it. */
async function startBmc(dir: string): Promise<{ port: number; stop: () => Promise<void>; name: string }> {
  if (TARGET === 'ipmi_sim') {
    const emuFile = path.join(dir, 'bench.emu');
    fs.writeFileSync(emuFile, emu(SENSORS));
    const sim = await startIpmiSim({ emu: emuFile });
    return { port: sim.port, stop: sim.stop, name: 'ipmi_sim 2.0.33' };
  }
  const file = path.join(dir, 'bench.yaml');
  fs.writeFileSync(file, profileYaml(SENSORS));
  const { port, stop } = await startSimCli(file);
  return { port, stop, name: 'the virtual BMC (separate process)' };
}

const hx = (b: Buffer) => [...b].map((x) => `0x${x.toString(16).padStart(2, '0')}`).join(' ');

/** An ipmi_sim command file: one BMC with `n` temperature/voltage/fan threshold sensors. */
function emu(n: number): string {
  const lines = ['mc_setbmc 0x20', 'mc_add 0x20 0x20 no-device-sdrs 0x01 0x03 0x07 0x9f 0x00a2b3 0x5678', 'sel_enable 0x20 128 0x0a', 'sensor_add 0x20 0 0 0x23 0x6f event-only'];
  for (let i = 1; i <= n; i++) {
    const kind = i % 3;
    const rec = fullSensor({ num: i, name: `${['Temp', 'Volt', 'Fan'][kind]} ${i}`, type: [0x01, 0x02, 0x04][kind], unit: [1, 4, 18][kind], m: [1, 6, 50][kind], rExp: [0, -2, 0][kind] });
    lines.push(`sensor_add 0x20 0 ${i} 0x${rec.sensorType.toString(16).padStart(2, '0')} 0x01`);
    lines.push(`sensor_set_threshold 0x20 0 ${i} settable 111000 0x64 0x5a 0x50 0x00 0x00 0x00`);
    // Without "enable scanning" ipmi_sim reports the sensor's scanning as disabled (no reading).
    lines.push(`sensor_set_event_support 0x20 0 ${i} enable scanning per-state 000111111111111 000111111111111 000111111111111 000111111111111`);
    lines.push(`sensor_set_value 0x20 0 ${i} 0x${(40 + (i % 30)).toString(16)} 0`);
    lines.push(`main_sdr_add 0x20 ${hx(encodeSdr(rec))}`);
  }
  lines.push('mc_enable 0x20');
  return lines.join('\n') + '\n';
}

function exec(cmd: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

interface Sample {
  ms: number;
  packets: number;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Wall time is measured straight against the BMC (a proxy in this process would add its own
 * latency to every packet); the packets are counted in one more run through the proxy.
 */
async function measure(
  label: string,
  p: CountingProxy,
  once: (port: number) => Promise<number>,
  direct: number,
  check: (n: number) => void,
): Promise<{ label: string; ms: number; packets: number }> {
  for (let i = 0; i < WARMUP; i++) check(await once(direct));
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const n = await once(direct);
    times.push(performance.now() - t0);
    check(n);
  }
  p.reset();
  check(await once(p.port));
  // Let late answers (to Close Session) reach the counter.
  await new Promise((r) => setTimeout(r, 50));
  return { label, ms: median(times), packets: p.packets() };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-bench-'));
  const sim = await startBmc(dir);
  await warmUp(sim.port);
  const p = await countingProxy(sim.port);
  const expect = (what: string) => (n: number) => {
    if (n !== SENSORS) throw new Error(`${what}: ${n} sensors read, expected ${SENSORS}`);
  };
  try {
    const rows = [];
    const lan = (port: number) => ({ host: '127.0.0.1', port, user: 'admin', password: 'password', cipherSuite: 3 }) as const;
    rows.push(
      await measure('ours, cold (login, SDRs, readings)', p, async (port) => {
        const dev = new BmcDevice(new IpmiClient(new LanLink(lan(port))));
        const n = (await dev.sensors()).filter((r) => r.valid).length;
        await dev.close();
        return n;
      }, sim.port, expect('ours cold')),
    );
    // Warm: a device the bridge keeps (session open, SDRs cached), one per target port, primed
    // before the clock starts.
    const warm = new Map<number, BmcDevice>();
    for (const port of [sim.port, p.port]) {
      const dev = new BmcDevice(new IpmiClient(new LanLink(lan(port))));
      await dev.sensors();
      warm.set(port, dev);
    }
    rows.push(await measure('ours, warm (same session, SDRs cached)', p, async (port) => (await warm.get(port)!.sensors()).filter((r) => r.valid).length, sim.port, expect('ours warm')));
    for (const d of warm.values()) await d.close();
    rows.push(
      await measure('ipmitool -I lanplus -C 3 sdr elist full', p, async (port) => {
        const r = await exec('ipmitool', ['-I', 'lanplus', '-C', '3', '-H', '127.0.0.1', '-p', String(port), '-U', 'admin', '-P', 'password', 'sdr', 'elist', 'full']);
        return r.stdout.trim().split('\n').filter((l) => / \| ok  \| /.test(l)).length;
      }, sim.port, expect('ipmitool')),
    );
    const cache = path.join(dir, 'freeipmi-cache');
    const freeipmi = (port: number) =>
      // -W opensesspriv for ipmi_sim: it answers Open Session with maximum privilege 0, which FreeIPMI refuses otherwise.
      exec('ipmi-sensors', ['-h', `127.0.0.1:${port}`, '-u', 'admin', '-p', 'password', '-l', 'ADMIN', '-D', 'LAN_2_0', '-I', '3', ...(TARGET === 'ipmi_sim' ? ['-W', 'opensesspriv'] : []), '--sdr-cache-directory', cache, '--quiet-cache', '--no-header-output']).then(
        (r) => r.stdout.trim().split('\n').filter((l) => / \| 'OK'$/.test(l)).length,
      );
    rows.push(
      await measure('FreeIPMI ipmi-sensors, cold (empty SDR cache)', p, async (port) => {
        fs.rmSync(cache, { recursive: true, force: true });
        // FreeIPMI wants the cache directory to exist and be private to the user.
        fs.mkdirSync(cache, { mode: 0o700 });
        return freeipmi(port);
      }, sim.port, expect('ipmi-sensors cold')),
    );
    rows.push(await measure('FreeIPMI ipmi-sensors, warm (SDR cache on disk)', p, freeipmi, sim.port, expect('ipmi-sensors warm')));

    const best = rows[1];
    console.log(`\n${SENSORS} sensors on ${sim.name} (127.0.0.1): wall time median of ${RUNS} runs (steady state: after ${WARM_LOGINS} logins from our client and ${WARMUP} untimed runs of each reader), packets (both directions) of one more run through a counting UDP proxy\n`);
    console.log('| reader | wall time (ms) | UDP packets | ours warm is faster by | fewer packets |');
    console.log('|---|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.label} | ${r.ms.toFixed(1)} | ${r.packets} | ${(r.ms / best.ms).toFixed(1)}x | ${(r.packets / best.packets).toFixed(2)}x |`);
  } finally {
    p.close();
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
