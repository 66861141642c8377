/**
 * bmcbridge's metrics server alone, for scripts/bench/exporter.ts (run in its own process, as
 * ipmi_exporter is): `npx tsx scripts/bench/exporter-bridge.ts --config FILE --port N`.
 * Targets are host:port, reached with the module's credentials. Prints "listening <port>".
 */
import { clientInventory } from '../../src/frontends/metrics/client-device';
import { createMetricsServer, loadModulesConfig } from '../../src/frontends/metrics';

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || !process.argv[i + 1]) throw new Error(`--${name} is required`);
  return process.argv[i + 1];
}

async function main(): Promise<void> {
  const server = createMetricsServer({
    modules: loadModulesConfig(arg('config')),
    inventory: clientInventory({ devices: [], clientTarget: () => ({ kind: 'lan', host: '127.0.0.1', user: '', password: '' }) }),
    port: Number(arg('port')),
  });
  const a = await server.listen();
  process.stdout.write(`listening ${a.port}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
void main();
