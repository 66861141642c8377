export * from './netfn';
export * from './completion-codes';
export * from './ipmb';
