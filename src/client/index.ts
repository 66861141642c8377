/**
 * The device layer: an IPMI client over LAN (RMCP+ and v1.5), serial (basic and terminal
 * mode) and in-process links, and the multi-command operations on top (ops/).
 */
export * from './types';
export * from './client';
export * from './connect';
export { LanLink, RMCP_PORT, DEFAULT_KEEPALIVE_MS, DEFAULT_MAX_IN_FLIGHT } from './lan/link';
export type { LanOptions } from './lan/link';
export { SerialLink } from './serial';
export type { SerialOptions } from './serial';
export { InProcessLink, SYSTEM_INTERFACE_CHANNEL } from './in-process';
export type { InProcessBmc, DispatchFn, InProcessOptions } from './in-process';
export { SUITE_PREFERENCE, parseCipherSuiteRecords } from './lan/cipher-suites';
export * from './ops';
