/**
 * Issue 2 benchmark: our virtual BMC against OpenIPMI ipmi_sim, same run, same machine.
 *   (a) one `ipmitool -I lanplus -C 3 mc info` process: median wall time over N runs, alternating servers;
 *   (b) one session, `ipmitool exec` of M `raw 0x06 0x01`: requests/s and server CPU per request;
 *   (c) RSS of one bmcbridge process serving 100 virtual BMCs, per BMC (ipmi_sim: one BMC per process).
 *
 *   npx tsx scripts/bench/bmc.ts [--n 20] [--warmup 20] [--m 5000] [--fleet 100] [--settle 60]
 *
 * (a) is measured on servers in their steady state: each has served 3000 logins from our client
 * (scripts/bench/warm.ts says why) and --warmup `mc info` runs, alternating, none counted. The
 * very first run against each freshly started server is reported on its own line. One more run
 * against each, through a counting UDP proxy, gives the round trips an `mc info` waits for; the
 * difference in wall time is printed per round trip too, for run-all's comparison with the
 * per-packet cost of a plain Node UDP server (udp-floor).
 *
 * Prints a markdown table with ratios; docs/benchmarks.md records the figures.
 */
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { warmUp, WARM_LOGINS } from './warm';
import { countingProxy } from './udp-proxy';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');
const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const N = opt('n', 20);
const WARMUP = opt('warmup', 20);
const M = opt('m', 5000);
const FLEET = opt('fleet', 100);
const SETTLE_MS = opt('settle', 60) * 1000;

function sh(cmd: string, argv: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** utime+stime of a process in seconds (/proc/PID/stat fields 14 and 15). */
function cpuSeconds(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  const tick = Number(sh('getconf', ['CLK_TCK']).stdout.trim()) || 100;
  return (Number(rest[11]) + Number(rest[12])) / tick;
}
function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

interface Target {
  name: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

async function waitPing(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = sh('ipmitool', ['-I', 'lanplus', '-C', '3', '-H', '127.0.0.1', '-p', String(port), '-U', 'admin', '-P', 'password', '-N', '1', '-R', '1', 'raw', '6', '1']);
    if (r.status === 0) return;
    await sleep(100);
  }
  throw new Error(`nothing answers on 127.0.0.1:${port}`);
}

async function startOurs(port: number, devicesFile?: string): Promise<Target> {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bmc-'));
  const argv = devicesFile
    ? [CLI, 'start', '--devices', devicesFile, '--state', state, '--no-metrics', '--log-level', 'warn']
    : [CLI, 'sim', '--profile', 'generic-1u', '--user', 'admin:password', '--port', String(port), '--state', state, '--log-level', 'warn'];
  const child: ChildProcess = spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitPing(port);
  return {
    name: 'bmcbridge',
    port,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(state, { recursive: true, force: true });
    },
  };
}

async function startIpmiSim(port: number): Promise<Target> {
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ipmisim-'));
  const r = sh(path.join(ROOT, 'test', 'fixtures', 'ipmi_sim', 'start.sh'), [String(port), run]);
  if (r.status !== 0) throw new Error(`ipmi_sim did not start: ${r.stderr}`);
  const pid = Number(r.stdout.trim().split('\n').pop());
  await waitPing(port);
  return {
    name: 'ipmi_sim',
    port,
    pid,
    stop: async () => {
      sh(path.join(ROOT, 'test', 'fixtures', 'ipmi_sim', 'stop.sh'), [run]);
      fs.rmSync(run, { recursive: true, force: true });
    },
  };
}

/** One `ipmitool mc info` process against `t`: wall time (ms) and whether it succeeded. */
function oneShot(t: Target): { ms: number; ok: boolean } {
  const t0 = process.hrtime.bigint();
  const r = sh('ipmitool', ['-I', 'lanplus', '-C', '3', '-H', '127.0.0.1', '-p', String(t.port), '-U', 'admin', '-P', 'password', 'mc', 'info']);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, ok: r.status === 0 };
}

/** Requests one `mc info` makes (answered), counted through a proxy: the round trips it waits for. */
async function mcInfoRoundTrips(t: Target): Promise<number> {
  const p = await countingProxy(t.port);
  try {
    await new Promise<void>((resolve) => {
      const c = spawn('ipmitool', ['-I', 'lanplus', '-C', '3', '-H', '127.0.0.1', '-p', String(p.port), '-U', 'admin', '-P', 'password', 'mc', 'info'], { stdio: 'ignore' });
      c.on('exit', () => resolve());
    });
    // Let the answer to Close Session reach the counter.
    await sleep(50);
    return p.replies();
  } finally {
    p.close();
  }
}

function execLoop(t: Target, m = M): { rps: number; ok: number; cpuUsPerReq: number; secs: number; cpu: number } {
  const file = path.join(os.tmpdir(), `bench-exec-${process.pid}.txt`);
  fs.writeFileSync(file, 'raw 0x06 0x01\n'.repeat(m));
  const cpu0 = cpuSeconds(t.pid);
  const t0 = process.hrtime.bigint();
  const r = sh('ipmitool', ['-I', 'lanplus', '-C', '3', '-H', '127.0.0.1', '-p', String(t.port), '-U', 'admin', '-P', 'password', 'exec', file]);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = cpuSeconds(t.pid) - cpu0;
  fs.rmSync(file);
  const ok = r.stdout.split('\n').filter((l) => l.trim() !== '').length;
  return { rps: ok / secs, ok, cpuUsPerReq: (cpu / Math.max(ok, 1)) * 1e6, secs, cpu };
}

function fleetFile(count: number, basePort: number): string {
  const lines = ['devices:'];
  for (let i = 0; i < count; i++)
    lines.push(
      `  - name: bench-${i}`,
      '    kind: sim',
      '    profile: generic-1u',
      `    lan: { host: 127.0.0.1, port: ${basePort + i} }`,
      '    overrides:',
      '      users: [{ name: admin, password: password, privilege: administrator }]',
    );
  const f = path.join(os.tmpdir(), `bench-fleet-${process.pid}.yaml`);
  fs.writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('build first: npm run build');
  const rows: string[] = [];
  type Result = { trips: number; first: number; one: { median: number; min: number; max: number; failures: number }; exec: { rps: number; ok: number; cpuUsPerReq: number }; rss: number };
  const results: Record<string, Result> = {};
  // Both servers run at once and are measured in turns (this machine's latency drifts between
  // minutes: a server measured alone in a slow minute would look slow). The idle one costs nothing.
  const targets = [await startOurs(17623), await startIpmiSim(17624)];
  try {
    const times = targets.map(() => [] as number[]);
    const failures = targets.map(() => 0);
    // The first run against each fresh server, then the warm-up (JIT), neither in the median.
    const first = targets.map((t) => oneShot(t).ms);
    for (const t of targets) await warmUp(t.port);
    for (let i = 0; i < WARMUP; i++) for (const t of targets) oneShot(t);
    for (let i = 0; i < N; i++)
      for (const [k, t] of targets.entries()) {
        const r = oneShot(t);
        times[k].push(r.ms);
        if (!r.ok) failures[k]++;
      }
    // Warm-up (JIT, socket buffers) outside the measured runs, the same for both servers.
    for (const t of targets) execLoop(t, Math.ceil(M / 5));
    const ROUNDS = 3;
    const ex = targets.map(() => ({ ok: 0, secs: 0, cpu: 0 }));
    for (let r = 0; r < ROUNDS; r++)
      for (const [k, t] of targets.entries()) {
        const e = execLoop(t, M);
        ex[k].ok += e.ok;
        ex[k].secs += e.secs;
        ex[k].cpu += e.cpu;
      }
    const trips: number[] = [];
    for (const t of targets) trips.push(await mcInfoRoundTrips(t));
    for (const [k, t] of targets.entries())
      results[t.name] = {
        trips: trips[k],
        first: first[k],
        one: { median: median(times[k]), min: Math.min(...times[k]), max: Math.max(...times[k]), failures: failures[k] },
        exec: { rps: ex[k].ok / ex[k].secs, ok: ex[k].ok, cpuUsPerReq: (ex[k].cpu / Math.max(ex[k].ok, 1)) * 1e6 },
        rss: rssKb(t.pid),
      };
  } finally {
    for (const t of targets) await t.stop();
  }
  const ours = results.bmcbridge;
  const sim = results.ipmi_sim;
  // (c) 100 BMCs in one process.
  const ff = fleetFile(FLEET, 18000);
  const fleet = await startOurs(18000, ff);
  for (let i = 0; i < FLEET; i += Math.max(1, Math.floor(FLEET / 10))) await waitPing(18000 + i);
  await sleep(500);
  const fleetRssListening = rssKb(fleet.pid);
  // V8's memory reducer gives back the start-up garbage (profile loading, schema compilation)
  // in a few full collections once allocation has been low for a while: 10-30 s after start on
  // a quiet machine, later on a busy one. Steady state is what a running fleet uses.
  await sleep(SETTLE_MS);
  const fleetRss = rssKb(fleet.pid);
  await fleet.stop();
  fs.rmSync(ff);

  const r1 = (a: number, b: number) => (a / b).toFixed(2);
  rows.push(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ipmitool ${sh('ipmitool', ['-V']).stdout.trim()}`);
  rows.push('');
  rows.push('| measure | bmcbridge | ipmi_sim | ratio (ours / ipmi_sim) |');
  rows.push('|---|---:|---:|---:|');
  rows.push(`| (a) one \`ipmitool -I lanplus -C 3 mc info\` process, median of ${N}, steady state (after ${WARM_LOGINS} logins and ${WARMUP} warm-up runs) (ms) | ${ours.one.median.toFixed(1)} | ${sim.one.median.toFixed(1)} | ${r1(ours.one.median, sim.one.median)} |`);
  rows.push(`| (a) the first \`mc info\` against a freshly started server (ms) | ${ours.first.toFixed(1)} | ${sim.first.toFixed(1)} | ${r1(ours.first, sim.first)} |`);
  rows.push(`| (b) \`ipmitool exec\` of ${M} \`raw 0x06 0x01\` per session, 3 sessions (req/s) | ${ours.exec.rps.toFixed(0)} | ${sim.exec.rps.toFixed(0)} | ${r1(ours.exec.rps, sim.exec.rps)} |`);
  rows.push(`| (b) server CPU per request (µs) | ${ours.exec.cpuUsPerReq.toFixed(1)} | ${sim.exec.cpuUsPerReq.toFixed(1)} | ${r1(ours.exec.cpuUsPerReq, sim.exec.cpuUsPerReq)} |`);
  rows.push(`| (c) RSS of one process with 1 BMC (MB) | ${(ours.rss / 1024).toFixed(1)} | ${(sim.rss / 1024).toFixed(1)} | |`);
  rows.push(`| (c) RSS per BMC, ${FLEET} BMCs in one process, once listening (MB) | ${(fleetRssListening / 1024 / FLEET).toFixed(2)} | ${(sim.rss / 1024).toFixed(1)} (one per process) | ${r1(fleetRssListening / FLEET, sim.rss)} |`);
  rows.push(`| (c) RSS per BMC, ${FLEET} BMCs in one process, ${SETTLE_MS / 1000} s later (MB) | ${(fleetRss / 1024 / FLEET).toFixed(2)} | ${(sim.rss / 1024).toFixed(1)} (one per process) | ${r1(fleetRss / FLEET, sim.rss)} |`);
  rows.push('');
  const asked = 3 * M;
  rows.push(`failures: ours ${ours.one.failures}/${N} one-shot, ${asked - ours.exec.ok}/${asked} exec; ipmi_sim ${sim.one.failures}/${N}, ${asked - sim.exec.ok}/${asked}`);
  rows.push(`round trips: ipmitool mc info: ${ours.trips} / ${sim.trips}; ${(((ours.one.median - sim.one.median) * 1000) / ours.trips).toFixed(1)} µs per round trip (requests answered in one more run through a counting proxy, ours / ipmi_sim; the difference in median wall time per round trip)`);
  rows.push(`The two servers ran at once and were measured in turns (one-shot runs alternating, after ${WARM_LOGINS} logins from our client and ${WARMUP} warm-up runs each; exec: 3 alternating sessions of M requests each, after a warm-up session).`);
  console.log(rows.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
