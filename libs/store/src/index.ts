export * from './artifact-store';
export * from './atomic-write';
export * from './path-guard';
