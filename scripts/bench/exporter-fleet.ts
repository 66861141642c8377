/**
 * N virtual BMCs with the exporter benchmark profile in one process, for the fleet part of
 * scripts/bench/exporter.ts: `npx tsx scripts/bench/exporter-fleet.ts --count N`.
 * Prints one line "ports <json array>" once every BMC listens on 127.0.0.1; stops on SIGTERM.
 */
import path from 'node:path';
import { VirtualBmc } from '../../src/bmc/device';
import { LanServer } from '../../src/bmc/server';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { standardHandlers } from '../../src/bmc/handlers';
import { loadProfileRef } from '../../src/profile';
import { silentLogger } from '../../src/lib/logger';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--count');
  const count = i > 0 ? Number(process.argv[i + 1]) : 1000;
  const profile = loadProfileRef(path.resolve(__dirname, '../../test/fixtures/exporter/profiles/exporter-bench.yaml'));
  const handlers = [...sessionHandlers, ...standardHandlers];
  const running: Array<{ bmc: VirtualBmc; server: LanServer }> = [];
  const ports: number[] = [];
  for (let n = 0; n < count; n++) {
    const bmc = new VirtualBmc({ name: `bmc-${n}`, profile, log: silentLogger, handlers });
    const server = new LanServer(bmc);
    ports.push((await server.listen('127.0.0.1', 0)).port);
    running.push({ bmc, server });
  }
  process.stdout.write(`ports ${JSON.stringify(ports)}\n`);
  const stop = async () => {
    for (const r of running) {
      await r.server.close();
      r.bmc.close();
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
void main();
