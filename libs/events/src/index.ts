export * from './consumer';
export * from './event-codec';
export * from './publisher';
export * from './stream';
