export * from './basic';
export * from './terminal';
export * from './packet';
export * from './line';
