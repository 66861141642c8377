export * from './conversion';
export * from './units';
export * from './event-types';
export * from './sensor-types';
export * from './entities';
export * from './thresholds';
