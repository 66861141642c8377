/**
 * Our virtual BMC as users run it for the benchmarks that time peer tools against it: the built
 * CLI (`node dist/src/cli.js sim`) in its own process, not under the benchmark's TypeScript
 * loader (tsx's loader thread runs garbage collections of its own during the runs).
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';

/** A UDP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * `bmcbridge sim --profile FILE --user admin:password` on a free port of 127.0.0.1, with its
 * state in a new directory under `dir`. Resolves once it listens.
 */
export async function startSimCli(file: string, dir: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const cli = path.resolve(__dirname, '..', '..', 'dist', 'src', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: npm run build`);
  const port = await freePort();
  const state = fs.mkdtempSync(path.join(dir, 'state-'));
  const child = spawn(process.execPath, [cli, 'sim', '--profile', file, '--user', 'admin:password', '--port', String(port), '--state', state, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
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
    stop: async () => {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
