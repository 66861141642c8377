export * from './algorithms';
export * from './packet';
export * from './rakp';
export * from './hmac-sha1';
