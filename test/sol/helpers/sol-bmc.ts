import dgram from 'node:dgram';
import { Writable } from 'node:stream';
import { VirtualBmc } from '../../../src/bmc/device';
import { LanServer } from '../../../src/bmc/server';
import { standardHandlers } from '../../../src/bmc/handlers';
import { sessionHandlers } from '../../../src/bmc/handlers/session';
import type { ConsoleSpec, PowerHookSpec } from '../../../src/profile/console-types';
import { defaultConsole } from '../../../src/profile/console-types';
import type { ProfileSpec } from '../../../src/profile/types';
import { Logger, createLogger, silentLogger } from '../../../src/lib/logger';
import type { Clock } from '../../../src/lib/clock';
import { testProfile } from '../../helpers/test-bmc';
import { VmSerialPort } from './vm-port';
import type { PtyProcess } from './pty';

export interface SolBmc {
  bmc: VirtualBmc;
  server: LanServer;
  host: string;
  port: number;
  close(): Promise<void>;
}

export interface SolBmcOptions {
  name?: string;
  console?: ConsoleSpec;
  powerHooks?: PowerHookSpec;
  profile?: ProfileSpec;
  host?: string;
  port?: number;
  stateDir?: string;
  clock?: Clock;
  log?: Logger;
}

/** A simulated console that boots in a blink (tests wait for prompts, not for time). */
export function fastConsole(over: Partial<ConsoleSpec> = {}): ConsoleSpec {
  return { ...defaultConsole(), lineDelayMs: 1, ...over } as ConsoleSpec;
}

/** A virtual BMC with every handler on a UDP port (127.0.0.1:0 unless told), with the given console and hooks. */
export async function startSolBmc(o: SolBmcOptions = {}): Promise<SolBmc> {
  const log = o.log ?? (process.env.TEST_LOG ? createLogger({ level: process.env.TEST_LOG }) : silentLogger);
  const bmc = new VirtualBmc({
    name: o.name ?? 'vm1',
    profile: o.profile ?? testProfile(),
    log,
    handlers: [...standardHandlers, ...sessionHandlers],
    console: o.console ?? fastConsole(),
    powerHooks: o.powerHooks,
    stateDir: o.stateDir,
    clock: o.clock,
  });
  const server = new LanServer(bmc);
  const addr = await server.listen(o.host ?? '127.0.0.1', o.port ?? 0);
  return {
    bmc,
    server,
    host: addr.host,
    port: addr.port,
    close: async () => {
      await server.close();
      bmc.close();
      await bmc.sol.close();
    },
  };
}

/** ipmitool's lanplus arguments for a BMC (cipher suite 17 unless told). */
export function ipmitoolArgs(b: { host: string; port: number }, user = 'admin', password = 'password', suite = '17'): string[] {
  return ['-I', 'lanplus', '-C', suite, '-H', b.host, '-p', String(b.port), '-U', user, '-P', password];
}

/**
 * A loopback address of its own for a BMC on UDP port 623 (FreeIPMI's ipmiconsole has no port
 * option): 127.<pid-derived>.x.y, checked free. Undefined when binding port 623 is not allowed here.
 */
export async function free623Address(): Promise<string | undefined> {
  for (let i = 0; i < 20; i++) {
    const host = `127.${100 + (process.pid % 100)}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
    const ok = await new Promise<'ok' | 'busy' | 'denied'>((resolve) => {
      const s = dgram.createSocket('udp4');
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EACCES' ? 'denied' : 'busy'));
      s.bind(623, host, () => s.close(() => resolve('ok')));
    });
    if (ok === 'ok') return host;
    if (ok === 'denied') return undefined;
  }
  return undefined;
}

/** Wait until `check` holds (polling), or fail with `what`. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A logger whose JSON lines are kept, for tests that check what was logged. */
export function captureLogger(): { log: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

/**
 * A BMC whose console is a `socket` back end connected to a VM serial port stand-in, with SOL
 * retries 20 ms apart (seven of them) and a 5 ms accumulate interval so tests run quickly; the
 * protocol is the same.
 */
export async function startSocketBmc(): Promise<{ vm: VmSerialPort; b: SolBmc }> {
  const vm = await VmSerialPort.start();
  const b = await startSolBmc({ console: { kind: 'socket', path: vm.path, reconnectMs: 100, historyBytes: 1 << 20, flowControl: false } });
  await vm.waitConnected();
  b.bmc.sol.config.set(3, Buffer.from([1, 200]));
  b.bmc.sol.config.set(4, Buffer.from([7, 2]));
  return { vm, b };
}

/** At the simulated console's login prompt: log in with the demo login, run hostname, log out. */
export async function loginRunHostname(p: PtyProcess): Promise<void> {
  await p.send('\r');
  await p.expect('vm1 login: ');
  await p.send('root\r');
  await p.expect('Password: ');
  await p.send('bmcbridge\r');
  await p.expect('root@vm1:~# ');
  await p.send('hostname\r');
  const answer = await p.expect('root@vm1:~# ');
  if (answer !== 'hostname\r\nvm1\r\nroot@vm1:~# ') throw new Error(`hostname answered ${JSON.stringify(answer)}`);
  await p.send('exit\r');
  await p.expect('vm1 login: ');
}
