import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** test/fixtures/ipmi_sim: lan.conf.in, bmc.emu, chassis-control.sh. */
export const IPMI_SIM_FIXTURES = path.resolve(__dirname, '../../fixtures/ipmi_sim');

export interface IpmiSim {
  host: string;
  port: number;
  pid: number;
  /** The run directory (lan.conf, state/, chassis/, log). */
  dir: string;
  /** Chassis power as the chassis-control hook keeps it ('1' on, '0' off). */
  power(): string;
  stop(): Promise<void>;
}

/** A UDP port that was free a moment ago (bind to 0, read, close). */
export async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * Start OpenIPMI ipmi_sim on 127.0.0.1 at a free high port with the fixture configuration, in a
 * fresh run directory, through the fixture's start.sh (which benchmarks use too): it wipes the
 * state dir (persisted users and SEL override the files), runs ipmi_sim with `-n`, and prints
 * the PID once the port answers an RMCP ping. `emu` replaces the fixture's bmc.emu (the
 * benchmark generates a larger one). `lanConf` rewrites the fixture's lan.conf.in (a copy of the
 * fixture directory is used then). Stopped by PID with stop.sh.
 */
export async function startIpmiSim(opts: { emu?: string; lanConf?: (text: string) => string } = {}): Promise<IpmiSim> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-ipmi-sim-'));
  const port = await freeUdpPort();
  let fixtures = IPMI_SIM_FIXTURES;
  if (opts.lanConf) {
    fixtures = path.join(dir, 'fixtures');
    fs.cpSync(IPMI_SIM_FIXTURES, fixtures, { recursive: true });
    const conf = path.join(fixtures, 'lan.conf.in');
    fs.writeFileSync(conf, opts.lanConf(fs.readFileSync(conf, 'utf8')));
  }
  const args = [path.join(fixtures, 'start.sh'), String(port), dir, ...(opts.emu ? [opts.emu] : [path.join(fixtures, 'bmc.emu')])];
  const started = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const c = spawn('sh', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    c.on('close', (code) => resolve({ code, out }));
  });
  const pid = Number(started.out.trim());
  if (started.code !== 0 || !Number.isInteger(pid)) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`ipmi_sim did not come up on 127.0.0.1:${port}: ${started.out.slice(0, 500)}`);
  }
  return {
    host: '127.0.0.1',
    port,
    pid,
    dir,
    power: () => fs.readFileSync(path.join(dir, 'chassis', 'power'), 'utf8').trim(),
    stop: async () => {
      await new Promise<void>((resolve) => spawn('sh', [path.join(IPMI_SIM_FIXTURES, 'stop.sh'), dir], { stdio: 'ignore' }).on('close', () => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
