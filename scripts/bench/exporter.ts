/**
 * Full scrape: bmcbridge against ipmi_exporter (Debian 1.6.1, FreeIPMI underneath), same run,
 * same BMC, same modules file (test/fixtures/exporter/ipmi_exporter.yml; every collector 1.6.1
 * has: ipmi, bmc, chassis, dcmi, sel, sm-lan-mode).
 *
 *   npx tsx scripts/bench/exporter.ts [--bmc virtual|ipmi_sim] [--scrapes 30]
 *
 * The BMC is bmcbridge's virtual BMC with test/fixtures/exporter/profiles/exporter-bench.yaml
 * (module "vbmc": 18 sensors, DCMI, 5 SEL entries), in this process, or OpenIPMI's ipmi_sim
 * with the BMC ipmi_exporter was measured against in research/prometheus.md (module "all":
 * 13 sensors, 5 SEL entries, no DCMI). Each exporter reaches it through its own
 * counting UDP proxy on 127.0.0.1, so packets are counted per exporter without tcpdump or root:
 * datagrams each way, RMCP+ Open Session Requests (payload type 10h, v2.0 §13.17) and IPMI v1.5
 * packets. Both exporters run as their own processes; scrapes alternate between them and are
 * timed around the HTTP request (as curl's time_total). CPU is the exporter process's user +
 * system time (ipmi_exporter's includes its FreeIPMI children, /proc/PID/stat cutime/cstime).
 * Prints one table and the ratios; nothing here asserts a time.
 *
 *   npx tsx scripts/bench/exporter.ts --fleet 1000 [--interval 15] [--rounds 3]
 *
 * Fleet mode: N virtual BMCs in one process (exporter-fleet.ts), one bmcbridge process, and
 * every BMC scraped once per interval, spread evenly over it as Prometheus spreads targets;
 * after a warm-up round, reports bmcbridge's CPU (percent of one core), the slowest scrape,
 * p50/p99, failed collectors, RSS, and then one /devices/metrics of the whole fleet.
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { VirtualBmc } from '../../src/bmc/device';
import { LanServer } from '../../src/bmc/server';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { standardHandlers } from '../../src/bmc/handlers';
import { loadProfileRef } from '../../src/profile';
import { silentLogger } from '../../src/lib/logger';
import { EXPORTER_CONFIG, FIXTURES, freePort, startIpmiExporter, startIpmiSim, startProcess, waitFor, type Proc } from '../../test/frontends/metrics/peers';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}
const SCRAPES = Number(arg('scrapes', '30'));
const BMC = arg('bmc', 'virtual');
if (BMC !== 'virtual' && BMC !== 'ipmi_sim') throw new Error(`--bmc virtual or ipmi_sim, not ${BMC}`);
const MODULE = arg('module', BMC === 'virtual' ? 'vbmc' : 'all');

/** bmcbridge's virtual BMC with the exporter benchmark profile, on a loopback port of this process. */
async function startVirtualBmc(): Promise<{ port: number; stop(): Promise<void> }> {
  const profile = loadProfileRef(path.join(FIXTURES, 'profiles/exporter-bench.yaml'));
  const bmc = new VirtualBmc({ name: 'exporter-bench', profile, log: silentLogger, handlers: [...sessionHandlers, ...standardHandlers] });
  const server = new LanServer(bmc);
  const { port } = await server.listen('127.0.0.1', 0);
  return {
    port,
    stop: async () => {
      await server.close();
      bmc.close();
    },
  };
}

interface Counts {
  toBmc: number;
  fromBmc: number;
  openSession: number;
  rakp1: number;
  v15: number;
}
const zero = (): Counts => ({ toBmc: 0, fromBmc: 0, openSession: 0, rakp1: 0, v15: 0 });

/** A UDP relay to the BMC that counts what passes. One upstream socket per client address, so answers find their way back. */
class CountingProxy {
  counts = zero();
  private front = dgram.createSocket('udp4');
  private upstream = new Map<string, dgram.Socket>();
  constructor(private readonly bmcPort: number) {}

  async listen(): Promise<number> {
    this.front.on('message', (msg, from) => {
      this.classify(msg);
      const key = `${from.address}:${from.port}`;
      let up = this.upstream.get(key);
      if (!up) {
        const s = dgram.createSocket('udp4');
        s.on('message', (answer) => {
          this.counts.fromBmc++;
          this.front.send(answer, from.port, from.address);
        });
        s.bind(0, '127.0.0.1');
        this.upstream.set(key, (up = s));
      }
      up.send(msg, this.bmcPort, '127.0.0.1');
    });
    await new Promise<void>((r) => this.front.bind(0, '127.0.0.1', () => r()));
    return this.front.address().port;
  }

  /** RMCP (v2.0 §13.1.3): class 07h = IPMI; then the session header's auth type, 06h = RMCP+ with the payload type next. */
  private classify(msg: Buffer): void {
    this.counts.toBmc++;
    if (msg.length < 6 || msg[0] !== 0x06 || (msg[3] & 0x1f) !== 0x07) return;
    if (msg[4] !== 0x06) return void this.counts.v15++;
    const payload = msg[5] & 0x3f;
    if (payload === 0x10) this.counts.openSession++;
    if (payload === 0x12) this.counts.rakp1++;
  }

  close(): void {
    this.front.close();
    for (const s of this.upstream.values()) s.close();
  }
}

/** user + system CPU ms of a process, its waited-for children included (/proc/PID/stat fields 14-17). */
function cpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((a, i) => a + Number(rest[i]), 0);
  return (ticks * 1000) / 100;
}

const TSX = path.resolve(__dirname, '../../node_modules/.bin/tsx');

async function startBridge(devicePorts: number[] = []): Promise<Proc & { url: string }> {
  const port = await freePort('tcp');
  const proc = startProcess(TSX, [path.join(__dirname, 'exporter-bridge.ts'), '--config', EXPORTER_CONFIG, '--port', String(port), '--devices', JSON.stringify(devicePorts)]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('bmcbridge', async () => (await fetch(`${url}/metrics`)).ok, 30000).catch(async (e) => {
    await proc.stop();
    throw new Error(`${(e as Error).message}: ${proc.output()}`);
  });
  return { ...proc, url };
}

/** The node process behind tsx's wrapper (tsx spawns node as its child). */
function nodePid(wrapper: number): number {
  try {
    const kids = fs.readFileSync(`/proc/${wrapper}/task/${wrapper}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return kids[0] ?? wrapper;
  } catch {
    return wrapper;
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

interface Side {
  name: string;
  url: string;
  proxy: CountingProxy;
  target: string;
  pid: number;
  times: number[];
  cold?: number;
  counts?: Counts;
  cpu?: number;
  samples?: number;
}

async function scrape(s: Side): Promise<{ ms: number; body: string }> {
  const t0 = performance.now();
  const r = await fetch(`${s.url}/ipmi?target=${s.target}&module=${MODULE}`, { headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '10' } });
  const body = await r.text();
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`${s.name}: HTTP ${r.status} ${body}`);
  return { ms, body };
}

async function main(): Promise<void> {
  const sim = BMC === 'virtual' ? await startVirtualBmc() : await startIpmiSim();
  const started: Array<{ stop(): Promise<void> }> = [sim];
  const proxies: CountingProxy[] = [];
  try {
    const px = new CountingProxy(sim.port);
    const pb = new CountingProxy(sim.port);
    proxies.push(px, pb);
    const [portX, portB] = [await px.listen(), await pb.listen()];
    const exporter = await startIpmiExporter();
    started.push(exporter);
    const bridge = await startBridge();
    started.push(bridge);
    const sides: Side[] = [
      { name: 'ipmi_exporter 1.6.1', url: exporter.url, proxy: px, target: `127.0.0.1:${portX}`, pid: exporter.child.pid!, times: [] },
      { name: 'bmcbridge', url: bridge.url, proxy: pb, target: `127.0.0.1:${portB}`, pid: nodePid(bridge.child.pid!), times: [] },
    ];
    for (const s of sides) {
      const first = await scrape(s);
      s.cold = first.ms;
      s.samples = first.body.split('\n').filter((l) => l && !l.startsWith('#')).length;
      await scrape(s);
      s.proxy.counts = zero();
      s.cpu = -cpuMs(s.pid);
    }
    for (let i = 0; i < SCRAPES; i++) for (const s of sides) s.times.push((await scrape(s)).ms);
    for (const s of sides) {
      s.cpu! += cpuMs(s.pid);
      s.counts = s.proxy.counts;
    }

    const [x, b] = sides;
    const row = (s: Side) => {
      const c = s.counts!;
      return [
        s.name.padEnd(20),
        pct(s.times, 50).toFixed(1).padStart(7),
        pct(s.times, 90).toFixed(1).padStart(7),
        Math.min(...s.times).toFixed(1).padStart(7),
        Math.max(...s.times).toFixed(1).padStart(7),
        s.cold!.toFixed(1).padStart(8),
        (c.toBmc / SCRAPES + c.fromBmc / SCRAPES).toFixed(1).padStart(9),
        `${(c.toBmc / SCRAPES).toFixed(1)}/${(c.fromBmc / SCRAPES).toFixed(1)}`.padStart(11),
        (c.openSession / SCRAPES).toFixed(2).padStart(9),
        (c.v15 / SCRAPES).toFixed(1).padStart(6),
        (s.cpu! / SCRAPES).toFixed(2).padStart(8),
        String(s.samples).padStart(8),
      ].join(' ');
    };
    const cpus = os.cpus();
    console.log(`# exporter benchmark: module "${MODULE}", ${SCRAPES} warm scrapes each (alternating), ${BMC === 'virtual' ? 'virtual BMC (exporter-bench profile)' : 'ipmi_sim'} on 127.0.0.1:${sim.port}`);
    console.log(`# ${os.type()} ${os.release()}, ${cpus.length} x ${cpus[0]?.model ?? '?'}, node ${process.version}`);
    console.log(
      ['exporter'.padEnd(20), 'med ms'.padStart(7), 'p90 ms'.padStart(7), 'min ms'.padStart(7), 'max ms'.padStart(7), 'cold ms'.padStart(8), 'pkts/scr'.padStart(9), 'to/from'.padStart(11), 'sess/scr'.padStart(9), 'v1.5'.padStart(6), 'cpu ms'.padStart(8), 'samples'.padStart(8)].join(' '),
    );
    console.log(row(x));
    console.log(row(b));
    const pk = (s: Side) => (s.counts!.toBmc + s.counts!.fromBmc) / SCRAPES;
    console.log(
      `ratios (ipmi_exporter / bmcbridge): median ${(pct(x.times, 50) / pct(b.times, 50)).toFixed(1)}x, p90 ${(pct(x.times, 90) / pct(b.times, 90)).toFixed(1)}x, ` +
        `packets ${(pk(x) / Math.max(pk(b), 1e-9)).toFixed(1)}x, cpu ${(x.cpu! / Math.max(b.cpu!, 1e-9)).toFixed(1)}x`,
    );
  } finally {
    for (const p of proxies) p.close();
    for (const s of started.reverse()) await s.stop();
  }
}

/** The fleet: N virtual BMCs in their own process. */
async function startFleet(count: number): Promise<Proc & { ports: number[] }> {
  const proc = startProcess(TSX, [path.join(__dirname, 'exporter-fleet.ts'), '--count', String(count)]);
  let ports: number[] = [];
  await waitFor(`${count} virtual BMCs`, async () => {
    const m = /^ports (\[.*\])$/m.exec(proc.output());
    if (m) ports = JSON.parse(m[1]) as number[];
    return ports.length === count;
  }, 120_000);
  return { ...proc, ports };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function fleet(count: number): Promise<void> {
  const intervalMs = Number(arg('interval', '15')) * 1000;
  const rounds = Number(arg('rounds', '3'));
  const started: Array<{ stop(): Promise<void> }> = [];
  try {
    const t0 = performance.now();
    const bmcs = await startFleet(count);
    started.push(bmcs);
    console.log(`# fleet: ${count} virtual BMCs listening after ${((performance.now() - t0) / 1000).toFixed(1)} s, RSS ${rssMb(nodePid(bmcs.child.pid!)).toFixed(0)} MB`);
    const bridge = await startBridge(bmcs.ports);
    started.push(bridge);
    const pid = nodePid(bridge.child.pid!);
    const times: number[] = [];
    let failed = 0;
    let cpu0 = 0;
    let wall0 = 0;
    for (let round = 0; round <= rounds; round++) {
      if (round === 1) {
        times.length = 0;
        failed = 0;
        cpu0 = cpuMs(pid);
        wall0 = performance.now();
      }
      const start = performance.now();
      await Promise.all(
        bmcs.ports.map(async (_, i) => {
          await new Promise((r) => setTimeout(r, (i * intervalMs) / count));
          const q0 = performance.now();
          const r = await fetch(`${bridge.url}/ipmi?target=bmc-${i}&module=vbmc`, { headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '10' } });
          const body = await r.text();
          times.push(performance.now() - q0);
          failed += (body.match(/^ipmi_up\{collector="(?!sm-lan-mode)[^"]+"\} 0$/gm) ?? []).length;
        }),
      );
      const left = intervalMs - (performance.now() - start);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    }
    const cpu = cpuMs(pid) - cpu0;
    const wall = performance.now() - wall0;
    console.log(
      `fleet: ${count} BMCs every ${intervalMs / 1000} s, ${rounds} rounds after warm-up: bmcbridge CPU ${((100 * cpu) / wall).toFixed(1)}% of one core, ` +
        `scrape p50 ${pct(times, 50).toFixed(1)} ms, p99 ${pct(times, 99).toFixed(1)} ms, slowest ${Math.max(...times).toFixed(1)} ms, ` +
        `failed collectors ${failed}, bmcbridge RSS ${rssMb(pid).toFixed(0)} MB`,
    );
    const d0 = performance.now();
    const all = await (await fetch(`${bridge.url}/devices/metrics?module=vbmc`, { headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '30' } })).text();
    const ups = all.match(/^ipmi_up\{collector="ipmi",target="[^"]+"\} 1$/gm)?.length ?? 0;
    console.log(`fleet: /devices/metrics?module=vbmc in ${((performance.now() - d0) / 1000).toFixed(2)} s, ${all.length} bytes, ipmi up on ${ups}/${count} devices`);
  } finally {
    for (const s of started.reverse()) await s.stop();
  }
}

const FLEET = Number(arg('fleet', '0'));
(FLEET > 0 ? fleet(FLEET) : main()).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
