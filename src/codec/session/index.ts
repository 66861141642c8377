export * from './algorithms';
export * from './packet';
export * from './rakp';
