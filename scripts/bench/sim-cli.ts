/**
 * Our virtual BMC as users run it for the benchmarks that time peer tools against it: the built
 * CLI (`node dist/src/cli.js sim`) in its own process, not under the benchmark's TypeScript
 * loader (tsx's loader thread runs garbage collections of its own during the runs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { freeUdpPort } from '../../test/client/helpers/ipmi-sim';

/**
 * `bmcbridge sim --profile PROFILE --user admin:password` (a profile id or file) on a free port of
 * 127.0.0.1, with its state in a new temporary directory that `stop` removes. Resolves once it
 * listens.
 */
export async function startSimCli(profile: string): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const cli = path.resolve(__dirname, '..', '..', 'dist', 'src', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: npm run build`);
  const port = await freeUdpPort();
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-bench-state-'));
  const child = spawn(process.execPath, [cli, 'sim', '--profile', profile, '--user', 'admin:password', '--port', String(port), '--state', state, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`bmcbridge sim did not start: ${err}`)), 30_000);
    child.stderr.on('data', () => {
      if (/ on udp:/.test(err)) {
        clearTimeout(t);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`bmcbridge sim exited ${code}: ${err}`)));
  });
  return {
    port,
    pid: child.pid!,
    stop: async () => {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
      fs.rmSync(state, { recursive: true, force: true });
    },
  };
}
