export * from './consumer';
export * from './event-types';
export * from './publisher';
export * from './stream';
