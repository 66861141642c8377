/**
 * The Prometheus front end: ipmi_exporter's endpoints and metric names, collected natively
 * through the device layer. The API the integrator wires:
 *
 *   const modules = loadModulesConfig('ipmi_exporter.yml');     // or parseModulesConfig(text)
 *   const server = createMetricsServer({ modules, inventory, log });   // 127.0.0.1:9290
 *   await server.listen();
 *   ...
 *   await server.close();                                        // closes every session
 *
 * or inside an existing fastify instance: `app.register(metricsPlugin, { modules, inventory, log })`.
 * `inventory` (MetricsInventory, source.ts) lists the devices and opens a MetricsDevice per
 * target; clientDevice() builds one over an IpmiClient (src/client).
 */
export { metricsPlugin } from './plugin';
export type { MetricsPluginOptions } from './plugin';
export { createMetricsServer, DEFAULT_LISTEN } from './server';
export type { MetricsServer } from './server';
export { MetricsEngine } from './engine';
export type { EngineOptions } from './engine';
export { parseModulesConfig, loadModulesConfig, resolveModule, COLLECTORS, DEFAULT_COLLECTORS } from './config';
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
