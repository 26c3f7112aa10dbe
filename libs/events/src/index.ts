export * from './consumer';
export * from './event-codec';
export * from './outbox';
export * from './publisher';
export * from './stream';
