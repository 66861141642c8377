/**
 * Issue 9 benchmark: Serial-over-LAN through our virtual BMC and through OpenIPMI ipmi_sim's
 * SOL, same run, same machine, same client and same "VM":
 *   (a) keystroke echo round trip: one character typed, echoed by the VM's serial port, back at
 *       the console; p50/p99 over N keystrokes;
 *   (b) bulk: the VM prints a 1 MiB burst; time until the console has all of it, in MB/s.
 * The VM is this process: a TCP server each BMC's console connects to (ours: a `socket`
 * back end; ipmi_sim: `sol "tcp:127.0.0.1:PORT"` in lan.conf) that echoes what it is sent and
 * answers "B" with the burst. The console is the bmcbridge SOL client (src/client/sol), with
 * cipher suite 3 (ipmi_sim has no suite 17). Each BMC runs in its own process. Both are measured
 * at their own SOL defaults and at "accumulate 5 ms, send threshold 1" set on both.
 *
 *   npx tsx scripts/bench/sol.ts [--n 200] [--burst 1048576] [--skip-ipmi-sim]
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connect, IpmiClient } from '../../src/client';
import { SolConsole, setSolSetting, readSolConfiguration } from '../../src/client/sol';

const ROOT = path.resolve(__dirname, '..', '..');
const IPMI_SIM = path.join(ROOT, 'test', 'fixtures', 'ipmi_sim');
const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const N = opt('n', 200);
const BURST = opt('burst', 1 << 20);
const END = '<<end of burst>>';

// ------------------------------------------------------------------ child: our BMC

async function serve(port: number, vmPort: number): Promise<void> {
  const { VirtualBmc } = await import('../../src/bmc/device');
  const { LanServer } = await import('../../src/bmc/server');
  const { standardHandlers } = await import('../../src/bmc/handlers');
  const { sessionHandlers } = await import('../../src/bmc/handlers/session');
  const { loadProfileRef } = await import('../../src/profile');
  const { createLogger } = await import('../../src/lib/logger');
  const profile = {
    ...loadProfileRef('generic-1u'),
    users: [{ name: 'admin', password: 'password', privilege: 'administrator' as const }],
  };
  const bmc = new VirtualBmc({
    name: 'bench',
    profile,
    log: createLogger({ level: 'warn' }),
    handlers: [...standardHandlers, ...sessionHandlers],
    console: { kind: 'socket', host: '127.0.0.1', port: vmPort, reconnectMs: 100, historyBytes: 65536, flowControl: false },
  });
  await new LanServer(bmc).listen('127.0.0.1', port);
  process.stdout.write('ready\n');
}

// ------------------------------------------------------------------ the VM

interface Vm {
  port: number;
  connected(): Promise<void>;
  close(): Promise<void>;
}
/** Echoes every byte; "B" (alone in a write) starts the burst instead of being echoed. */
async function startVm(burst: Buffer): Promise<Vm> {
  let waiting: Array<() => void> = [];
  let sock: net.Socket | undefined;
  const server = net.createServer((s) => {
    sock = s;
    s.setNoDelay(true);
    s.on('data', (d: Buffer) => {
      if (d.length === 1 && d[0] === 0x42) s.write(burst);
      else s.write(d);
    });
    s.on('error', () => undefined);
    for (const w of waiting.splice(0)) w();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    connected: () => (sock ? Promise.resolve() : new Promise((r) => waiting.push(r))),
    close: () => {
      sock?.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

// ------------------------------------------------------------------ targets

interface Target {
  name: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** utime+stime of a process in ms (/proc/PID/stat fields 14 and 15). */
function cpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return ((Number(rest[11]) + Number(rest[12])) * 1000) / 100;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function startOurs(vmPort: number): Promise<Target> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, __filename, '--serve', String(port), String(vmPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (c) => reject(new Error(`our BMC exited (${c})`)));
  });
  return {
    name: 'bmcbridge',
    port,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** ipmi_sim from the test fixture, its lan.conf with a `sol` line pointing at the VM. */
async function startIpmiSim(vmPort: number): Promise<Target | string> {
  if (spawnSync('sh', ['-c', 'command -v ipmi_sim']).status !== 0) return 'ipmi_sim is not installed';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sol-sim-'));
  // A copy of the fixture directory whose lan.conf.in also has the SOL line.
  for (const f of fs.readdirSync(IPMI_SIM)) fs.copyFileSync(path.join(IPMI_SIM, f), path.join(dir, f));
  const conf = fs.readFileSync(path.join(dir, 'lan.conf.in'), 'utf8').replace(/(\n\s*chassis_control [^\n]*\n)/, `$1\n  sol "tcp:127.0.0.1:${vmPort}" 115200\n`);
  fs.writeFileSync(path.join(dir, 'lan.conf.in'), conf);
  fs.chmodSync(path.join(dir, 'start.sh'), 0o755);
  fs.chmodSync(path.join(dir, 'chassis-control.sh'), 0o755);
  const port = await freePort();
  const run = path.join(dir, 'run');
  const r = spawnSync(path.join(dir, 'start.sh'), [String(port), run], { encoding: 'utf8' });
  if (r.status !== 0) return `ipmi_sim did not start: ${r.stderr.trim()}`;
  return {
    name: 'ipmi_sim',
    port,
    pid: Number(r.stdout.trim()),
    stop: async () => {
      spawnSync(path.join(dir, 'stop.sh'), [run]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------ measurements

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

interface Result {
  p50?: number;
  p99?: number;
  mbps?: number;
  /** BMC CPU ms spent on the burst, and packets it took. */
  cpu?: number;
  packets?: number;
  note?: string;
}

async function measure(t: Target, vm: Vm, tune: boolean): Promise<Result> {
  const client: IpmiClient = connect({ kind: 'lan', host: '127.0.0.1', port: t.port, user: 'admin', password: 'password', cipherSuite: 3 });
  try {
    if (tune) {
      try {
        await setSolSetting(client, 'character-accumulate-level', '1', 1);
        await setSolSetting(client, 'character-send-threshold', '1', 1);
      } catch (e) {
        return { note: `cannot be tuned: ${(e as Error).message}` };
      }
    }
    const cfg = await readSolConfiguration(client, 1);
    await vm.connected();
    const sol = await SolConsole.open(client, { steal: true });
    let got = '';
    let wake: (() => void) | undefined;
    sol.onData((d) => {
      got += d.toString('latin1');
      wake?.();
    });
    const waitFor = async (s: string, ms: number) => {
      const end = Date.now() + ms;
      while (!got.includes(s)) {
        if (Date.now() > end) throw new Error(`${t.name}: no "${s.slice(-20)}" after ${ms} ms (have ${got.length} bytes)`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 50);
        });
      }
    };
    // Warm up, then one keystroke at a time.
    sol.write('w');
    await waitFor('w', 5000);
    const rtts: number[] = [];
    for (let i = 0; i < N; i++) {
      got = '';
      const ch = String.fromCharCode(0x61 + (i % 26));
      const t0 = performance.now();
      sol.write(ch);
      await waitFor(ch, 5000);
      rtts.push(performance.now() - t0);
    }
    got = '';
    const packets0 = sol.stats.packetsIn;
    const cpu0 = cpuMs(t.pid);
    const t0 = performance.now();
    sol.write('B');
    await waitFor(END, 120_000);
    const secs = (performance.now() - t0) / 1000;
    const cpu = cpuMs(t.pid) - cpu0;
    const packets = sol.stats.packetsIn - packets0;
    await sol.close();
    return {
      p50: pct(rtts, 50),
      p99: pct(rtts, 99),
      mbps: BURST / secs / 1e6,
      cpu,
      packets,
      note: `accumulate ${(cfg.accumulate5ms ?? 0) * 5} ms, threshold ${cfg.threshold}, ${got.length === BURST ? 'burst complete' : `burst ${got.length}/${BURST} bytes`}`,
    };
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  if (args[0] === '--serve') return serve(Number(args[1]), Number(args[2]));
  const burst = Buffer.alloc(BURST, 0x2e);
  for (let i = 0; i < BURST - END.length; i += 64) burst[i] = 0x0a;
  burst.write(END, BURST - END.length, 'latin1');
  const rows: string[] = [];
  for (const which of ['bmcbridge', 'ipmi_sim'] as const) {
    if (which === 'ipmi_sim' && args.includes('--skip-ipmi-sim')) continue;
    const vm = await startVm(burst);
    const t = which === 'bmcbridge' ? await startOurs(vm.port) : await startIpmiSim(vm.port);
    if (typeof t === 'string') {
      rows.push(`| ipmi_sim | - | - | - | - | - | ${t} |`);
      await vm.close();
      continue;
    }
    try {
      for (const tune of [false, true]) {
        try {
          const r = await measure(t, vm, tune);
          if (r.p50 === undefined) {
            rows.push(`| ${t.name} (5 ms, threshold 1) | - | - | - | - | - | ${r.note} |`);
            continue;
          }
          rows.push(
            `| ${t.name}${tune ? ' (5 ms, threshold 1)' : ' (its defaults)'} | ${r.p50!.toFixed(2)} | ${r.p99!.toFixed(2)} | ${r.mbps!.toFixed(2)} | ${r.packets} | ${r.cpu!.toFixed(0)} | ${r.note} |`,
          );
        } catch (e) {
          rows.push(`| ${t.name}${tune ? ' (5 ms, threshold 1)' : ' (its defaults)'} | - | - | - | - | - | ${(e as Error).message} |`);
        }
      }
    } finally {
      await t.stop();
      await vm.close();
    }
  }
  console.log(`SOL through the virtual BMC vs ipmi_sim (${os.cpus()[0]?.model ?? 'cpu'}, ${N} keystrokes, ${BURST} byte burst, client: bmcbridge SolConsole, cipher suite 3)\n`);
  console.log('| BMC | echo p50 ms | echo p99 ms | burst MB/s | burst packets | BMC CPU ms for the burst | notes |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
