export * from './artifact-store';
export * from './atomic-write';
