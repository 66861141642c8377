/**
 * The WS-Management front end (a WinRM-compatible /wsman): the API the integrator wires.
 *
 *   const wsman = createWsmanService({ model, configDir, log });
 *   await wsman.start();           // listeners from <configDir>/wsman.json
 *   ...
 *   await wsman.stop();
 *
 * `wsmanPlugin` serves the same endpoint inside any fastify instance (tests use inject()).
 */
export { createWsmanService, WsmanService, ACCOUNTS_FILE, CERTS_DIR } from './service';
export type { WsmanServiceOptions, ListenerStatus, BoundAddress } from './service';
export { wsmanPlugin, defaultConnectionOf, WSMAN_CONNECTION } from './plugin';
export type { WsmanPluginOptions, ConnectionContext } from './plugin';
export { WsmanEngine, WINDOWS_IDENTITY } from './engine';
export type { EngineOptions, Identity, RequestInfo, EngineResponse } from './engine';
export { ConfigStore, CONFIG_FILE } from './config/store';
export type { WsmanConfigFile } from './config/store';
export type { ListenerConfig, CertMapping } from './config/collections';
export { CONFIG as CONFIG_SCHEMA, defaults as configDefaults } from './config/schema';
export { AccountStore } from './auth/accounts';
export { Authenticator } from './auth/authenticate';
export { CertStore } from './auth/certs';
export { demoConfig, DEMO_WARNING } from './demo';
