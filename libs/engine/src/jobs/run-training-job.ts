// One training job, as train_image_classifier.py's main: restore, train, log, save checkpoints; shared by
// `finetune train` in-process and the trainer service.
import type { CheckpointMeta } from '@finetune/checkpoint';
import type { LoadedManifest } from '@finetune/datasets';
import { chooseAlphaBackground, choosePreprocessing, getNet, trainableVariables, weightDecayVariables, type Net } from '@finetune/nets';
import { initBackend } from '../backend';
import type { SlimOptimizer } from '../optimizers/optimizer';
import { FeatureCache } from '../training/feature-cache';
import { engineWorkers, workerBackend } from '../parallel/engine-workers';
import type { StepResult } from '../training/training-session';
import { configureOptimizer, readJobDataset } from './check-training-job';
import { pinnedCheckpointSteps } from './checkpoint-retention';
import { startJobTrainer, type JobTrainer } from './job-trainer';
import { SummaryWriter } from './summaries-file';
import { jobMeta } from './job-meta';
import { logTrainingStart, progressOf, stepLogFields, stepLogLine, summaryOf } from './job-reports';
import { findResumePoint, restoreAndSay, resumeTrainer } from './start-point';
import { pretrainedPath } from './pretrained-path';
import { FROM_SCRATCH } from './train-defaults';
import { ThroughputMeter } from './throughput-meter';
import { lockTrainDir } from './train-dir-lock';
import { isWasmMemoryFailure, TrainingMemoryError } from './train-errors';
import { resolveTrainOptions, type TrainOptions, type TrainOptionsInput } from './train-options';
import { saveTrainingCheckpoint, type SavedTrainingCheckpoint } from './training-checkpoint';
import { fromStageStart, scheduleOptions, stageAt, stageOptions, startsFreshOptimizer, trainingStages, type TrainingStage } from './training-stages';
import { batchImages, pipelineInput, jobInputOptions, type JobImageSpec, type TrainingBatch, type TrainingBatches } from './training-input';
import { featureCachePlan, type FeatureCachePlan } from './feature-cache-plan';

export { stepLogLine } from './job-reports';
export type { JobLog, StepReport, TrainingJobHooks, TrainingJobResult, TrainingProgress, TrainingStart } from './training-job-hooks';
import type { JobLog, TrainingJobHooks, TrainingJobResult } from './training-job-hooks';

const silent: JobLog = { info: () => undefined, warn: () => undefined };

/**
 * Runs a job to max_number_of_steps or until `hooks.signal` aborts; throws on a bad flag, dataset or
 * checkpoint, and on a NaN or infinite loss (NonFiniteLossError names the step). Checkpoints: step 0 right
 * after restoring, then every save_interval_secs, and at the end; the newest --keep_checkpoint_max are kept, and the best evaluated.
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
  const { manifest, numClasses, classWeights } = await readJobDataset(o);

  const lock = await lockTrainDir(o.trainDir, hooks.owner ?? 'a training job');
  const job = new Job(o, manifest, numClasses, classWeights, { count: workers, backend: workerBackend(backend.name) }, hooks, log);
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
  private cachePlan?: FeatureCachePlan;
  private imageSpec?: JobImageSpec;
  /** A step ran a wasm heap out of memory (TrainingMemoryError): nothing more can run in it. */
  private heapLost = false;
  private input?: TrainingBatches;
  private lastCheckpoint?: SavedTrainingCheckpoint;
  private meta: CheckpointMeta;
  private readonly summaries: SummaryWriter;
  private stages: TrainingStage[] = [];
  private stage?: TrainingStage;

  constructor(
    private readonly o: TrainOptions,
    private readonly manifest: LoadedManifest,
    private readonly numClasses: number,
    private readonly classWeights: number[] | undefined,
    private readonly workers: { count: number; backend: 'wasm' | 'cpu' },
    private readonly hooks: TrainingJobHooks,
    private readonly log: JobLog,
  ) {
    this.summaries = new SummaryWriter(o.trainDir, o.saveSummariesSecs);
    this.meta = jobMeta(o, manifest, numClasses);
  }

  async run(): Promise<TrainingJobResult> {
    const { o, log } = this;
    const netDef = getNet(o.modelName);
    const imageSize = o.trainImageSize ?? netDef.defaultImageSize;
    const net = (this.net = netDef.build({ numClasses: this.numClasses, imageSize, depthMultiplier: o.depthMultiplier }));

    // Checked before restoring, so a bad flag fails at once rather than after reading the weights.
    const stages = (this.stages = trainingStages(o));
    for (const stage of stages) trainableVariables(this.trainableNames(), stage.trainableScopes);
    const resume = await findResumePoint(o.trainDir, o.modelName, this.numClasses);
    const startPoint = resume ?? (await restoreAndSay(net, netDef, o, log));

    const choice = choosePreprocessing(o.preprocessingName, startPoint.preprocessing, netDef, startPoint.path ?? 'random initialisation');
    if (choice.warning) log.warn(choice.warning);
    const preprocessing = choice.preprocessing;
    const alphaBackground = chooseAlphaBackground(o.alphaBackground, startPoint.alphaBackground, startPoint.path ?? '');
    this.meta = { ...this.meta, preprocessing, alphaBackground };
    this.imageSpec = { imageSize, preprocessing, alphaBackground };

    const stage = stageAt(stages, startPoint.step);
    const optimizer = await this.startStage(stage, imageSize);
    const trainer = this.trainer!;
    const useCache = this.cache !== undefined;
    if (resume) {
      await resumeTrainer(trainer, net, optimizer, resume, { freshOptimizer: startsFreshOptimizer(stage, resume.step), movingAverages: o.movingAverageDecay !== undefined });
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
      ...(this.classWeights && { classWeights: this.classWeights }),
      options: o,
    });
    logTrainingStart(log, { trainer, options: o, augment: stage.augment, views: this.cachePlan?.views, featureCache: useCache, microBatch, imageSize, classWeights: this.classWeights, labelNames: this.meta.labelNames });
    if (!resume) await this.save();

    const signal = this.hooks.signal;
    const all = new ThroughputMeter();
    let outcome: TrainingJobResult['outcome'] = 'succeeded';
    if (!this.done() && !signal?.aborted) {
      this.openInput();
      outcome = await this.loop(all);
    } else if (signal?.aborted) {
      outcome = 'stopped';
    }
    if (this.lastCheckpoint?.step !== this.trainer!.globalStep) await this.save();
    const total = all.read();
    return {
      outcome,
      globalStep: this.trainer!.globalStep,
      startPoint,
      lastCheckpoint: this.lastCheckpoint,
      throughput: { steps: total.steps, imagesPerSec: total.imagesPerSec, inputWaitRatio: total.inputWaitRatio },
    };
  }

  private trainableNames(): string[] {
    return [...this.net!.variables].filter(([, v]) => v.trainable).map(([name]) => name);
  }

  /** Builds the trainer of `stage`: its scopes, learning rate, optimizer (fresh slots) and feature cache. */
  private async startStage(stage: TrainingStage, imageSize: number): Promise<SlimOptimizer> {
    const o = stageOptions(this.o, stage);
    this.stage = stage;
    const configured = configureOptimizer(scheduleOptions(o, stage), this.manifest.splits[o.datasetSplitName]?.numImages ?? 0);
    const { optimizer } = configured;
    const schedule = fromStageStart(configured.schedule, stage);
    this.cachePlan = featureCachePlan(o);
    this.cache = this.cachePlan ? new FeatureCache() : undefined;
    this.trainer = await startJobTrainer({
      net: this.net!,
      netName: o.modelName,
      netOptions: { numClasses: this.numClasses, imageSize, depthMultiplier: o.depthMultiplier },
      workers: this.workers.count,
      backend: this.workers.backend,
      trainableNames: trainableVariables(this.trainableNames(), o.trainableScopes),
      optimizer,
      schedule,
      weightDecay: o.weightDecay,
      isRegularized: (name) => weightDecayVariables([name]).length > 0,
      labelSmoothing: o.labelSmoothing,
      classWeights: this.classWeights,
      frozenBatchNorm: o.frozenBatchNorm,
      // Inference mode keeps restored moving statistics; from random initialisation there are none to keep.
      trainedBatchNorm: pretrainedPath(o) === FROM_SCRATCH ? 'batch-statistics' : o.trainedBatchNorm,
      featureCache: this.cache,
      featureRuntime: o.featureRuntime,
      movingAverageDecay: o.movingAverageDecay,
    });
    return optimizer;
  }

  /**
   * From stage 1 to stage 2: checkpoint, then a new trainer resumed from that checkpoint, exactly as a restart
   * at this step would be, so a job killed on either side of the switch continues the same way.
   */
  private async switchStage(next: TrainingStage): Promise<void> {
    await this.save();
    const saved = this.lastCheckpoint!;
    await this.trainer!.dispose();
    this.cache?.close();
    const optimizer = await this.startStage(next, this.meta.imageSize!);
    const fresh = { freshOptimizer: startsFreshOptimizer(next, saved.step), movingAverages: this.o.movingAverageDecay !== undefined };
    await resumeTrainer(this.trainer!, this.net!, optimizer, { kind: 'resume', path: saved.prefix, step: saved.step }, fresh);
    const scopes = next.trainableScopes.length ? next.trainableScopes.join(',') : 'every layer';
    this.log.info(`stage ${next.number} from step ${saved.step}: training ${scopes} at learning rate ${next.learningRate}, ${next.augment ? 'augmented' : 'un-augmented'} images`, {
      trainedVariables: this.trainer!.split.trainedVariables.length,
    });
  }

  private done(): boolean {
    return this.o.maxNumberOfSteps > 0 && this.trainer!.globalStep >= this.o.maxNumberOfSteps;
  }

  /** The stage's input: cached examples (or views of them) come without pixels after they were first seen. */
  private openInput(): void {
    const cache = this.cache;
    this.input = (this.hooks.input ?? pipelineInput)({
      ...jobInputOptions(stageOptions(this.o, this.stage!), this.manifest, this.imageSpec!),
      ...(cache && { skipPixels: (id: string) => cache.has(id), views: this.cachePlan?.views }),
    });
  }

  private async loop(all: ThroughputMeter): Promise<TrainingJobResult['outcome']> {
    const { o, log, hooks } = this;
    let batches = this.input![Symbol.asyncIterator]();
    const interval = new ThroughputMeter();
    let lastSave = performance.now();
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
      for (const meter of [interval, all]) meter.add(batch.count, waited);
      hooks.onStep?.({ step: last.globalStep, loss: last.loss, learningRate: last.learningRate, stepSeconds, inputWaitSeconds: waited, images: batch.count, parts: last.parts });

      if (last.globalStep % o.logEveryNSteps === 0) {
        const t = interval.read();
        log.info(stepLogLine(last.globalStep, last.loss, stepSeconds), stepLogFields(t));
        hooks.onProgress?.(progressOf(last, t, o.maxNumberOfSteps, this.lastCheckpoint));
        await this.summaries.add(summaryOf(last, t));
      }
      const nextStage = this.stages.find((s) => s.number === this.stage!.number + 1 && last!.globalStep >= s.firstStep);
      if (nextStage) {
        await this.switchStage(nextStage);
        // The new stage caches differently (or not at all): its input starts over, as after a restart here.
        await this.input!.close();
        this.openInput();
        batches = this.input![Symbol.asyncIterator]();
        lastSave = performance.now();
      } else if (performance.now() - lastSave >= o.saveIntervalSecs * 1000) {
        await this.save();
        lastSave = performance.now();
      }
    }
    if (last && last.globalStep % o.logEveryNSteps !== 0) {
      const t = interval.read();
      hooks.onProgress?.(progressOf(last, t, o.maxNumberOfSteps, this.lastCheckpoint));
      await this.summaries.add(summaryOf(last, t));
    }
    return 'succeeded';
  }

  private async step(batch: TrainingBatch): Promise<StepResult> {
    const trainer = this.trainer!;
    const labels = this.o.labelsOffset ? batch.labels.map((l) => l - this.o.labelsOffset) : batch.labels;
    try {
      if (this.cache && trainer.isCached(batch.ids)) return await trainer.stepFromCache(batch.ids, labels);
      return await trainer.step(await batchImages(batch), batch.count, labels, { exampleIds: batch.ids });
    } catch (error) {
      if (!isWasmMemoryFailure(error)) throw error;
      this.heapLost = true;
      const scopes = this.o.trainableScopes.length ? this.o.trainableScopes.join(',') : 'every layer';
      throw new TrainingMemoryError(this.o.modelName, `training ${scopes} at --batch_size ${batch.count}, ${this.meta.imageSize}px`, error);
    }
  }

  private async save(): Promise<void> {
    const pinnedSteps = await pinnedCheckpointSteps(this.o.trainDir, this.log);
    const saved = await saveTrainingCheckpoint(this.trainer!, this.o.trainDir, this.meta, { maxToKeep: this.o.keepCheckpointMax, pinnedSteps });
    this.lastCheckpoint = saved;
    this.log.info(`saved checkpoint ${saved.prefix}`, { step: saved.step, removed: saved.removed.length });
    await this.hooks.onCheckpoint?.(saved);
  }

  async dispose(): Promise<void> {
    // Also after a failure: the lines up to a NaN loss are what explain it.
    await this.summaries.flush().catch((err: Error) => this.log.warn(`cannot append to the summaries of ${this.o.trainDir}: ${err.message}`));
    await this.input?.close().catch(() => undefined);
    // After a wasm abort the heap is unusable and freeing in it fails too: the memory error is what to report.
    await this.trainer?.dispose().catch((error: unknown) => {
      if (!this.heapLost) throw error;
    });
    this.cache?.close();
    this.net?.model.dispose();
  }
}
