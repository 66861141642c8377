/**
 * The Prometheus front end: ipmi_exporter's endpoints and metric names, collected natively
 * through the device layer (docs/metrics.md). The API the integrator wires:
 *
 *   const modules = file ? loadModulesConfig(file) : defaultModulesConfig();   // ipmi_exporter's file
 *   for (const w of modules.warnings) log.warn(w);
 *   const inventory = clientInventory({
 *     devices: sims.map((d) => ({ name: d.name, kind: 'sim', address: d.lan && `${d.lan.host}:${d.lan.port}` })),
 *     // in-process for virtual BMCs of this process; { kind: 'lan', host, port, user, password } for real ones
 *     clientTarget: (d) => ({ kind: 'in-process', bmc: bmcs.get(d.name)!, name: d.name }),
 *     log,
 *   });
 *   const server = createMetricsServer({ modules, inventory, log });   // 127.0.0.1:9290
 *   await server.listen();
 *   ...
 *   await server.close();                                                // closes every session
 *
 * or inside an existing fastify instance: `app.register(metricsPlugin, { modules, inventory, log })`.
 * Any MetricsInventory works (source.ts): it lists the devices and opens a MetricsDevice per
 * target; clientDevice() builds one over the device layer's BmcDevice.
 */
export { metricsPlugin } from './plugin';
export type { MetricsPluginOptions } from './plugin';
export { createMetricsServer, DEFAULT_LISTEN } from './server';
export type { MetricsServer } from './server';
export { MetricsEngine } from './engine';
export type { EngineOptions } from './engine';
export { parseModulesConfig, loadModulesConfig, defaultModulesConfig, resolveModule, COLLECTORS, DEFAULT_COLLECTORS } from './config';
export { clientDevice, clientInventory, lanOptionsFor, observedLink, ABSENT_TTL_MS } from './client-device';
export type { ClientInventoryOptions } from './client-device';
export type { ModulesConfig, ModuleConfig, CollectorName, Driver } from './config';
export type {
  MetricsInventory,
  MetricsDevice,
  InventoryDevice,
  ResolvedTarget,
  AddressCredentials,
  RequestObserver,
  SensorSample,
  SystemInfo,
  SelSummary,
  PowerReading,
  DeviceStats,
} from './source';
export { FAMILIES } from './families';
export type { FamilyName, Sample } from './families';
export { render, CONTENT_TYPE } from './render';
export type { TargetResult, CollectorResult } from './render';
export type { Reason } from './reasons';
