// One training job, as train_image_classifier.py's main: restore, train, log, save checkpoints; shared by
// `finetune train` in-process and the trainer service.
import type { CheckpointMeta } from '@finetune/checkpoint';
import type { LoadedManifest } from '@finetune/datasets';
import { getNet, trainableVariables, weightDecayVariables, type Net } from '@finetune/nets';
import { initBackend } from '../backend';
import { FeatureCache } from '../training/feature-cache';
import { engineWorkers, workerBackend } from '../parallel/engine-workers';
import type { SplitSummary, StepResult } from '../training/training-session';
import { configureOptimizer, readJobDataset } from './check-training-job';
import { startJobTrainer, type JobTrainer } from './job-trainer';
import { appendSummary } from './summaries-file';
import { findResumePoint, restorePretrained, resumeTrainer, type StartPoint } from './start-point';
import { ThroughputMeter } from './throughput-meter';
import { lockTrainDir } from './train-dir-lock';
import { resolveTrainOptions, type TrainOptions, type TrainOptionsInput } from './train-options';
import { saveTrainingCheckpoint, type SavedTrainingCheckpoint } from './training-checkpoint';
import { pipelineInput, type TrainingBatch, type TrainingBatches, type TrainingInputSource } from './training-input';

/** Where log lines go; the runtime's Logger fits, and so does a plain line writer. */
export interface JobLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface TrainingStart {
  /** Where the weights came from. */
  startPoint: StartPoint;
  globalStep: number;
  numClasses: number;
  imageSize: number;
  /** Variables trained and the layers split at the frozen/trained boundary. */
  split: SplitSummary;
  /** True when head-only training reuses the frozen part's activations (no augmentation). */
  featureCache: boolean;
  /** Examples per forward/backward pass (in each engine worker). */
  microBatch: number;
  /** Engine workers splitting each batch; 1: the job's own thread computes. */
  engineWorkers: number;
  /** The options after defaults. */
  options: TrainOptions;
}

export interface StepReport {
  step: number;
  loss: number;
  learningRate: number;
  /** Wall-clock seconds of the step, waiting for input included. */
  stepSeconds: number;
  inputWaitSeconds: number;
  images: number;
}

export interface TrainingProgress {
  step: number;
  /** 0 when the job has no limit. */
  maxNumberOfSteps: number;
  loss: number;
  learningRate: number;
  /** Over the steps since the previous report. */
  imagesPerSec: number;
  secsPerStep: number;
  inputWaitRatio: number;
  newestCheckpoint?: SavedTrainingCheckpoint;
}

export interface TrainingJobHooks {
  /** Aborting ends the job after its current step with a last checkpoint; the outcome is 'stopped'. */
  signal?: AbortSignal;
  log?: JobLog;
  /** Called once the weights are restored, before step 0 is saved. */
  onStart?(start: TrainingStart): void;
  /** After every step (metrics). */
  onStep?(report: StepReport): void;
  /** Every --log_every_n_steps steps, and once at the end. */
  onProgress?(progress: TrainingProgress): void;
  /** After each checkpoint is complete on disk; awaited, so a publish is ordered with the saves. */
  onCheckpoint?(checkpoint: SavedTrainingCheckpoint): void | Promise<void>;
  /** Names the job in the train dir's lock file. @default 'a training job' */
  owner?: string;
  /** Where batches come from. @default the datasets library's pipeline */
  input?: TrainingInputSource;
}

export interface TrainingJobResult {
  /** 'succeeded': max_number_of_steps reached; 'stopped': the signal was aborted. */
  outcome: 'succeeded' | 'stopped';
  globalStep: number;
  startPoint: StartPoint;
  /** The checkpoint saved last (at globalStep). */
  lastCheckpoint?: SavedTrainingCheckpoint;
  /** Over every step of this run. */
  throughput: { steps: number; imagesPerSec: number; inputWaitRatio: number };
}

const silent: JobLog = { info: () => undefined, warn: () => undefined };

/** The reference's log line: `global step 10: loss = 1.2345 (0.510 sec/step)`. */
export function stepLogLine(step: number, loss: number, secsPerStep: number): string {
  return `global step ${step}: loss = ${loss.toFixed(4)} (${secsPerStep.toFixed(3)} sec/step)`;
}

/**
 * Runs a job to max_number_of_steps or until `hooks.signal` aborts; throws on a bad flag, dataset or
 * checkpoint, and on a NaN or infinite loss (NonFiniteLossError names the step). Checkpoints: step 0 right
 * after restoring, then every save_interval_secs, and at the end; the newest few are kept.
 */
export async function runTrainingJob(input: TrainOptionsInput, hooks: TrainingJobHooks = {}): Promise<TrainingJobResult> {
  return runResolvedTrainingJob(resolveTrainOptions(input), hooks);
}

/** runTrainingJob for options already resolved where the request entered (the trainer service, the CLI). */
export async function runResolvedTrainingJob(o: TrainOptions, hooks: TrainingJobHooks = {}): Promise<TrainingJobResult> {
  const log = hooks.log ?? silent;
  const backend = await initBackend();
  // Checked before the dataset or the train dir are touched.
  const workers = engineWorkers(o.engineWorkers, backend.name);
  const { manifest, numClasses } = await readJobDataset(o);

  const lock = await lockTrainDir(o.trainDir, hooks.owner ?? 'a training job');
  const job = new Job(o, manifest, numClasses, { count: workers, backend: workerBackend(backend.name) }, hooks, log);
  try {
    return await job.run();
  } finally {
    await job.dispose();
    await lock.release();
  }
}

class Job {
  private net?: Net;
  private trainer?: JobTrainer;
  private cache?: FeatureCache;
  private input?: TrainingBatches;
  private lastCheckpoint?: SavedTrainingCheckpoint;
  private readonly meta: CheckpointMeta;

  constructor(
    private readonly o: TrainOptions,
    private readonly manifest: LoadedManifest,
    private readonly numClasses: number,
    private readonly workers: { count: number; backend: 'wasm' | 'cpu' },
    private readonly hooks: TrainingJobHooks,
    private readonly log: JobLog,
  ) {
    // The net's build options travel with each checkpoint, so evaluation and export rebuild the same net.
    this.meta = {
      modelName: o.modelName,
      numClasses,
      labelNames: manifest.classNames.slice(o.labelsOffset),
      imageSize: o.trainImageSize ?? getNet(o.modelName).defaultImageSize,
      ...(o.depthMultiplier !== undefined && { depthMultiplier: o.depthMultiplier }),
    };
  }

  async run(): Promise<TrainingJobResult> {
    const { o, log } = this;
    const netDef = getNet(o.modelName);
    const imageSize = o.trainImageSize ?? netDef.defaultImageSize;
    const net = (this.net = netDef.build({ numClasses: this.numClasses, imageSize, depthMultiplier: o.depthMultiplier }));

    // Checked before restoring, so a bad flag fails at once rather than after reading the weights.
    const trainableNames = [...net.variables].filter(([, v]) => v.trainable).map(([name]) => name);
    const trained = trainableVariables(trainableNames, o.trainableScopes);
    const resume = await findResumePoint(o.trainDir, o.modelName, this.numClasses);
    let startPoint: StartPoint;
    if (resume) {
      startPoint = resume;
    } else {
      const restored = await restorePretrained(net, netDef, o);
      startPoint = restored.point;
      if (restored.restore) {
        log.info(`restored ${restored.restore.restored.length} variables from ${startPoint.path}; ${restored.restore.initialised.length} start afresh`, {
          excluded: o.checkpointExcludeScopes,
        });
      } else {
        log.info('no pretrained checkpoint: every variable starts from random initialisation');
      }
    }

    const { optimizer, schedule } = configureOptimizer(o, this.manifest.splits[o.datasetSplitName]?.numImages ?? 0);
    // Head-only (or deeper-only) training without augmentation sees the same pixels for an example every
    // epoch, so the frozen part's output can be computed once.
    const useCache = !o.augment && o.frozenBatchNorm === 'inference' && o.trainableScopes.length > 0;
    this.cache = useCache ? new FeatureCache() : undefined;
    const trainer = (this.trainer = await startJobTrainer({
      net,
      netName: o.modelName,
      netOptions: { numClasses: this.numClasses, imageSize, depthMultiplier: o.depthMultiplier },
      workers: this.workers.count,
      backend: this.workers.backend,
      trainableNames: trained,
      optimizer,
      schedule,
      weightDecay: o.weightDecay,
      isRegularized: (name) => weightDecayVariables([name]).length > 0,
      labelSmoothing: o.labelSmoothing,
      frozenBatchNorm: o.frozenBatchNorm,
      featureCache: this.cache,
    }));
    if (resume) {
      await resumeTrainer(trainer, net, optimizer, resume);
      if (resume.passedOver) log.warn(`the state file names ${resume.passedOver} as newest, but it is incomplete; resuming from the newest complete checkpoint ${resume.path}`);
      log.info(`resuming from ${resume.path} at global step ${trainer.globalStep}; --checkpoint_path is ignored`);
    }
    const microBatch = await trainer.microBatchFor(o.batchSize);
    this.hooks.onStart?.({
      startPoint,
      globalStep: trainer.globalStep,
      numClasses: this.numClasses,
      imageSize,
      split: trainer.split,
      featureCache: useCache,
      microBatch,
      engineWorkers: trainer.workers,
      options: o,
    });
    const split = trainer.workers > 1 ? `, each batch split over ${trainer.workers} engine workers` : '';
    log.info(`training ${trainer.split.trainedVariables.length} variables in ${trainer.split.trainableLayers.length} layers${split}`, {
      frozenLayers: trainer.split.frozenLayers.length,
      featureCache: useCache,
      microBatch,
      engineWorkers: trainer.workers,
      imageSize,
    });
    if (!resume) await this.save();

    const signal = this.hooks.signal;
    const all = new ThroughputMeter();
    let outcome: TrainingJobResult['outcome'] = 'succeeded';
    if (!this.done() && !signal?.aborted) {
      this.input = (this.hooks.input ?? pipelineInput)({
        manifest: this.manifest,
        split: o.datasetSplitName,
        batchSize: o.batchSize,
        imageSize,
        preprocessing: o.preprocessingName ?? netDef.preprocessing,
        augment: o.augment,
        numThreads: o.numPreprocessingThreads,
        seed: o.seed,
      });
      outcome = await this.loop(this.input, all);
    } else if (signal?.aborted) {
      outcome = 'stopped';
    }
    if (this.lastCheckpoint?.step !== trainer.globalStep) await this.save();
    const total = all.read();
    return {
      outcome,
      globalStep: trainer.globalStep,
      startPoint,
      lastCheckpoint: this.lastCheckpoint,
      throughput: { steps: total.steps, imagesPerSec: total.imagesPerSec, inputWaitRatio: total.inputWaitRatio },
    };
  }

  private done(): boolean {
    return this.o.maxNumberOfSteps > 0 && this.trainer!.globalStep >= this.o.maxNumberOfSteps;
  }

  private async loop(input: TrainingBatches, all: ThroughputMeter): Promise<TrainingJobResult['outcome']> {
    const { o, log, hooks } = this;
    const batches = input[Symbol.asyncIterator]();
    const interval = new ThroughputMeter();
    const sinceSummary = new ThroughputMeter();
    let lastSave = performance.now();
    let lastSummary = performance.now();
    let last: StepResult | undefined;
    while (!this.done()) {
      if (hooks.signal?.aborted) return 'stopped';
      const waitStart = performance.now();
      const next = await batches.next();
      const waited = (performance.now() - waitStart) / 1000;
      if (next.done) throw new Error(`the input pipeline of ${this.manifest.dir} ended; it should repeat the split forever`);
      const batch = next.value;
      last = await this.step(batch);
      const stepSeconds = (performance.now() - waitStart) / 1000;
      for (const meter of [interval, sinceSummary, all]) meter.add(batch.count, waited);
      hooks.onStep?.({ step: last.globalStep, loss: last.loss, learningRate: last.learningRate, stepSeconds, inputWaitSeconds: waited, images: batch.count });

      if (last.globalStep % o.logEveryNSteps === 0) {
        const t = interval.read();
        log.info(stepLogLine(last.globalStep, last.loss, stepSeconds), { imagesPerSec: round(t.imagesPerSec), inputWaitRatio: round(t.inputWaitRatio) });
        hooks.onProgress?.(this.progress(last, t));
      }
      if (performance.now() - lastSave >= o.saveIntervalSecs * 1000) {
        await this.save();
        lastSave = performance.now();
      }
      if (performance.now() - lastSummary >= o.saveSummariesSecs * 1000) {
        const t = sinceSummary.read();
        await appendSummary(o.trainDir, {
          step: last.globalStep,
          loss: last.loss,
          crossEntropy: last.crossEntropy,
          regularization: last.regularization,
          learningRate: last.learningRate,
          imagesPerSec: t.imagesPerSec,
          inputWaitRatio: t.inputWaitRatio,
        });
        lastSummary = performance.now();
      }
    }
    if (last && last.globalStep % o.logEveryNSteps !== 0) hooks.onProgress?.(this.progress(last, interval.read()));
    return 'succeeded';
  }

  private progress(last: StepResult, t: ReturnType<ThroughputMeter['read']>): TrainingProgress {
    return {
      step: last.globalStep,
      maxNumberOfSteps: this.o.maxNumberOfSteps,
      loss: last.loss,
      learningRate: last.learningRate,
      imagesPerSec: t.imagesPerSec,
      secsPerStep: t.secsPerStep,
      inputWaitRatio: t.inputWaitRatio,
      newestCheckpoint: this.lastCheckpoint,
    };
  }

  private async step(batch: TrainingBatch): Promise<StepResult> {
    const trainer = this.trainer!;
    const labels = this.o.labelsOffset ? batch.labels.map((l) => l - this.o.labelsOffset) : batch.labels;
    if (this.cache && trainer.isCached(batch.ids)) return trainer.stepFromCache(batch.ids, labels);
    return trainer.step(batch.images, batch.count, labels, { exampleIds: batch.ids });
  }

  private async save(): Promise<void> {
    const saved = await saveTrainingCheckpoint(this.trainer!, this.o.trainDir, this.meta, this.o.maxCheckpointsToKeep);
    this.lastCheckpoint = saved;
    this.log.info(`saved checkpoint ${saved.prefix}`, { step: saved.step, removed: saved.removed.length });
    await this.hooks.onCheckpoint?.(saved);
  }

  async dispose(): Promise<void> {
    await this.input?.close().catch(() => undefined);
    await this.trainer?.dispose();
    this.cache?.close();
    this.net?.model.dispose();
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
