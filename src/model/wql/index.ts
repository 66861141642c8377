export { parseWql, likeToRegExp } from './parser';
export type { WqlQuery, SelectQuery, AssociatorsQuery, ReferencesQuery, Expr } from './parser';
export { matches, neededProperties, project } from './evaluate';
export { parseObjectPath, formatObjectPath } from './object-path';
export type { ObjectPath } from './object-path';
