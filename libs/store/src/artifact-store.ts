// Where artifacts live: one root folder holding datasets, train dirs and the model repository.
// Services resolve every client-given path through it, so a request cannot reach outside the root.
import path from 'node:path';
import { guardPath } from './path-guard';

export interface ArtifactStore {
  root: string;
  /**
   * Resolves `given` (relative to `base`, by default the root, or absolute) and refuses, naming the request
   * `field`, anything that lands outside the root: by its text, through a symlink, or through a checkpoint state file.
   */
  resolve(field: string, given: string, base?: string): string;
  datasetsDir(): string;
  trainDir(jobId: string): string;
  modelRepository(): string;
}

export function createArtifactStore(root: string): ArtifactStore {
  const absoluteRoot = path.resolve(root);
  return {
    root: absoluteRoot,
    resolve: (field, given, base) => guardPath(absoluteRoot, field, given, base),
    datasetsDir: () => path.join(absoluteRoot, 'datasets'),
    trainDir: (jobId) => path.join(absoluteRoot, 'train', jobId),
    modelRepository: () => path.join(absoluteRoot, 'models'),
  };
}
