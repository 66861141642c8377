/**
 * What a Node process pays for UDP before any IPMI work, beside what our virtual BMC and
 * ipmi_sim pay (issues 2, 3 and 8 compare us with ipmi_sim, a C program). Three servers in
 * the same run, each its own process on 127.0.0.1:
 *   - a plain node:dgram echo (the floor of any Node UDP server: receive, one `send`),
 *   - our virtual BMC (`bmcbridge sim --profile generic-1u`),
 *   - OpenIPMI ipmi_sim (test/fixtures/ipmi_sim/start.sh).
 * Measured with ASF presence pings (RMCP class 6: the BMC answers a pong without a session;
 * the echo sends the ping back): round trip back to back, after 3 ms of idle (the server
 * asleep, as between the requests of a one-shot tool) and after 20 ms (as before a tool's first
 * packet, while the tool process starts), and the server's user and system CPU
 * per packet with 8 pings in flight. Then, for the two BMCs only, Get Device ID in an RMCP+
 * session (cipher suite 3) after 3 ms of idle: the difference to the ping is the request's
 * own processing with cold caches. Nothing here asserts a time.
 *
 *   npx tsx scripts/bench/udp-floor.ts [--samples 300] [--seconds 5] [--rounds 5] [--json]
 *
 * Needs dist/ (npm run build).
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import { IpmiClient, LanLink } from '../../src/client';
import { GetDeviceId } from '../../src/codec/commands/app';
import { freeUdpPort } from '../../test/client/helpers/ipmi-sim';
import { Server, startOurs, startSim } from './ipmi-load';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SAMPLES = arg('samples', 300);
const SECONDS = arg('seconds', 5);
const ROUNDS = arg('rounds', 5);
/** ASF Presence Ping (ASF 2.0 §3.2.4.1): RMCP 06 00 FF 06, IANA 4542, type 80h, tag, length 0. */
const PING = Buffer.from('0600ff06000011be80000000', 'hex');

/** A server under measurement; `ipmi` when it also answers RMCP+ sessions. */
interface Target extends Server {
  ipmi: boolean;
}

/** A plain node:dgram echo in its own process: the floor of any Node UDP server. */
async function startEcho(): Promise<Target> {
  const port = await freeUdpPort();
  const src = `const d=require('node:dgram').createSocket('udp4');d.on('message',(m,r)=>d.send(m,r.port,r.address));d.bind(${port},'127.0.0.1',()=>console.log('listening'));`;
  const c = spawn(process.execPath, ['-e', src], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    c.stdout!.once('data', () => resolve());
    c.once('exit', (code) => reject(new Error(`node:dgram echo exited ${code}`)));
  });
  return {
    name: 'node:dgram echo',
    port,
    pid: c.pid!,
    ipmi: false,
    stop: async () => {
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await gone;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const usNow = () => Number(process.hrtime.bigint()) / 1000;

/** User and system CPU seconds of a process (/proc/PID/stat fields 14 and 15). */
function cpu(pid: number): { user: number; sys: number } {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const hz = 100;
  return { user: Number(f[11]) / hz, sys: Number(f[12]) / hz };
}

/** Sequential pings driven from the socket's own callback (no promise or timer per ping, so the client adds little). */
async function pings(port: number, n: number, idleMs: number): Promise<number[]> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const rtts: number[] = [];
  let t0 = 0;
  const send = () => {
    t0 = usNow();
    s.send(PING, port, '127.0.0.1');
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const watchdog = setTimeout(() => reject(new Error(`no pong from port ${port} after ${rtts.length} pings`)), 10_000 + n * (idleMs + 2));
      s.on('message', () => {
        rtts.push(usNow() - t0);
        if (rtts.length >= n) {
          clearTimeout(watchdog);
          resolve();
        } else if (idleMs) setTimeout(send, idleMs);
        else send();
      });
      send();
    });
  } finally {
    s.close();
  }
  return rtts;
}

/** `inFlight` pings in flight for `seconds`: answered pings and the server's CPU seconds over that time. */
async function flood(t: Target, inFlight: number, seconds: number): Promise<{ k: number; user: number; sys: number }> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  let n = 0;
  let stop = false;
  s.on('message', () => {
    n++;
    if (!stop) s.send(PING, t.port, '127.0.0.1');
  });
  for (let i = 0; i < inFlight; i++) s.send(PING, t.port, '127.0.0.1');
  await sleep(200);
  const c0 = cpu(t.pid);
  const n0 = n;
  await sleep(seconds * 1000);
  const c1 = cpu(t.pid);
  const k = n - n0;
  stop = true;
  await sleep(50);
  s.close();
  return { k, user: c1.user - c0.user, sys: c1.sys - c0.sys };
}

async function sessionAfterIdle(c: IpmiClient, n: number): Promise<number[]> {
  const rtts: number[] = [];
  for (let i = 0; i < n; i++) {
    await sleep(3);
    const t0 = usNow();
    await c.call(GetDeviceId, {});
    rtts.push(usNow() - t0);
  }
  return rtts;
}

export interface FloorRow {
  target: string;
  pingUs: number;
  pingIdleP50Us: number;
  pingIdleP90Us: number;
  pps: number;
  userUsPerPacket: number;
  sysUsPerPacket: number;
  /**
   * Server CPU (user + system) per ping with one ping in flight: every ping wakes the server
   * from epoll_wait, as every request of one session does (ipmi-load with 1 session).
   */
  oneInFlightUsPerPacket: number;
  sessionIdleP50Us?: number;
  /** After LONG_IDLE_MS of idle: how a server meets the first packet of a one-shot tool. */
  pingLongIdleP50Us: number;
}

/** The idle gap before the first exchange of a tool run is a process start: tens of ms. */
const LONG_IDLE_MS = 20;

async function main(): Promise<void> {
  // All three run at once and are measured in turns, ROUNDS times: this machine's latency drifts
  // by 2x between minutes (a VM), and a target measured alone in a slow minute would look slow.
  const targets: Target[] = [await startEcho(), { ...(await startOurs()), ipmi: true }, { ...(await startSim()), ipmi: true }];
  const rows: FloorRow[] = [];
  try {
    const hot = targets.map(() => [] as number[]);
    const idle = targets.map(() => [] as number[]);
    const longIdle = targets.map(() => [] as number[]);
    const sess = targets.map(() => [] as number[]);
    const fl = targets.map(() => ({ k: 0, user: 0, sys: 0, secs: 0 }));
    const fl1 = targets.map(() => ({ k: 0, user: 0, sys: 0, secs: 0 }));
    const clients = targets.map((t) => (t.ipmi ? new IpmiClient(new LanLink({ host: '127.0.0.1', port: t.port, user: 'admin', password: 'password', cipherSuite: 3, keepaliveMs: 0 })) : undefined));
    try {
      for (const [i, t] of targets.entries()) {
        await pings(t.port, 200, 0); // warm-up
        for (let j = 0; j < 50; j++) await clients[i]?.call(GetDeviceId, {});
      }
      const per = Math.ceil(SAMPLES / ROUNDS);
      for (let r = 0; r < ROUNDS; r++)
        for (const [i, t] of targets.entries()) {
          hot[i].push(...(await pings(t.port, per, 0)));
          idle[i].push(...(await pings(t.port, per, 3)));
          longIdle[i].push(...(await pings(t.port, Math.ceil(per / 3), LONG_IDLE_MS)));
          const c = clients[i];
          if (c) sess[i].push(...(await sessionAfterIdle(c, per)));
          const f = await flood(t, 8, SECONDS / ROUNDS);
          fl[i].k += f.k;
          fl[i].user += f.user;
          fl[i].sys += f.sys;
          fl[i].secs += SECONDS / ROUNDS;
          const g = await flood(t, 1, SECONDS / ROUNDS);
          fl1[i].k += g.k;
          fl1[i].user += g.user;
          fl1[i].sys += g.sys;
        }
    } finally {
      await Promise.all(clients.map((c) => c?.close()));
    }
    for (const [i, t] of targets.entries())
      rows.push({
        target: t.name,
        pingUs: pct(hot[i], 50),
        pingIdleP50Us: pct(idle[i], 50),
        pingIdleP90Us: pct(idle[i], 90),
        pingLongIdleP50Us: pct(longIdle[i], 50),
        pps: fl[i].k / fl[i].secs,
        userUsPerPacket: (fl[i].user / fl[i].k) * 1e6,
        sysUsPerPacket: (fl[i].sys / fl[i].k) * 1e6,
        oneInFlightUsPerPacket: ((fl1[i].user + fl1[i].sys) / fl1[i].k) * 1e6,
        sessionIdleP50Us: t.ipmi ? pct(sess[i], 50) : undefined,
      });
  } finally {
    for (const t of targets) await t.stop();
  }
  const cpus = os.cpus();
  console.log(`UDP floor: ASF presence ping to each server (${SAMPLES} samples; idle = 3 ms sleep before each), 8 and then 1 ping(s) in flight for ${SECONDS} s each; the three servers measured in turns, ${ROUNDS} rounds; ${cpus.length} x ${cpus[0]?.model ?? '?'}, node ${process.version}\n`);
  console.log(`| server | ping round trip p50 (µs) | after 3 ms idle p50 / p90 (µs) | after ${LONG_IDLE_MS} ms idle p50 (µs) | pings/s, 8 in flight | server CPU per ping, 8 in flight: user / system (µs) | server CPU per ping, 1 in flight: user + system (µs) | RMCP+ Get Device ID after 3 ms idle p50 (µs) |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(
      `| ${r.target} | ${r.pingUs.toFixed(0)} | ${r.pingIdleP50Us.toFixed(0)} / ${r.pingIdleP90Us.toFixed(0)} | ${r.pingLongIdleP50Us.toFixed(0)} | ${r.pps.toFixed(0)} | ${r.userUsPerPacket.toFixed(1)} / ${r.sysUsPerPacket.toFixed(1)} | ${r.oneInFlightUsPerPacket.toFixed(1)} | ${r.sessionIdleP50Us === undefined ? '—' : r.sessionIdleP50Us.toFixed(0)} |`,
    );
  if (process.argv.includes('--json')) console.log(JSON.stringify({ bench: 'udp-floor', rows }));
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
