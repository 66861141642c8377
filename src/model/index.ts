/** The root\hardware CIM model: classes, mapping from IPMI data, WQL, the repository. */
export * from './types';
export { Repository } from './repository';
export type { RepositoryOptions } from './repository';
export type * from './sources/types';
export { Schema, normalizeNamespace } from './classes';
export type { Semantics } from './classes';
export { parseWql, parseObjectPath, formatObjectPath } from './wql';
export { formatDmtfDatetime, parseDatetime } from './mapping/datetime';
