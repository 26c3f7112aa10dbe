// Where artifacts live: one root folder holding datasets, train dirs and the model repository.
// Services resolve every client-given path through it, so a request cannot reach outside the root.
import path from 'node:path';

/** A path that resolves outside the store's root (e.g. `../../etc`), refused when it comes over gRPC. */
export class PathOutsideRootError extends Error {
  readonly kind = 'invalid-argument';
  constructor(
    readonly field: string,
    readonly given: string,
    readonly root: string,
  ) {
    super(`${field} "${given}" is outside the data root ${root}; give a path inside it`);
    this.name = 'PathOutsideRootError';
  }
}

export interface ArtifactStore {
  root: string;
  /** Resolves `given` (relative to the root, or absolute) and refuses anything outside the root; `field` names the request field. */
  resolve(field: string, given: string): string;
  datasetsDir(): string;
  trainDir(jobId: string): string;
  modelRepository(): string;
}

export function createArtifactStore(root: string): ArtifactStore {
  const absoluteRoot = path.resolve(root);
  return {
    root: absoluteRoot,
    resolve(field, given) {
      const resolved = path.resolve(absoluteRoot, given);
      const relative = path.relative(absoluteRoot, resolved);
      if (relative.startsWith('..') || path.isAbsolute(relative)) throw new PathOutsideRootError(field, given, absoluteRoot);
      return resolved;
    },
    datasetsDir: () => path.join(absoluteRoot, 'datasets'),
    trainDir: (jobId) => path.join(absoluteRoot, 'train', jobId),
    modelRepository: () => path.join(absoluteRoot, 'models'),
  };
}
