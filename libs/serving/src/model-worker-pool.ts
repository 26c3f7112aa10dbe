// Worker threads that each hold one exported version and predict batches off the main thread, so gRPC and
// image decoding keep running while a batch computes, and every core computes. A dead worker is restarted.
import { startSourceWorker, workerEntryUrl } from '@finetune/datasets';
import { WorkerExitedError, WorkerSlot } from '@finetune/engine';
import { ModelUnavailableError } from './errors';
import type { VerifiedModel } from './load-model';
import type { ModelInitReply, ModelPredictReply, ModelWorkerRequest } from './model-worker-protocol';
import { packImages, splitRows } from './run-logits';

/** A worker that dies more often than this within RESTART_WINDOW_MS is not restarted again: the pool is broken. */
export const MAX_WORKER_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;

export interface ModelWorkerPoolOptions {
  /** Worker threads, each with its own copy of the model. */
  workers: number;
  /** Backend every worker loads: the main thread's (backendName()). */
  backend: string;
  /** Deaths of one worker within RESTART_WINDOW_MS that are restarted; one more breaks the pool. @default MAX_WORKER_RESTARTS */
  maxRestarts?: number;
  /** Names the pool in errors and events, e.g. `flowers version 3`. */
  name: string;
  /** A worker ended unexpectedly; its pending batches failed with `error`. `restarting`: false once the pool is broken. */
  onWorkerExit?(worker: number, error: WorkerExitedError, restarting: boolean): void;
  /** A worker came back after a crash, loaded and warm. */
  onWorkerRestarted?(worker: number): void;
  /** The pool gave up: a worker died too often or could not load again. Predictions on it now fail. */
  onBroken?(error: Error): void;
}

const ROLE = 'model worker';

export class ModelWorkerPool {
  private readonly slots: (WorkerSlot<ModelWorkerRequest> | undefined)[];
  private readonly deaths: number[][];
  /** Workers loading, not yet taking batches: dispose must end them too. */
  private readonly starting = new Set<WorkerSlot<ModelWorkerRequest>>();
  private closed = false;
  private brokenBy: Error | undefined;

  private constructor(
    private readonly model: VerifiedModel,
    private readonly options: ModelWorkerPoolOptions,
  ) {
    this.slots = Array.from({ length: options.workers }, () => undefined);
    this.deaths = Array.from({ length: options.workers }, () => []);
  }

  /** Starts the workers; each loads the version and runs a warm-up prediction. Fails, ending all, if any cannot. */
  static async start(model: VerifiedModel, options: ModelWorkerPoolOptions): Promise<ModelWorkerPool> {
    if (!(Number.isInteger(options.workers) && options.workers >= 1)) throw new RangeError(`workers must be an integer >= 1, not ${options.workers}`);
    const pool = new ModelWorkerPool(model, options);
    try {
      await Promise.all(pool.slots.map((_, i) => pool.startWorker(i)));
    } catch (error) {
      await pool.dispose();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Workers loaded and taking batches (a crashed one is missing until its restart is warm). */
  get ready(): number {
    return this.slots.filter((s) => s && !s.gone).length;
  }

  /**
   * Logits of each input (size·size·3 preprocessed each), in order. The whole batch goes to the least busy
   * live worker, never split: callers get parallelism by running one batch per worker at a time.
   */
  async predict(inputs: readonly Float32Array[]): Promise<Float32Array[]> {
    const slot = this.pick();
    const images = packImages(inputs, this.model.metadata.imageSize);
    const reply = await slot.request<ModelPredictReply>({ kind: 'predict', images, count: inputs.length }, [images.buffer as ArrayBuffer]);
    return splitRows(reply.logits, inputs.length);
  }

  /** Ends worker `index` as a crash would (its batches fail, then it is restarted): for drills and tests. */
  async terminateWorker(index: number): Promise<void> {
    await this.slots[index]?.worker.terminate();
  }

  /** Ends every worker; batches still running fail with WorkerExitedError. Safe to call twice. */
  async dispose(): Promise<void> {
    this.closed = true;
    const all = [...this.slots, ...this.starting];
    await Promise.all(all.map((slot) => slot?.terminate('the model version was unloaded')));
  }

  private pick(): WorkerSlot<ModelWorkerRequest> {
    if (this.closed) throw new ModelUnavailableError(this.options.name, 'its workers were ended (the version was unloaded)');
    let best: WorkerSlot<ModelWorkerRequest> | undefined;
    for (const slot of this.slots) if (slot && !slot.gone && (!best || slot.inFlight < best.inFlight)) best = slot;
    if (best) return best;
    const why = this.brokenBy ? `its workers keep failing (${this.brokenBy.message})` : 'every worker is restarting after a crash; retry shortly';
    throw new ModelUnavailableError(this.options.name, why);
  }

  private async startWorker(index: number): Promise<void> {
    const entry = workerEntryUrl('./model-worker', import.meta.url);
    const slot = new WorkerSlot<ModelWorkerRequest>(index, startSourceWorker(entry, { name: `model-worker-${index}` }), ROLE, (error) => this.exited(slot, error));
    this.starting.add(slot);
    try {
      await slot.request<ModelInitReply>({ kind: 'init', dir: this.model.dir, metadata: this.model.metadata, backend: this.options.backend });
    } finally {
      this.starting.delete(slot);
    }
    // Only a loaded, warm worker takes batches.
    if (this.closed) await slot.terminate('the model version was unloaded');
    else this.slots[index] = slot;
  }

  private exited(slot: WorkerSlot<ModelWorkerRequest>, error: WorkerExitedError): void {
    if (this.closed) return;
    const index = slot.index;
    if (this.slots[index] !== slot) return; // a worker that never finished loading: start() reports it
    this.slots[index] = undefined;
    const now = Date.now();
    const recent = this.deaths[index]!.filter((t) => now - t < RESTART_WINDOW_MS);
    recent.push(now);
    this.deaths[index] = recent;
    // A broken pool restarts nothing more: the process is to be replaced.
    const restarting = !this.brokenBy && recent.length <= (this.options.maxRestarts ?? MAX_WORKER_RESTARTS);
    this.options.onWorkerExit?.(index, error, restarting);
    if (!restarting) {
      this.breakDown(new Error(`${ROLE} ${index} died ${recent.length} times within ${RESTART_WINDOW_MS / 1000} s; last: ${error.why}`));
      return;
    }
    this.startWorker(index).then(
      () => {
        if (!this.closed) this.options.onWorkerRestarted?.(index);
      },
      (cause: unknown) => this.breakDown(new Error(`${ROLE} ${index} cannot start again: ${(cause as Error).message}`, { cause })),
    );
  }

  private breakDown(error: Error): void {
    if (this.closed || this.brokenBy) return;
    this.brokenBy = error;
    this.options.onBroken?.(error);
  }
}
