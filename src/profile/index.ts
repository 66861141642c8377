export * from './types';
export { PROFILE_DEFAULTS } from './defaults';
export { loadProfileRef, defaultProfilesDir, defaultDevicesFile, REPO_ROOT, repoRoot, securityWarnings } from './load';
export type { LoadOptions } from './load';
export { loadInventory, loadDevicesFile, redactDevice, DEFAULT_LAN_PORT, DEFAULT_BAUD } from './devices';
export type { LoadDevicesOptions } from './devices';
