export * from './reader';
export * from './writer';
export * from './checksum';
