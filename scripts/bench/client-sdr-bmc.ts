/**
 * The virtual BMC side of scripts/bench/client-sdr.ts, in its own process so that it does not
 * share an event loop with the client under measurement:
 *
 *   npx tsx scripts/bench/client-sdr-bmc.ts PROFILE.yaml
 *
 * Serves the profile on 127.0.0.1 at a free UDP port with user admin/password, prints
 * "port N" once listening, and runs until it is killed.
 */
import { VirtualBmc } from '../../src/bmc/device';
import { LanServer } from '../../src/bmc/server';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { loadProfileRef } from '../../src/profile';
import type { ProfileSpec } from '../../src/profile/types';
import { silentLogger } from '../../src/lib/logger';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: client-sdr-bmc.ts PROFILE.yaml');
  const profile: ProfileSpec = { ...loadProfileRef(file), users: [{ name: 'admin', password: 'password', privilege: 'administrator' }] };
  const bmc = new VirtualBmc({ name: 'bench', profile, log: silentLogger, handlers: [...standardHandlers, ...sessionHandlers] });
  const server = new LanServer(bmc);
  const { port } = await server.listen('127.0.0.1', 0);
  process.stdout.write(`port ${port}\n`);
  const stop = async () => {
    await server.close();
    bmc.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
