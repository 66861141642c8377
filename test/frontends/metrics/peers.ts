import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tempDir } from './expo';

/** Processes these helpers start, for the metrics interop tests and the exporter benchmark. Each is stopped by its PID. */
export const FIXTURES = path.resolve(__dirname, '../../fixtures/exporter');
export const EXPORTER_CONFIG = path.join(FIXTURES, 'ipmi_exporter.yml');
export const IPMI_EXPORTER = '/usr/bin/prometheus-ipmi-exporter';
export const PROMETHEUS = '/usr/bin/prometheus';

/** A free loopback port (UDP or TCP), by binding port 0 and closing again. */
export async function freePort(kind: 'udp' | 'tcp'): Promise<number> {
  if (kind === 'udp') {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    const p = s.address().port;
    await new Promise<void>((r) => s.close(() => r()));
    return p;
  }
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const p = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return p;
}

export interface Proc {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a process, collecting its output; stop() sends SIGTERM (SIGKILL after 3 s) to that PID only. */
export function startProcess(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Proc {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d) => (out += d));
  return {
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

export async function waitFor(what: string, ok: () => Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await ok().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves true when something answers an RMCP presence ping on the port (ASF, v2.0 §13.2.3). */
export function rmcpPing(port: number, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const done = (v: boolean) => {
      clearTimeout(t);
      s.close();
      resolve(v);
    };
    const t = setTimeout(() => done(false), timeoutMs);
    s.on('message', () => done(true));
    // RMCP v1.0, seq FFh, class ASF; IANA 4542, Presence Ping (80h), tag 0, data length 0
    s.send(Buffer.from([0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, 0x00, 0x00, 0x00]), port, '127.0.0.1');
  });
}

export interface IpmiSim extends Proc {
  port: number;
}

/** OpenIPMI's ipmi_sim with the BMC of test/fixtures/exporter/ipmi-sim (13 sensors, 5 SEL entries) on a fresh state dir. */
export async function startIpmiSim(port?: number): Promise<IpmiSim> {
  const p = port ?? (await freePort('udp'));
  const t = tempDir('bmcbridge-ipmisim-');
  const dir = path.join(FIXTURES, 'ipmi-sim');
  fs.writeFileSync(path.join(t.dir, 'lan.conf'), fs.readFileSync(path.join(dir, 'lan.conf.in'), 'utf8').replaceAll('@PORT@', String(p)).replaceAll('@DIR@', dir));
  fs.mkdirSync(path.join(t.dir, 'state'));
  const proc = startProcess('ipmi_sim', ['-c', path.join(t.dir, 'lan.conf'), '-f', path.join(dir, 'bmc.emu'), '-s', path.join(t.dir, 'state'), '-n'], { cwd: t.dir });
  const stop = async () => {
    await proc.stop();
    t.cleanup();
  };
  try {
    await waitFor(`ipmi_sim on 127.0.0.1:${p}`, () => rmcpPing(p));
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}: ${proc.output()}`);
  }
  return { ...proc, port: p, stop };
}

export interface HttpProc extends Proc {
  url: string;
}

/** Debian's prometheus-ipmi-exporter (1.6.1, FreeIPMI underneath) on a free loopback port. */
export async function startIpmiExporter(config = EXPORTER_CONFIG): Promise<HttpProc> {
  const port = await freePort('tcp');
  const proc = startProcess(IPMI_EXPORTER, [`--config.file=${config}`, `--web.listen-address=127.0.0.1:${port}`]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor('ipmi_exporter', async () => (await fetch(`${url}/metrics`)).ok);
  } catch (e) {
    await proc.stop();
    throw new Error(`${(e as Error).message}: ${proc.output()}`);
  }
  return { ...proc, url };
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const r = await fetch(url, { headers });
  return { status: r.status, body: await r.text() };
}
