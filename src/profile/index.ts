export * from './types';
export { PROFILE_DEFAULTS } from './defaults';
export { loadProfileRef, loadDevicesFile, defaultProfilesDir, defaultDevicesFile, REPO_ROOT, repoRoot, securityWarnings } from './load';
export type { LoadOptions, LoadDevicesOptions } from './load';
