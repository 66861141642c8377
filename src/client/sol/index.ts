/** Serial-over-LAN from the device layer (issue 9): a console over an RMCP+ session, and a recorder that keeps one open. */
export { SolConsole } from './console';
export type { SolConsoleOptions, SolConsoleStats } from './console';
export { ConsoleRecorder } from './recorder';
export type { ConsoleRecorderOptions } from './recorder';
export { readSolConfiguration, setSolSetting, bitRateText, SOL_SETTINGS, CURRENT_CHANNEL } from './config';
export type { SolConfiguration, SolSetting } from './config';
