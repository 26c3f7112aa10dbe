export * from './artifact-store';
export * from './path-guard';
export * from './artifact-transfer';
export * from './nats-object-transfer';
export * from './artifact-store-option';
