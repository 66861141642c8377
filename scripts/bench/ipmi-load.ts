/**
 * IPMI load (issue 8): our client as the load generator. N RMCP+ sessions (cipher suite 3,
 * as ipmitool -C 3) against one BMC, each sending Get Device ID (v2.0 §20.1) as soon as the
 * previous answer arrived (--depth requests in flight per session), for --seconds in three turns
 * that alternate between the two servers (both running; each turn after a one-second warm-up).
 * Measured: requests per second, latency p50/p99, and the server's CPU time per request (user + system from /proc/PID/stat, before and after). Targets, in the same
 * run: our virtual BMC (`bmcbridge sim --profile generic-1u`, its own process) and OpenIPMI
 * ipmi_sim (test/fixtures/ipmi_sim/start.sh PORT RUNDIR, stop.sh RUNDIR). The goal the issue
 * sets: our CPU per request no more than ipmi_sim's. Nothing here asserts a time.
 *
 *   npx tsx scripts/bench/ipmi-load.ts [--sessions 1,8] [--depth 1] [--seconds 5] [--json]
 *
 * Needs dist/ (npm run build). --json prints one JSON line after the table (for run-all.ts).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { IpmiClient, LanLink } from '../../src/client';
import { GetDeviceId } from '../../src/codec/commands/app';
import { startIpmiSim } from '../../test/client/helpers/ipmi-sim';
import { cpuSeconds } from '../../test/fleet/process';
import { startSimCli } from './sim-cli';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}

export interface LoadOptions {
  /** Session counts to measure, each a separate run. */
  sessions: number[];
  /** Requests in flight per session. */
  depth: number;
  seconds: number;
}

export interface LoadRow {
  target: string;
  sessions: number;
  depth: number;
  requests: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU (user + system) per answered request, µs. */
  serverCpuUs: number;
  /** The load generator's own CPU over the run, % of one core (is the client the bottleneck?). */
  clientCpuPct: number;
}

export interface Server {
  name: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Our virtual BMC: `bmcbridge sim` with the generic-1u profile and admin/password, in its own process. */
export async function startOurs(): Promise<Server> {
  return { name: 'bmcbridge virtual BMC', ...(await startSimCli('generic-1u')) };
}

export async function startSim(): Promise<Server> {
  const sim = await startIpmiSim();
  return { name: 'ipmi_sim 2.0.33', port: sim.port, pid: sim.pid, stop: sim.stop };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

interface Sample {
  lat: number[];
  errors: number;
  wall: number;
  cpu: number;
  clientCpu: number;
}

/** N sessions in closed loops against one server for `seconds`; the warm-up second is not counted. */
async function load(server: Server, sessions: number, depth: number, seconds: number): Promise<Sample> {
  const clients = Array.from({ length: sessions }, () => new IpmiClient(new LanLink({ host: '127.0.0.1', port: server.port, user: 'admin', password: 'password', cipherSuite: 3, maxInFlight: depth, keepaliveMs: 0 })));
  try {
    // Log in every session before the clock starts.
    await Promise.all(clients.map((c) => c.call(GetDeviceId, {})));
    let measuring = false;
    let stop = false;
    const lat: number[] = [];
    let errors = 0;
    const loop = async (c: IpmiClient) => {
      while (!stop) {
        const t0 = performance.now();
        try {
          await c.call(GetDeviceId, {});
          if (measuring) lat.push(performance.now() - t0);
        } catch {
          if (measuring) errors++;
        }
      }
    };
    const loops = clients.flatMap((c) => Array.from({ length: depth }, () => loop(c)));
    await new Promise((r) => setTimeout(r, 1000));
    measuring = true;
    const cpu0 = cpuSeconds(server.pid);
    const me0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const wall = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(server.pid) - cpu0;
    const me = process.cpuUsage(me0);
    measuring = false;
    stop = true;
    await Promise.all(loops);
    return { lat, errors, wall, cpu, clientCpu: (me.user + me.system) / 1e6 };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/** Rounds per session count: the servers take turns, so a slow minute of this machine (a VM whose latency drifts) falls on both. */
const ROUNDS = 3;

/** Every session count against both servers, both running, measured in turns (the idle one costs nothing). */
export async function runIpmiLoad(o: LoadOptions): Promise<LoadRow[]> {
  const rows: LoadRow[] = [];
  const servers = [await startOurs(), await startSim()];
  try {
    for (const n of o.sessions) {
      const acc = servers.map(() => ({ lat: [] as number[], errors: 0, wall: 0, cpu: 0, clientCpu: 0 }));
      for (let r = 0; r < ROUNDS; r++)
        for (const [k, server] of servers.entries()) {
          const x = await load(server, n, o.depth, o.seconds / ROUNDS);
          for (const v of x.lat) acc[k].lat.push(v); // not push(...x.lat): a 5 s run at 8 sessions has more latencies than a call takes arguments
          acc[k].errors += x.errors;
          acc[k].wall += x.wall;
          acc[k].cpu += x.cpu;
          acc[k].clientCpu += x.clientCpu;
        }
      for (const [k, server] of servers.entries()) {
        const a = acc[k];
        a.lat.sort((x, y) => x - y);
        rows.push({
          target: server.name,
          sessions: n,
          depth: o.depth,
          requests: a.lat.length,
          errors: a.errors,
          rps: a.lat.length / a.wall,
          p50Ms: pct(a.lat, 50),
          p99Ms: pct(a.lat, 99),
          serverCpuUs: (a.cpu / Math.max(1, a.lat.length)) * 1e6,
          clientCpuPct: (a.clientCpu / a.wall) * 100,
        });
      }
    }
  } finally {
    for (const s of servers) await s.stop();
  }
  return rows;
}

export function table(rows: LoadRow[], o: LoadOptions): string {
  const cpus = os.cpus();
  const out = [
    `Get Device ID over RMCP+ (cipher suite 3), ${o.depth} in flight per session, ${o.seconds} s per server and session count (${ROUNDS} turns each, both servers up, 1 s of warm-up per turn); ${cpus.length} x ${cpus[0]?.model ?? '?'}, node ${process.version}`,
    '',
    '| server | sessions | requests/s | p50 ms | p99 ms | server CPU per request (µs) | errors | load generator CPU |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.target} | ${r.sessions} | ${r.rps.toFixed(0)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.serverCpuUs.toFixed(1)} | ${r.errors} | ${r.clientCpuPct.toFixed(0)}% |`),
    '',
  ];
  for (const n of o.sessions) {
    const ours = rows.find((r) => r.sessions === n && r.target.startsWith('bmcbridge'));
    const sim = rows.find((r) => r.sessions === n && r.target.startsWith('ipmi_sim'));
    if (!ours || !sim) continue;
    out.push(
      `${n} session(s), ours / ipmi_sim: requests/s ${(ours.rps / sim.rps).toFixed(2)}, p50 ${(ours.p50Ms / sim.p50Ms).toFixed(2)}, p99 ${(ours.p99Ms / sim.p99Ms).toFixed(2)}, ` +
        `CPU per request ${(ours.serverCpuUs / sim.serverCpuUs).toFixed(2)} (goal <= 1: ${ours.serverCpuUs <= sim.serverCpuUs ? 'met' : 'not met'})`,
    );
  }
  return out.join('\n');
}

if (require.main === module) {
  const o: LoadOptions = { sessions: arg('sessions', '1,8').split(',').map(Number), depth: Number(arg('depth', '1')), seconds: Number(arg('seconds', '5')) };
  runIpmiLoad(o)
    .then((rows) => {
      console.log(table(rows, o));
      if (process.argv.includes('--json')) console.log(JSON.stringify({ bench: 'ipmi-load', options: o, rows }));
    })
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    });
}
