export * from './define';
export { Schema, normalizeNamespace, allClassDefs } from './schema';
export type { ConcreteBase } from './schema';
export * as valueMaps from './valuemaps';
