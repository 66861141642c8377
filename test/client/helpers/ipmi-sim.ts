import { spawn, ChildProcess } from 'node:child_process';
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

/** An RMCP presence ping (ASF 2.0 §3.2.4.1): ipmi_sim answers once its LAN socket is up. */
async function answersPing(port: number): Promise<boolean> {
  const s = dgram.createSocket('udp4');
  try {
    return await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 100);
      s.on('message', () => {
        clearTimeout(t);
        resolve(true);
      });
      s.send(Buffer.from('0600ff06000011be80000000', 'hex'), port, '127.0.0.1');
    });
  } finally {
    s.close();
  }
}

/**
 * Start OpenIPMI ipmi_sim on 127.0.0.1 at a free high port with the fixture configuration, in a
 * fresh run directory (its state dir must start empty: persisted users and SEL override the
 * files). stdin is `-n` (ipmi_sim aborts when stdin is /dev/null). Stopped by PID.
 * `emu` replaces the fixture's bmc.emu (the benchmark generates a larger one).
 */
export async function startIpmiSim(opts: { emu?: string } = {}): Promise<IpmiSim> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-ipmi-sim-'));
  fs.mkdirSync(path.join(dir, 'state'));
  fs.mkdirSync(path.join(dir, 'chassis'));
  fs.writeFileSync(path.join(dir, 'chassis', 'power'), '1\n');
  const port = await freeUdpPort();
  const conf = fs
    .readFileSync(path.join(IPMI_SIM_FIXTURES, 'lan.conf.in'), 'utf8')
    .replace(/@PORT@/g, String(port))
    .replace(/@HERE@/g, IPMI_SIM_FIXTURES)
    .replace(/@RUN@/g, dir);
  fs.writeFileSync(path.join(dir, 'lan.conf'), conf);
  const emu = opts.emu ?? path.join(IPMI_SIM_FIXTURES, 'bmc.emu');
  const log = fs.openSync(path.join(dir, 'ipmi_sim.log'), 'w');
  const child: ChildProcess = spawn('ipmi_sim', ['-n', '-c', path.join(dir, 'lan.conf'), '-f', emu, '-s', path.join(dir, 'state')], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(t);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    if (await answersPing(port))
      return {
        host: '127.0.0.1',
        port,
        pid: child.pid!,
        dir,
        power: () => fs.readFileSync(path.join(dir, 'chassis', 'power'), 'utf8').trim(),
        stop,
      };
  }
  const out = fs.existsSync(path.join(dir, 'ipmi_sim.log')) ? fs.readFileSync(path.join(dir, 'ipmi_sim.log'), 'utf8') : '';
  await stop();
  throw new Error(`ipmi_sim did not come up on 127.0.0.1:${port}: ${out.slice(0, 500)}`);
}
