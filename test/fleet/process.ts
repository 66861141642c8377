import { ChildProcess, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { decodeAsf, presencePing, AsfType } from '../../src/codec/rmcp';
import { REPO_ROOT } from '../../src/profile';

/**
 * `bmcbridge start` in a child process, as a user runs it (issue 8): the built CLI in dist/,
 * a devices file, a state root. Shared by the fleet tests and scripts/bench/fleet.ts.
 */

export const CLI = path.join(REPO_ROOT, 'dist', 'src', 'cli.js');

/** dist/ is built by `npm test` (tsc first); a lone `npx mocha test/fleet/...` builds it when it is missing. */
export async function ensureBuilt(): Promise<void> {
  if (fs.existsSync(CLI)) return;
  const tsc = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
  const code = await new Promise<number | null>((resolve) => spawn(tsc, ['-p', path.join(REPO_ROOT, 'tsconfig.json')], { stdio: 'inherit' }).on('close', resolve));
  if (!fs.existsSync(CLI)) throw new Error(`tsc exited ${code} and ${CLI} is still missing`);
}

export interface Started {
  child: ChildProcess;
  pid: number;
  /** Milliseconds from spawn to the banner `N device(s) from FILE` (printed once every listener is up). */
  readyMs: number;
  devices: number;
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Spawn `node [nodeArgs] dist/src/cli.js start ARGS` and resolve once it printed its banner
 * (Bridge.start() resolved: every virtual BMC listens); reject with its stderr if it exits first.
 */
export function startBridge(args: string[], opts: { nodeArgs?: string[]; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Started> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), CLI, 'start', ...args], { cwd: REPO_ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let settled = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(t);
      }
    };
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      void stop();
      reject(new Error(`bmcbridge start ${args.join(' ')}: ${why}\n${err.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`no banner within ${opts.timeoutMs ?? 60_000} ms`), opts.timeoutMs ?? 60_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /: (\d+) device\(s\) from /.exec(out);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, pid: child.pid!, readyMs: performance.now() - t0, devices: Number(m[1]), stdout: () => out, stderr: () => err, stop });
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(`exited (${code ?? signal}) before listening`);
    });
  });
}

/** Resident set size of a process in bytes (/proc/PID/status VmRSS). */
export function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** CPU time (user + system) of a process in seconds (/proc/PID/stat fields 14 and 15, clock ticks of 1/100 s on Linux). */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/**
 * Which of these UDP ports on `host` answer an RMCP/ASF Presence Ping (ASF 2.0 §3.2.4.3) with a
 * Pong: sent in batches, unanswered ports asked again up to `rounds` times (UDP may drop).
 */
export async function pingAll(host: string, ports: number[], opts: { batch?: number; waitMs?: number; rounds?: number } = {}): Promise<Set<number>> {
  const sock = dgram.createSocket({ type: 'udp4', recvBufferSize: 1 << 21 });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const answered = new Set<number>();
  sock.on('message', (msg, rinfo) => {
    try {
      if (decodeAsf(msg).type === AsfType.Pong) answered.add(rinfo.port);
    } catch {
      // not a pong: ignore
    }
  });
  const batch = opts.batch ?? 100;
  try {
    for (let round = 0; round < (opts.rounds ?? 3); round++) {
      const todo = ports.filter((p) => !answered.has(p));
      if (todo.length === 0) break;
      for (let i = 0; i < todo.length; i += batch) {
        for (const p of todo.slice(i, i + batch)) sock.send(presencePing(p & 0xff), p, host);
        await new Promise((r) => setTimeout(r, opts.waitMs ?? 50));
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    sock.close();
  }
  return answered;
}

/** A small seeded PRNG (mulberry32), so that a random sample can be drawn again from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` distinct items of `list`, drawn with `rnd`. */
export function sample<T>(list: readonly T[], n: number, rnd: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

/** Run `fn` over `items` with at most `limit` at once. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}
