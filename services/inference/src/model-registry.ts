// The model versions being served, swapped without a gap: a new version goes live only once it is
// loaded and warm, and the old one is disposed only when the last request holding it has finished.
import type { Logger } from '@finetune/runtime';
import { InvalidRequestError, ModelNotFoundError, type ModelMetadata, type ModelPredictor } from '@finetune/serving';

export interface LoadedModel {
  name: string;
  version: number;
  /** The version folder and its verified metadata. */
  dir: string;
  metadata: ModelMetadata;
  /** The loaded, warm model: on worker threads or in-process. */
  predictor: ModelPredictor;
  loadedAt: Date;
}

/** A request's hold on a version: it is not disposed before release. */
export interface Lease {
  model: LoadedModel;
  release(): void;
}

export interface RegistryEvents {
  /** A version went live. */
  serving?(model: LoadedModel): void;
  /** A version stopped taking new requests (a newer one replaced it); it is disposed when idle. */
  retired?(model: LoadedModel): void;
}

export class ModelRegistry {
  private readonly live = new Map<string, LoadedModel>();
  private readonly leases = new Map<LoadedModel, number>();
  private readonly retiring = new Set<LoadedModel>();
  private readonly drained = new Map<LoadedModel, () => void>();

  constructor(
    private readonly log: Logger,
    /** The model an empty served_model_name means; empty: the only one served. */
    private readonly defaultName: string,
    private readonly events: RegistryEvents = {},
  ) {}

  /** Served model names, sorted. */
  names(): string[] {
    return [...this.live.keys()].sort();
  }

  current(name: string): LoadedModel | undefined {
    return this.live.get(name);
  }

  /** Versions of a name still in memory (the live one, and any retiring one finishing requests), oldest first. */
  loadedVersions(name: string): number[] {
    const versions = [...this.retiring].filter((m) => m.name === name).map((m) => m.version);
    const live = this.live.get(name);
    if (live) versions.push(live.version);
    return [...new Set(versions)].sort((a, b) => a - b);
  }

  /** The model a request names (empty name: the default; version 0: the live one), held until release. */
  acquire(name: string, version: number): Lease {
    const model = this.resolve(name, version);
    this.leases.set(model, (this.leases.get(model) ?? 0) + 1);
    let released = false;
    return {
      model,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.leases.get(model) ?? 1) - 1;
        if (left > 0) this.leases.set(model, left);
        else {
          this.leases.delete(model);
          if (this.retiring.has(model)) this.dispose(model);
        }
      },
    };
  }

  private resolve(name: string, version: number): LoadedModel {
    let served = name || this.defaultName;
    if (!served) {
      const names = this.names();
      if (names.length > 1) throw new InvalidRequestError('served_model_name', `is empty but this service serves ${names.join(', ')}: name one`);
      served = names[0] ?? '';
    }
    const model = this.live.get(served);
    if (!model) {
      const known = this.names();
      throw new ModelNotFoundError(served || '(default)', version || undefined, `is not loaded here; served models: ${known.length ? known.join(', ') : 'none yet'}`);
    }
    if (version && version !== model.version) {
      throw new ModelNotFoundError(served, version, `is not loaded; this service serves version ${model.version}`);
    }
    return model;
  }

  /**
   * Makes a loaded, warmed-up version live. A version older than (or the same as) the live one is
   * disposed instead; the replaced one retires and is disposed when its last lease is released.
   */
  install(model: LoadedModel): boolean {
    const previous = this.live.get(model.name);
    if (previous && previous.version >= model.version) {
      void this.free(model);
      return false;
    }
    this.live.set(model.name, model);
    this.events.serving?.(model);
    this.log.info('model version serving', { model: model.name, version: model.version, replaces: previous?.version });
    if (previous) this.retire(previous);
    return true;
  }

  private retire(model: LoadedModel): void {
    this.retiring.add(model);
    this.events.retired?.(model);
    if (!this.leases.has(model)) this.dispose(model);
  }

  private dispose(model: LoadedModel): void {
    this.retiring.delete(model);
    const drained = this.drained.get(model);
    this.drained.delete(model);
    void this.free(model).then(() => drained?.());
  }

  /** Ends the version's workers (or frees its in-process model); never rejects, so close() always finishes. */
  private async free(model: LoadedModel): Promise<void> {
    try {
      await model.predictor.dispose();
      this.log.info('model version disposed', { model: model.name, version: model.version });
    } catch (err) {
      this.log.error('cannot dispose model version', { model: model.name, version: model.version, err });
    }
  }

  /** Retires every version and resolves when all are disposed (after their requests finished). */
  async close(): Promise<void> {
    const all = [...this.live.values()];
    this.live.clear();
    const waits = all.map((m) => new Promise<void>((resolve) => this.drained.set(m, resolve)));
    for (const m of all) this.retire(m);
    const stragglers = [...this.retiring].filter((m) => !all.includes(m)).map((m) => new Promise<void>((resolve) => this.drained.set(m, resolve)));
    await Promise.all([...waits, ...stragglers]);
  }
}
