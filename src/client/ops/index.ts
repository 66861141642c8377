export * from './sdr';
export * from './sensors';
export * from './sel';
export * from './fru';
export * from './chassis';
export * from './device';
