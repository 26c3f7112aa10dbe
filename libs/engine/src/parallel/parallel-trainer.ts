// Data-parallel training: each worker computes the gradients of its share of a batch with the engine's own
// training session; the main thread sums them, adds weight decay, applies the optimizer and broadcasts the result.
import * as tf from '@tensorflow/tfjs';
import { getNet } from '@finetune/nets';
import type { ParameterHandle } from '../optimizers/optimizer';
import { checkStateEntries } from '../training/check-state';
import { applyOptimizerUpdate } from '../training/optimizer-update';
import { FeatureCacheMissError, InvalidBatchError } from '../training/training-errors';
import { checkMainThreadOptions, type TrainingSessionOptions } from '../training/training-options';
import type { SplitSummary } from '../training/split-summary';
import { GLOBAL_STEP, type StepOptions, type StepResult } from '../training/training-session';
import { isRegularizedByDefault, WEIGHT_DECAY } from '../training/weight-decay';
import { batchShares, type BatchShare } from './batch-shares';
import { cacheShareBoundaries, packCachedBoundary, valuesPerExample } from './cached-shares';
import { combineShares } from './combine-shares';
import { NetWorkerPool, type NetWorkerPoolOptions } from './worker-pool';
import { buffersOf, type MicroBatchReply, type TrainInitReply, type TrainStepReply, type TrainStepRequest, type WeightList } from './worker-protocol';

/**
 * The session's own options (one meaning, one default, documented in TrainingSessionOptions), less the
 * model, which each worker builds; the optimizer runs on the main thread on the summed gradients, and the
 * feature cache is held there too.
 */
export interface ParallelTrainerOptions
  extends NetWorkerPoolOptions,
    Omit<TrainingSessionOptions, 'model' | 'variables'> {
  /**
   * Workers to train on (their nets are overwritten with `weights`); the trainer does not end them.
   * @default a new pool of NetWorkerPoolOptions.workers workers
   */
  pool?: NetWorkerPool;
  /**
   * This thread's copy of the net, by TF-Slim name: the trained variables are updated in it, in place, rather
   * than in a second copy in this thread's heap (VGG-16's is 537 MB). It must hold `weights`' values.
   * @default a copy of the trained variables, made from `weights`
   */
  variables?: ReadonlyMap<string, tf.LayerVariable>;
}

/** Where the last step's time went: the workers' compute against the main thread's share. */
export interface ParallelStepTimes {
  /** Wall-clock seconds of the whole step. */
  seconds: number;
  /** Seconds each worker spent computing its share's gradients. */
  workerSeconds: number[];
  /** Seconds summing gradients, applying the optimizer and broadcasting the new weights. */
  updateSeconds: number;
}

export interface ParallelTrainer {
  readonly globalStep: number;
  /** Timings of the last step, to see what the communication costs. */
  readonly lastStepTimes: ParallelStepTimes | undefined;
  readonly workers: number;
  /** Trained variables in gradient order. */
  readonly trainedVariables: readonly string[];
  /** Per-example shapes of the tensors the feature cache holds. */
  readonly boundaryShapes: readonly number[][];
  /** What every worker's session trains and freezes. */
  readonly split: SplitSummary;
  /** Examples per forward/backward pass inside a worker, for a batch of `batchSize` split across the pool. */
  microBatchFor(batchSize: number): Promise<number>;
  /** One optimizer step on `count` preprocessed images [count, size, size, 3], split across the workers. */
  step(images: Float32Array, count: number, labels: Int32Array, options?: StepOptions): Promise<StepResult>;
  isCached(exampleIds: readonly string[]): boolean;
  stepFromCache(exampleIds: readonly string[], labels: Int32Array): Promise<StepResult>;
  /** Current values of every variable by TF-Slim name (trained ones and moving averages updated); the caller owns them. */
  weights(): Map<string, Float32Array>;
  /** As JobTrainer.variableValues: the named variables' current values as tensors the caller owns. */
  variableValues(names: readonly string[]): Map<string, tf.Tensor>;
  /** As TrainingSession.exportState: every variable, optimizer slot and global_step by its TF name; the caller owns the tensors. */
  exportState(): Map<string, tf.Tensor>;
  /**
   * As TrainingSession.importState: checks every entry first, then restores variables (in every worker), slots
   * and the step; the feature cache is cleared, since frozen weights may have changed.
   */
  importState(state: ReadonlyMap<string, tf.Tensor>): Promise<void>;
  wasmHeapBytes(): Promise<number[]>;
  /** Frees the optimizer's slots and ends the workers the trainer started. */
  dispose(): Promise<void>;
}

export async function createParallelTrainer(options: ParallelTrainerOptions): Promise<ParallelTrainer> {
  checkMainThreadOptions(options);
  const weightDecay = options.weightDecay ?? WEIGHT_DECAY;
  const owned = !options.pool;
  const pool = options.pool ?? (await NetWorkerPool.start(options));
  try {
    if (!owned) await pool.write(options.weights);
    const initReplies = await Promise.all(
      Array.from({ length: pool.size }, (_, i) =>
        pool.request<TrainInitReply>(i, {
          kind: 'train-init',
          options: {
            trainableNames: [...options.trainableNames],
            labelSmoothing: options.labelSmoothing,
            classWeights: options.classWeights && [...options.classWeights],
            auxLossWeight: options.auxLossWeight,
            microBatch: options.microBatch,
            memoryBudgetBytes: options.memoryBudgetBytes,
            frozenBatchNorm: options.frozenBatchNorm,
            trainedBatchNorm: options.trainedBatchNorm,
            batchNormDecay: options.batchNormDecay,
            returnBoundary: options.featureCache !== undefined,
          },
        }),
      ),
    );
    return new Trainer(pool, owned, options, weightDecay, initReplies[0]!);
  } catch (error) {
    if (owned) await pool.dispose();
    throw error;
  }
}

class Trainer implements ParallelTrainer {
  private step_: number;
  private started = 0;
  lastStepTimes: ParallelStepTimes | undefined;
  private readonly values: Map<string, Float32Array>;
  private readonly params = new Map<string, tf.Variable>();
  /** The params made here (not the caller's net's): disposed with the trainer. */
  private readonly made = new Set<tf.Variable>();
  private readonly isRegularized: (name: string) => boolean;
  private readonly imageValues: number;
  private readonly shapes: Map<string, number[]>;
  readonly trainedVariables: readonly string[];
  readonly boundaryShapes: readonly number[][];
  readonly split: SplitSummary;

  constructor(
    private readonly pool: NetWorkerPool,
    private readonly ownsPool: boolean,
    private readonly o: ParallelTrainerOptions,
    private readonly weightDecay: number,
    private readonly init: TrainInitReply,
  ) {
    this.step_ = o.globalStep ?? 0;
    this.values = new Map(o.weights);
    this.isRegularized = o.isRegularized ?? isRegularizedByDefault;
    this.trainedVariables = init.trained;
    this.boundaryShapes = init.boundaryShapes;
    this.split = init.split;
    this.shapes = new Map(init.variableShapes);
    const size = o.netOptions.imageSize ?? getNet(o.netName).defaultImageSize;
    this.imageValues = size * size * 3;
    const handles: ParameterHandle[] = init.trained.map((name, i) => {
      // A LayerVariable's read() is its tf.Variable (its `val`), assigned in place by its write().
      let variable = o.variables?.get(name)?.read() as tf.Variable | undefined;
      if (!variable) {
        // Unnamed: tfjs variable names are process-wide, and two trainers may train the same net.
        variable = tf.tidy(() => tf.variable(tf.tensor(this.values.get(name)!, init.shapes[i])));
        this.made.add(variable);
      }
      const param = variable;
      this.params.set(name, param);
      return { name, read: () => param, write: (value) => param.assign(value) };
    });
    o.optimizer.register(handles);
  }

  get globalStep(): number {
    return this.step_;
  }

  get workers(): number {
    return this.pool.size;
  }

  async step(images: Float32Array, count: number, labels: Int32Array, options: StepOptions = {}): Promise<StepResult> {
    const ids = options.exampleIds;
    if (!(Number.isInteger(count) && count >= 1)) throw new InvalidBatchError('count', `${count} must be an integer >= 1`);
    const perImage = this.imageValues;
    if (images.length !== count * perImage) {
      throw new InvalidBatchError('images', `${images.length} values for ${count} images of ${perImage} values (${count * perImage} expected)`);
    }
    if (labels.length !== count) throw new InvalidBatchError('labels', `${labels.length} labels for ${count} examples`);
    if (ids && ids.length !== count) throw new InvalidBatchError('exampleIds', `${ids.length} ids for ${count} examples`);
    const cache = this.o.featureCache;
    if (ids && this.isCached(ids)) return this.stepFromCache(ids, labels);
    this.started = performance.now();
    const shares = batchShares(count, this.pool.size);
    const replies = await Promise.all(
      shares.map((share) => {
        const request: TrainStepRequest = {
          kind: 'train-step',
          count: share.count,
          labels: labels.slice(share.start, share.start + share.count),
          images: images.slice(share.start * perImage, (share.start + share.count) * perImage),
          ids: ids?.slice(share.start, share.start + share.count),
        };
        return this.pool.request<TrainStepReply>(share.worker, request, buffersOf([request.images, request.labels]));
      }),
    );
    if (cache && ids) cacheShareBoundaries(cache, ids, shares, replies.map((r) => r.boundary), valuesPerExample(this.boundaryShapes));
    return this.finish(shares, replies, count);
  }

  async microBatchFor(batchSize: number): Promise<number> {
    const largest = batchShares(batchSize, this.pool.size)[0]?.count ?? batchSize;
    return (await this.pool.request<MicroBatchReply>(0, { kind: 'micro-batch', batchSize: largest })).microBatch;
  }

  isCached(exampleIds: readonly string[]): boolean {
    const cache = this.o.featureCache;
    return cache !== undefined && exampleIds.every((id) => cache.has(id));
  }

  async stepFromCache(exampleIds: readonly string[], labels: Int32Array): Promise<StepResult> {
    const cache = this.o.featureCache;
    const missing = exampleIds.find((id) => !cache?.has(id));
    if (missing !== undefined || !cache) throw new FeatureCacheMissError(missing ?? exampleIds[0] ?? '(empty batch)');
    if (labels.length !== exampleIds.length) throw new InvalidBatchError('labels', `${labels.length} labels for ${exampleIds.length} examples`);
    this.started = performance.now();
    const per = valuesPerExample(this.boundaryShapes);
    const shares = batchShares(exampleIds.length, this.pool.size);
    const replies = await Promise.all(
      shares.map((share) => {
        const ids = exampleIds.slice(share.start, share.start + share.count);
        const boundary = packCachedBoundary(cache, ids, per);
        const request: TrainStepRequest = { kind: 'train-step', count: share.count, labels: labels.slice(share.start, share.start + share.count), boundary, ids };
        return this.pool.request<TrainStepReply>(share.worker, request, buffersOf([...boundary, request.labels]));
      }),
    );
    return this.finish(shares, replies, exampleIds.length);
  }

  /**
   * Combines the shares into the batch's mean (combineShares), then does what the session's own update does:
   * weight decay, the finite-loss check, the optimizer, one step.
   */
  private async finish(shares: BatchShare[], replies: TrainStepReply[], count: number): Promise<StepResult> {
    const updateStart = performance.now();
    const { gradients, statistics, crossEntropy, auxLoss } = combineShares(shares, replies, count);
    const names = this.trainedVariables;
    const { loss, regularization, learningRate } = await applyOptimizerUpdate({
      names,
      read: (name) => this.params.get(name)!,
      // Each made when its variable is updated: VGG-16's would hold 537 MB in this thread's heap at once.
      gradients: names.map((name, i) => () => tf.tensor(gradients[i]!, this.params.get(name)!.shape)),
      crossEntropy,
      auxLoss,
      weightDecay: this.weightDecay,
      isRegularized: this.isRegularized,
      optimizer: this.o.optimizer,
      schedule: this.o.schedule,
      step: this.step_,
    });
    const update: WeightList = names.map((name) => [name, (this.params.get(name)!.dataSync() as Float32Array).slice()]);
    this.init.statistics.forEach((name, i) => update.push([name, statistics[i]!]));
    for (const [name, values] of update) this.values.set(name, values);
    await this.pool.write(update);
    this.step_ += 1;
    const now = performance.now();
    this.lastStepTimes = { seconds: (now - this.started) / 1000, workerSeconds: replies.map((r) => r.seconds), updateSeconds: (now - updateStart) / 1000 };
    return { loss, crossEntropy, auxLoss, regularization, learningRate, globalStep: this.step_, microBatch: Math.max(...replies.map((r) => r.microBatch)) };
  }

  weights(): Map<string, Float32Array> {
    return new Map([...this.values].map(([name, values]) => [name, values.slice()]));
  }

  variableValues(names: readonly string[]): Map<string, tf.Tensor> {
    const missing = names.find((name) => !this.values.has(name));
    if (missing !== undefined) throw new Error(`internal: the workers' net has no variable ${missing}`);
    return new Map(names.map((name) => [name, tf.tensor(this.values.get(name)!, this.shapes.get(name), 'float32')]));
  }

  exportState(): Map<string, tf.Tensor> {
    const state = new Map<string, tf.Tensor>();
    for (const [name, values] of this.values) state.set(name, tf.tensor(values.slice(), this.shapes.get(name), 'float32'));
    for (const [name, t] of this.o.optimizer.exportState()) state.set(name, t);
    state.set(GLOBAL_STEP, tf.scalar(this.step_, 'int32'));
    return state;
  }

  async importState(state: ReadonlyMap<string, tf.Tensor>): Promise<void> {
    checkStateEntries(state, (name) => this.shapes.get(name), this.o.optimizer.stateNames());
    this.o.optimizer.importState(state);
    const update: WeightList = [];
    for (const [name, value] of state) {
      if (!this.shapes.has(name)) continue;
      const values = Float32Array.from(value.dataSync());
      this.values.set(name, values);
      update.push([name, values]);
      const param = this.params.get(name);
      if (param) tf.tidy(() => param.assign(tf.tensor(values, param.shape, 'float32')));
    }
    await this.pool.write(update);
    const step = state.get(GLOBAL_STEP);
    if (step) this.step_ = step.dataSync()[0] ?? this.step_;
    this.o.featureCache?.clear();
  }

  wasmHeapBytes(): Promise<number[]> {
    return this.pool.wasmHeapBytes();
  }

  async dispose(): Promise<void> {
    this.o.optimizer.dispose();
    for (const v of this.made) v.dispose();
    this.made.clear();
    this.params.clear();
    if (this.ownsPool) await this.pool.dispose();
  }
}
