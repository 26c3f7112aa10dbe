// Loads model versions from the repository into the registry, one at a time: verify, load, warm up, go live.
import type { Logger } from '@finetune/runtime';
import { listModelNames, listVersions, verifyModelVersion, versionDir, type ModelPredictor, type VerifiedModel } from '@finetune/serving';
import type { ModelRegistry } from './model-registry';

/** Loads a verified version (on workers or in-process) and warms it up; resolves once it can take traffic. */
export type StartPredictor = (model: VerifiedModel, name: string, version: number) => Promise<ModelPredictor>;

export interface LoaderOptions {
  repository: string;
  /** Only this served name; empty: every name in the repository. */
  modelName: string;
  /** Pinned version of modelName; 0 follows the newest. */
  pinnedVersion: number;
  /** Brings a version into the repository first (from the artifact store); absent: it is already there. */
  fetch?: (name: string, version: number) => Promise<void>;
}

export class ModelLoader {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly registry: ModelRegistry,
    private readonly options: LoaderOptions,
    private readonly log: Logger,
    private readonly startPredictor: StartPredictor,
  ) {}

  /** Whether a model.exported event for this name and version should be loaded. */
  wants(name: string, version: number): boolean {
    if (this.options.modelName && name !== this.options.modelName) return false;
    if (this.options.pinnedVersion) return false;
    return version > (this.registry.current(name)?.version ?? 0);
  }

  /** Loads one version unless it is already live or older; loads run one after another. */
  load(name: string, version: number, expectedSha256?: string): Promise<boolean> {
    const run = this.chain.then(async () => {
      const live = this.registry.current(name);
      if (live && live.version >= version && !(this.options.pinnedVersion && live.version !== version)) return false;
      const started = performance.now();
      await this.options.fetch?.(name, version);
      const dir = versionDir(this.options.repository, name, version);
      // Checksums once, here; the workers then only load the verified folder.
      const verified = await verifyModelVersion(dir, { expectedSha256 });
      const predictor = await this.startPredictor(verified, name, version);
      const installed = this.registry.install({ name, version, dir, metadata: verified.metadata, predictor, loadedAt: new Date() });
      const { metadata } = verified;
      this.log.info('model version loaded', { model: name, version, sha256: metadata.sha256, runtime: predictor.runtime, workers: predictor.workers, ms: Math.round(performance.now() - started), installed });
      return installed;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Brings the registry up to the repository: the pinned or newest version of every served name. */
  async sync(): Promise<void> {
    const names = this.options.modelName ? [this.options.modelName] : await listModelNames(this.options.repository);
    for (const name of names) {
      const versions = await listVersions(this.options.repository, name);
      const target = this.options.pinnedVersion || versions.at(-1);
      if (target === undefined) continue;
      if (this.options.pinnedVersion && !versions.includes(target)) {
        this.log.warn('pinned model version not in the repository yet', { model: name, version: target, versions });
        continue;
      }
      if (this.registry.current(name)?.version === target) continue;
      // Newest first; one that cannot be loaded (a damaged file) leaves the next older one serving, as a live swap would.
      const candidates = this.options.pinnedVersion ? [target] : [...versions].reverse();
      for (const version of candidates) {
        if ((this.registry.current(name)?.version ?? 0) >= version) break;
        try {
          await this.load(name, version);
          break;
        } catch (err) {
          this.log.error('cannot load model version', { model: name, version, err });
        }
      }
    }
  }
}
