// When an inference replica should take traffic: once it can serve the default model, or while nothing
// has been exported yet. A fresh install therefore becomes Ready (and its rollout completes) before the
// first export; a replica that has models to load stays out of rotation until it has loaded one.
import type { HealthRegistry, ServingStatus } from '@finetune/runtime';
import { listModelNames, listVersions } from '@finetune/serving';

export interface ReadinessFacts {
  /** Shutting down, or the model workers gave up: never ready again. */
  blocked: boolean;
  /** The repository holds a complete version this replica would serve. */
  exported: boolean;
  /** The default model (--model-name, or any when unset) is loaded and live. */
  servingDefault: boolean;
}

/** The status of the service's own API, which the readiness probe asks for. */
export function readinessOf(facts: ReadinessFacts): ServingStatus {
  if (facts.blocked) return 'NOT_SERVING';
  return facts.servingDefault || !facts.exported ? 'SERVING' : 'NOT_SERVING';
}

/** Whether the repository has a version for this replica: of --model-name (the pinned one if pinned), else of any name. */
export async function hasExportedVersion(repository: string, modelName: string, pinnedVersion: number): Promise<boolean> {
  if (!modelName) return (await listModelNames(repository)).length > 0;
  const versions = await listVersions(repository, modelName);
  return pinnedVersion ? versions.includes(pinnedVersion) : versions.length > 0;
}

export interface ReadinessDeps {
  health: HealthRegistry;
  /** The gRPC service name the readiness probe checks. */
  service: string;
  repository: string;
  modelName: string;
  pinnedVersion: number;
  blocked(): boolean;
  servingDefault(): boolean;
}

/** Re-evaluates readiness after anything that can change it: start-up, a version going live, a rescan. */
export class Readiness {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ReadinessDeps) {}

  /** Sets the service's status from the current facts; updates run one after another so the last one wins. */
  update(): Promise<ServingStatus> {
    const run = this.chain.then(async () => {
      const { health, service, repository, modelName, pinnedVersion } = this.deps;
      // Read after the await: a model may have gone live or the workers broken while the repository was listed.
      const exported = await hasExportedVersion(repository, modelName, pinnedVersion);
      const status = readinessOf({ blocked: this.deps.blocked(), exported, servingDefault: this.deps.servingDefault() });
      if (!this.deps.blocked()) health.set(service, status);
      return status;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
