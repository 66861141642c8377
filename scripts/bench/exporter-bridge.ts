/**
 * bmcbridge's metrics server alone, for scripts/bench/exporter.ts (run in its own process, as
 * ipmi_exporter is): `npx tsx scripts/bench/exporter-bridge.ts --config FILE --port N [--devices PORTS]`.
 * Targets are host:port reached with the module's credentials, and with --devices (a JSON
 * array of UDP ports on 127.0.0.1, admin/password) inventory devices bmc-0, bmc-1, ... too.
 * Prints "listening <port>".
 */
import { clientInventory } from '../../src/frontends/metrics/client-device';
import { createMetricsServer, loadModulesConfig } from '../../src/frontends/metrics';

function arg(name: string, dflt?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || !process.argv[i + 1]) {
    if (dflt !== undefined) return dflt;
    throw new Error(`--${name} is required`);
  }
  return process.argv[i + 1];
}

async function main(): Promise<void> {
  const ports = JSON.parse(arg('devices', '[]')) as number[];
  const devices = ports.map((p, i) => ({ name: `bmc-${i}`, kind: 'sim', address: `127.0.0.1:${p}` }));
  const server = createMetricsServer({
    modules: loadModulesConfig(arg('config')),
    inventory: clientInventory({
      devices,
      clientTarget: (d) => ({ kind: 'lan', host: '127.0.0.1', port: Number(d.address!.split(':')[1]), user: 'admin', password: 'password' }),
    }),
    port: Number(arg('port')),
  });
  const a = await server.listen();
  process.stdout.write(`listening ${a.port}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
void main();
