// One fine-tuning run: micro-batched gradient accumulation over a split model, one optimizer step per batch.
import * as tf from '@tensorflow/tfjs';
import type { ParameterHandle } from '../optimizers/optimizer';
import { checkExampleIds, checkImages, readLabels } from './batch-input';
import type { BatchMoments } from './batch-norm-training';
import { boundaryFromCache, cacheBoundary } from './cached-boundary';
import { checkStateEntries } from './check-state';
import { classificationLoss, exampleWeights, smoothedTargets } from './classification-loss';
import { GLOBAL_STEP } from './global-step';
import { chooseMicroBatch } from './micro-batch';
import { MovingStatistics } from './moving-statistics';
import { SplitExecutor } from './split-executor';
import { splitSummary, type SplitSummary } from './split-summary';
import { StepClock, type StepParts } from './step-parts';
import { layerVariableNames, resolveTrainedVariables } from './trained-variables';
import { applyOptimizerUpdate } from './optimizer-update';
import { FeatureCacheMissError, InvalidTrainingOptionError, UnsupportedModelError } from './training-errors';
import { resolveTrainingOptions } from './training-options';
import type { ResolvedTrainingOptions, TrainingSessionOptions } from './training-options';

export { GLOBAL_STEP } from './global-step';
export type { StepParts } from './step-parts';

export interface StepResult {
  /** total_loss as Slim logs it: cross-entropy + weighted aux loss + regularisation of the trained weights. */
  loss: number;
  crossEntropy: number;
  auxLoss: number;
  regularization: number;
  /** The rate this step used (the schedule at the step count before it). */
  learningRate: number;
  /** The global step after this update, as Slim logs it. */
  globalStep: number;
  microBatch: number;
  /** Where the step's seconds went on this thread (a data-parallel step's are in its workers: none). */
  parts?: StepParts;
}

export interface StepOptions {
  /** Stable ids of the examples (e.g. shard:record); with a feature cache, their frozen activations are cached. */
  exampleIds?: readonly string[];
}

export interface TrainingSession {
  readonly globalStep: number;
  readonly split: SplitSummary;
  /** Examples per forward/backward pass for a batch of `batchSize`. */
  microBatchFor(batchSize: number): number;
  step(images: tf.Tensor4D, labels: Int32Array | tf.Tensor1D, options?: StepOptions): Promise<StepResult>;
  /** True when every id has cached features, so stepFromCache() needs no images. */
  isCached(exampleIds: readonly string[]): boolean;
  /**
   * Runs the frozen part on `images` and caches its output under `exampleIds`, training nothing: how workers
   * compute features for a trainer elsewhere. Needs a feature cache.
   */
  cacheFeatures(images: tf.Tensor4D, exampleIds: readonly string[]): Promise<void>;
  stepFromCache(exampleIds: readonly string[], labels: Int32Array | tf.Tensor1D): Promise<StepResult>;
  /** Every variable, optimizer slot and global_step by its TF name; the caller owns the tensors. */
  exportState(): Map<string, tf.Tensor>;
  /** Restores what exportState() wrote (missing entries keep their values); checks every entry before writing. */
  importState(state: ReadonlyMap<string, tf.Tensor>): void;
  /** Frees the optimizer's slots; the model and the feature cache belong to the caller. */
  dispose(): void;
}

export function createTrainingSession(options: TrainingSessionOptions): TrainingSession {
  return new Session(resolveTrainingOptions(options));
}

class Session implements TrainingSession {
  private step_: number;
  private readonly variables: ReadonlyMap<string, tf.LayerVariable>;
  private readonly trained: Map<string, tf.LayerVariable>;
  private readonly executor: SplitExecutor;
  private readonly numClasses: number;
  private readonly boundaryShapes: number[][];
  readonly split: SplitSummary;

  constructor(private readonly o: ResolvedTrainingOptions) {
    this.step_ = o.globalStep;
    this.variables = o.variables ?? layerVariableNames(o.model);
    this.trained = resolveTrainedVariables(this.variables, o.trainableNames);
    const trainedSet = new Set(this.trained.values());
    this.executor = new SplitExecutor(o.model, (w) => trainedSet.has(w), {
      frozenBatchNorm: o.frozenBatchNorm,
      trainedBatchNorm: o.trainedBatchNorm,
      batchNormDecay: o.batchNormDecay,
    });
    const { graph, boundary } = this.executor.plan;
    const logitsShape = graph.shapes.get(graph.outputs[0]!) ?? [];
    const classes = logitsShape[1];
    if (logitsShape.length !== 2 || classes == null) {
      throw new UnsupportedModelError(o.model.name, `first output has shape [${logitsShape.join(',')}]; logits [batch, classes] expected`);
    }
    this.numClasses = classes;
    if (o.classWeights && o.classWeights.length !== classes) {
      throw new InvalidTrainingOptionError('classWeights', `has ${o.classWeights.length} weights for a model of ${classes} classes`);
    }
    this.boundaryShapes = boundary.map((id) => (graph.shapes.get(id) ?? []).slice(1).map((d) => d ?? 1));
    this.split = splitSummary(this.executor.plan, this.trained, this.variables, this.boundaryShapes);
    o.optimizer.register([...this.trained].map(([name, v]) => handle(name, v)));
  }

  get globalStep(): number {
    return this.step_;
  }

  microBatchFor(batchSize: number): number {
    const mb = this.o.microBatch;
    return mb === 'auto' ? chooseMicroBatch(batchSize, this.executor.plan, this.o.memoryBudgetBytes) : Math.min(mb, batchSize);
  }

  async step(images: tf.Tensor4D, labels: Int32Array | tf.Tensor1D, options: StepOptions = {}): Promise<StepResult> {
    const batch = checkImages(images, this.o.model.inputs[0]!.shape);
    checkExampleIds(options.exampleIds, batch);
    const ids = this.o.featureCache ? options.exampleIds : undefined;
    return this.run(batch, await readLabels(labels, batch, this.numClasses), (start, size) => this.frozenPart(images, batch, start, size, ids));
  }

  isCached(exampleIds: readonly string[]): boolean {
    const cache = this.o.featureCache;
    return cache !== undefined && exampleIds.every((id) => cache.has(id));
  }

  async cacheFeatures(images: tf.Tensor4D, exampleIds: readonly string[]): Promise<void> {
    const batch = checkImages(images, this.o.model.inputs[0]!.shape);
    checkExampleIds(exampleIds, batch);
    if (!this.o.featureCache) throw new InvalidTrainingOptionError('featureCache', 'cacheFeatures() needs a feature cache');
    const microBatch = this.microBatchFor(batch);
    for (let start = 0; start < batch; start += microBatch) {
      const { boundary } = await this.frozenPart(images, batch, start, Math.min(microBatch, batch - start), exampleIds);
      tf.dispose(boundary);
    }
  }

  async stepFromCache(exampleIds: readonly string[], labels: Int32Array | tf.Tensor1D): Promise<StepResult> {
    const cache = this.o.featureCache;
    const missing = exampleIds.find((id) => !cache?.has(id));
    if (missing !== undefined || !cache) throw new FeatureCacheMissError(missing ?? exampleIds[0] ?? '(empty batch)');
    const values = await readLabels(labels, exampleIds.length, this.numClasses);
    return this.run(exampleIds.length, values, async (start, size) => ({
      boundary: boundaryFromCache(cache, exampleIds.slice(start, start + size), this.boundaryShapes),
      moments: [],
    }));
  }

  /** Boundary activations of one micro-batch: from the cache when all of it is there, else computed (and cached). */
  private async frozenPart(
    images: tf.Tensor4D,
    batch: number,
    start: number,
    size: number,
    ids: readonly string[] | undefined,
  ): Promise<{ boundary: tf.Tensor[]; moments: BatchMoments[] }> {
    const cache = this.o.featureCache;
    const microIds = ids?.slice(start, start + size);
    if (cache && microIds && microIds.every((id) => cache.has(id))) {
      return { boundary: boundaryFromCache(cache, microIds, this.boundaryShapes), moments: [] };
    }
    const moments: BatchMoments[] = [];
    const slice = size === batch ? images : images.slice([start, 0, 0, 0], [size, -1, -1, -1]);
    let boundary: tf.Tensor[];
    try {
      boundary = this.executor.runFrozen(slice, (m) => moments.push(m));
    } finally {
      if (slice !== images) slice.dispose();
    }
    if (cache && microIds) await cacheBoundary(cache, microIds, boundary);
    return { boundary, moments };
  }

  private async run(
    batch: number,
    labels: Int32Array,
    frozenPart: (start: number, size: number) => Promise<{ boundary: tf.Tensor[]; moments: BatchMoments[] }>,
  ): Promise<StepResult> {
    const microBatch = this.microBatchFor(batch);
    const names = [...this.trained.keys()];
    const xs = [...this.trained.values()].map((v) => v.read());
    const statistics = new MovingStatistics();
    let sums: tf.Tensor[] | null = null;
    let terms = tf.zeros([2]);
    const clock = new StepClock();
    try {
      for (let start = 0; start < batch; start += microBatch) {
        const size = Math.min(microBatch, batch - start);
        const { boundary, moments } = await frozenPart(start, size);
        clock.lap('frozenSeconds');
        moments.forEach((m) => statistics.add(m));
        const suffixMoments: BatchMoments[] = [];
        const previous: tf.Tensor[] | null = sums;
        const captured: { parts?: tf.Tensor } = {};
        let result: { grads: tf.Tensor[]; terms: tf.Tensor };
        try {
          result = tf.tidy((): { grads: tf.Tensor[]; terms: tf.Tensor } => {
            const microLabels = tf.tensor1d(labels.subarray(start, start + size), 'int32');
            const targets = smoothedTargets(microLabels, this.numClasses, this.o.labelSmoothing);
            const weights = this.o.classWeights ? exampleWeights(microLabels, tf.tensor1d([...this.o.classWeights])) : undefined;
            const { grads } = tf.engine().gradients(
              () => {
                const [logits, aux] = this.executor.runTrainable(boundary, (m) => suffixMoments.push(m));
                const loss = classificationLoss(logits!, aux ?? null, targets, batch, this.o.auxLossWeight, weights);
                // Kept as a copy: tensors the tape saved are disposed after backprop.
                captured.parts = tf.keep(tf.stack([loss.crossEntropy, loss.auxLoss]));
                return loss.total;
              },
              xs,
              undefined,
              true,
            );
            const full = grads.map((g, i) => g ?? tf.zerosLike(xs[i]!));
            const parts = captured.parts!;
            return {
              grads: previous ? full.map((g, i) => tf.add(previous[i]!, g)) : full,
              terms: tf.add(terms, parts),
            };
          });
        } finally {
          tf.dispose([...boundary, ...(captured.parts ? [captured.parts] : [])]);
        }
        tf.dispose([...(previous ?? []), terms]);
        suffixMoments.forEach((m) => statistics.add(m));
        sums = result.grads;
        terms = result.terms;
        clock.lap('trainableSeconds');
      }
      const result = await this.finish(names, sums ?? [], terms, statistics, microBatch);
      clock.lap('updateSeconds');
      return { ...result, parts: clock.parts };
    } finally {
      statistics.discard();
      tf.dispose([...(sums ?? []), terms]);
    }
  }

  /** The optimizer update (applyOptimizerUpdate), then the moving averages and the step. */
  private async finish(
    names: string[],
    sums: tf.Tensor[],
    terms: tf.Tensor,
    statistics: MovingStatistics,
    microBatch: number,
  ): Promise<StepResult> {
    const [crossEntropy = NaN, auxLoss = NaN] = await terms.data();
    const { loss, regularization, learningRate } = await applyOptimizerUpdate({
      names,
      read: (name) => this.trained.get(name)!.read(),
      gradients: sums,
      crossEntropy,
      auxLoss,
      weightDecay: this.o.weightDecay,
      isRegularized: this.o.isRegularized,
      optimizer: this.o.optimizer,
      schedule: this.o.schedule,
      step: this.step_,
    });
    statistics.apply();
    this.step_ += 1;
    return { loss, crossEntropy, auxLoss, regularization, learningRate, globalStep: this.step_, microBatch };
  }

  exportState(): Map<string, tf.Tensor> {
    const state = new Map<string, tf.Tensor>();
    for (const [name, v] of this.variables) state.set(name, v.read().clone());
    for (const [name, t] of this.o.optimizer.exportState()) state.set(name, t);
    state.set(GLOBAL_STEP, tf.scalar(this.step_, 'int32'));
    return state;
  }

  importState(state: ReadonlyMap<string, tf.Tensor>): void {
    checkStateEntries(state, (name) => this.variables.get(name)?.shape as number[] | undefined, this.o.optimizer.stateNames());
    this.o.optimizer.importState(state);
    for (const [name, value] of state) {
      const variable = this.variables.get(name);
      if (!variable) continue;
      tf.tidy(() => {
        variable.write(value.dtype === variable.dtype ? value : tf.cast(value, variable.dtype));
      });
    }
    const step = state.get(GLOBAL_STEP);
    if (step) this.step_ = step.dataSync()[0] ?? this.step_;
    // Frozen weights may have changed: cached activations of the old ones are stale.
    this.o.featureCache?.clear();
  }

  dispose(): void {
    this.o.optimizer.dispose();
  }
}

function handle(name: string, variable: tf.LayerVariable): ParameterHandle {
  return { name, read: () => variable.read(), write: (value) => variable.write(value) };
}
