// finetune train: train_image_classifier.py with its flags under their own names; in-process, or on the
// trainer service with --trainer-address, followed with WatchJob. Progress bar and the reference's log lines on stderr.
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { eventsV1, trainerV1 } from '@finetune/contracts';
import { closeIdleWorkers } from '@finetune/datasets';
import { getNet } from '@finetune/nets';
import {
  checkpointSavedEvent,
  checkpointSavedEventId,
  DECAY_TYPE_CHOICES,
  defaultTrainOptions,
  initBackend,
  OPTIMIZER_CHOICES,
  optionsToTrainingConfig,
  resolveTrainOptions,
  runTrainingJob,
  stepLogLine,
  type TrainOptions,
  type TrainOptionsInput,
} from '@finetune/engine';
import { booleanOption, describeConfig, enumOption, intOption, numberOption, optionalStringOption, parseConfig, stringOption, type ConfigOf } from '@finetune/runtime';
import { UsageError, type Command } from '../command';
import { clientOptions, contracts, describeGrpcError } from '../grpc-client';
import { natsUrlOption, openCliEvents } from '../event-publisher';
import { createProgressBar } from '../progress-bar';

const d = defaultTrainOptions();
const p = d.optimizerOptions;
const num = (flag: string, doc: string, value: number) => numberOption({ flag, doc, default: value });
const int = (flag: string, doc: string, value: number, min = 0) => intOption({ flag, doc, default: value, min });

// Flag names, defaults and meanings are train_image_classifier.py's; --frozen_batch_norm, --depth_multiplier,
// --augment and --seed have no reference counterpart.
const options = {
  trainDir: stringOption({ flag: 'train_dir', doc: 'Where checkpoints and summaries go; a checkpoint already there is resumed.', default: '' }),
  datasetName: optionalStringOption({ flag: 'dataset_name', doc: 'Name of the converted dataset; checked against its manifest.' }),
  datasetSplitName: enumOption({ flag: 'dataset_split_name', doc: 'Split trained on.', default: d.datasetSplitName, values: ['train', 'validation'] as const }),
  datasetDir: stringOption({ flag: 'dataset_dir', doc: 'Folder of the converted dataset (shards, label.txt, manifest.json).', default: '' }),
  labelsOffset: int('labels_offset', 'Subtracted from dataset labels (1 for a net with a background class).', d.labelsOffset),
  modelName: stringOption({ flag: 'model_name', doc: 'The network: inception_v3, mobilenet_v1, mobilenet_v2, resnet_v1_50, vgg_16.', default: d.modelName }),
  depthMultiplier: optionalStringOption({ flag: 'depth_multiplier', doc: 'MobileNet channel multiplier, e.g. 0.35; unset: 1.0.' }),
  preprocessingName: optionalStringOption({ flag: 'preprocessing_name', doc: "Preprocessing (inception or vgg); unset: the net's own." }),
  trainImageSize: int('train_image_size', "Side of the square input in pixels; 0: the net's default.", 0),
  checkpointPath: optionalStringOption({ flag: 'checkpoint_path', doc: "Pretrained checkpoint, builtin:<model>, or none; unset: the model's embedded weights where it has some." }),
  checkpointExcludeScopes: stringOption({ flag: 'checkpoint_exclude_scopes', doc: 'Comma-separated scopes not restored, e.g. MobilenetV2/Logits.', default: '' }),
  trainableScopes: stringOption({ flag: 'trainable_scopes', doc: 'Comma-separated scopes trained; empty trains everything.', default: '' }),
  ignoreMissingVars: booleanOption({ flag: 'ignore_missing_vars', doc: 'Leave variables the checkpoint lacks at their initial values.', default: d.ignoreMissingVars }),
  maxNumberOfSteps: int('max_number_of_steps', 'Global step to stop at; 0 trains until interrupted.', d.maxNumberOfSteps),
  batchSize: int('batch_size', 'Examples per step.', d.batchSize, 1),
  learningRate: num('learning_rate', 'Initial learning rate.', d.learningRate),
  learningRateDecayType: enumOption({ flag: 'learning_rate_decay_type', doc: 'How the learning rate decays.', default: d.learningRateDecayType, values: DECAY_TYPE_CHOICES }),
  learningRateDecayFactor: num('learning_rate_decay_factor', 'Factor of the exponential decay.', d.learningRateDecayFactor),
  numEpochsPerDecay: num('num_epochs_per_decay', 'Epochs between exponential decays, or of the polynomial decay.', d.numEpochsPerDecay),
  endLearningRate: num('end_learning_rate', 'Where polynomial decay ends.', d.endLearningRate),
  labelSmoothing: num('label_smoothing', 'Weight of the uniform distribution mixed into the one-hot labels.', d.labelSmoothing),
  optimizer: enumOption({ flag: 'optimizer', doc: 'The optimizer.', default: d.optimizer, values: OPTIMIZER_CHOICES }),
  optEpsilon: num('opt_epsilon', 'Epsilon of adadelta, adam and rmsprop.', p.optEpsilon),
  rmspropDecay: num('rmsprop_decay', 'Decay of rmsprop.', p.rmspropDecay),
  rmspropMomentum: num('rmsprop_momentum', 'Momentum of rmsprop.', p.rmspropMomentum),
  adamBeta1: num('adam_beta1', "Decay of adam's first moment.", p.adamBeta1),
  adamBeta2: num('adam_beta2', "Decay of adam's second moment.", p.adamBeta2),
  momentum: num('momentum', 'Momentum of the momentum optimizer.', p.momentum),
  adagradInitialAccumulatorValue: num('adagrad_initial_accumulator_value', 'Starting accumulator of adagrad.', p.adagradInitialAccumulatorValue),
  adadeltaRho: num('adadelta_rho', 'Decay of adadelta.', p.adadeltaRho),
  ftrlLearningRatePower: num('ftrl_learning_rate_power', 'Learning-rate power of ftrl.', p.ftrlLearningRatePower),
  ftrlInitialAccumulatorValue: num('ftrl_initial_accumulator_value', 'Starting accumulator of ftrl.', p.ftrlInitialAccumulatorValue),
  ftrlL1: num('ftrl_l1', 'L1 strength of ftrl.', p.ftrlL1),
  ftrlL2: num('ftrl_l2', 'L2 strength of ftrl.', p.ftrlL2),
  weightDecay: num('weight_decay', 'L2 regularisation of the weights.', d.weightDecay),
  frozenBatchNorm: enumOption({ flag: 'frozen_batch_norm', doc: 'Batch norm outside trainable_scopes: moving statistics, or batch statistics as the reference.', default: 'inference', values: ['inference', 'batch_statistics'] as const }),
  saveIntervalSecs: int('save_interval_secs', 'Seconds between checkpoints.', d.saveIntervalSecs, 1),
  saveSummariesSecs: int('save_summaries_secs', 'Seconds between lines of <train_dir>/summaries.jsonl.', d.saveSummariesSecs, 1),
  logEveryNSteps: int('log_every_n_steps', 'Steps between log lines.', d.logEveryNSteps, 1),
  numPreprocessingThreads: int('num_preprocessing_threads', 'Threads decoding and augmenting images.', d.numPreprocessingThreads, 1),
  engineWorkers: int('engine_workers', 'Worker threads splitting each batch; 0: one per core on wasm and cpu, 1 on TensorFlow. In-process runs only: a trainer service has its own --engine-workers.', d.engineWorkers, 0),
  augment: booleanOption({ flag: 'augment', doc: 'Random crop, flip and colour distortion; false lets head-only runs cache features.', default: true }),
  seed: optionalStringOption({ flag: 'seed', doc: 'Seed of shuffling and augmentation; unset: a fresh one.' }),
  natsUrl: natsUrlOption,
  trainerAddress: optionalStringOption({ flag: 'trainer-address', env: 'FINETUNE_TRAINER_ADDRESS', doc: 'host:port of a trainer service to run the job; unset: in this process.' }),
};

type Flags = ConfigOf<typeof options>;

export const trainCommand: Command = {
  name: 'train',
  summary: 'fine-tune a network on a converted dataset (train_image_classifier)',
  async run(argv) {
    if (argv.includes('--help')) {
      process.stdout.write(`usage: finetune train --train_dir=DIR --dataset_dir=DIR [flags]\n\n${describeConfig(options)}\n`);
      return 0;
    }
    const flags = parseConfig(options, argv, process.env);
    if (!flags.trainDir) throw new UsageError('--train_dir is required: where checkpoints are written');
    if (!flags.datasetDir) throw new UsageError('--dataset_dir is required: the folder of a converted dataset (finetune prepare writes one)');
    const input = trainOptions(flags);
    if (flags.trainerAddress) {
      return trainRemote(resolveTrainOptions(input), flags.trainerAddress);
    }
    return trainLocal(input, flags.natsUrl);
  },
};

/** The one mapping from flags to options; paths are made absolute so the service sees the same folders. */
function trainOptions(f: Flags): TrainOptionsInput {
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  return {
    trainDir: path.resolve(f.trainDir),
    datasetDir: path.resolve(f.datasetDir),
    datasetName: f.datasetName,
    datasetSplitName: f.datasetSplitName,
    labelsOffset: f.labelsOffset,
    modelName: f.modelName,
    depthMultiplier: number(f.depthMultiplier),
    preprocessingName: f.preprocessingName as TrainOptions['preprocessingName'],
    trainImageSize: f.trainImageSize || undefined,
    checkpointPath: f.checkpointPath && /^(builtin:|none$)/.test(f.checkpointPath) ? f.checkpointPath : f.checkpointPath && path.resolve(f.checkpointPath),
    checkpointExcludeScopes: f.checkpointExcludeScopes,
    trainableScopes: f.trainableScopes,
    ignoreMissingVars: f.ignoreMissingVars,
    maxNumberOfSteps: f.maxNumberOfSteps,
    batchSize: f.batchSize,
    learningRate: f.learningRate,
    learningRateDecayType: f.learningRateDecayType,
    learningRateDecayFactor: f.learningRateDecayFactor,
    numEpochsPerDecay: f.numEpochsPerDecay,
    endLearningRate: f.endLearningRate,
    labelSmoothing: f.labelSmoothing,
    optimizer: f.optimizer,
    optimizerOptions: {
      optEpsilon: f.optEpsilon,
      rmspropDecay: f.rmspropDecay,
      rmspropMomentum: f.rmspropMomentum,
      adamBeta1: f.adamBeta1,
      adamBeta2: f.adamBeta2,
      momentum: f.momentum,
      adagradInitialAccumulatorValue: f.adagradInitialAccumulatorValue,
      adadeltaRho: f.adadeltaRho,
      ftrlLearningRatePower: f.ftrlLearningRatePower,
      ftrlInitialAccumulatorValue: f.ftrlInitialAccumulatorValue,
      ftrlL1: f.ftrlL1,
      ftrlL2: f.ftrlL2,
    },
    weightDecay: f.weightDecay,
    frozenBatchNorm: f.frozenBatchNorm === 'batch_statistics' ? 'batch-statistics' : 'inference',
    saveIntervalSecs: f.saveIntervalSecs,
    saveSummariesSecs: f.saveSummariesSecs,
    logEveryNSteps: f.logEveryNSteps,
    numPreprocessingThreads: f.numPreprocessingThreads,
    engineWorkers: f.engineWorkers,
    augment: f.augment,
    seed: number(f.seed),
  };
}

/** Log lines above the bar: clear the bar's line, write the line, let the next update redraw the bar. */
function lineWriter() {
  return (line: string) => {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    process.stderr.write(`${line}\n`);
  };
}

async function trainLocal(input: TrainOptionsInput, natsUrl: string | undefined): Promise<number> {
  const cli = await openCliEvents(natsUrl);
  const jobId = `cli-${process.pid}-${Date.now().toString(36)}`;
  const resolved = resolveTrainOptions(input);
  const imageSize = resolved.trainImageSize ?? getNet(resolved.modelName).defaultImageSize;
  const backend = await initBackend();
  const bar = createProgressBar();
  const write = lineWriter();
  write(`backend: ${backend.name}`);
  const abort = new AbortController();
  const onSignal = () => {
    if (abort.signal.aborted) process.exit(130);
    write('interrupted: saving a last checkpoint (press Ctrl-C again to quit at once)');
    abort.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSignal);
  const max = input.maxNumberOfSteps ?? 0;
  try {
    const result = await runTrainingJob(input, {
      signal: abort.signal,
      owner: 'finetune train',
      log: { info: (msg) => write(msg), warn: (msg) => write(`warning: ${msg}`) },
      // Published once the checkpoint is complete on disk, as the trainer service does.
      onCheckpoint: (saved) => cli.events.publish('checkpointSaved', checkpointSavedEvent(jobId, resolved, saved, imageSize), checkpointSavedEventId(jobId, saved.step)),
      onStep: (r) => bar.update('train', r.step, max || r.step, `loss ${r.loss.toFixed(4)} lr ${r.learningRate.toPrecision(3)} ${(r.images / r.stepSeconds).toFixed(1)} img/s`),
    });
    bar.done();
    process.stdout.write(
      `${result.outcome === 'succeeded' ? 'finished' : 'stopped'} at global step ${result.globalStep}; newest checkpoint ${result.lastCheckpoint?.prefix ?? 'none'}; ` +
        `${result.throughput.imagesPerSec.toFixed(1)} images/s, ${(result.throughput.inputWaitRatio * 100).toFixed(0)}% waiting for input\n`,
    );
    return 0;
  } catch (err) {
    // A NaN or infinite loss is the run's outcome, not a bug: one line naming the step, as the service's failure_reason.
    if ((err as Error).name !== 'NonFiniteLossError') throw err;
    bar.done();
    write(`training failed: ${(err as Error).message}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    await closeIdleWorkers();
    await cli.close();
  }
}

async function trainRemote(options: TrainOptions, address: string): Promise<number> {
  const client = new contracts.finetune.trainer.v1.TrainerService(address, grpc.credentials.createInsecure(), clientOptions);
  const bar = createProgressBar();
  const write = lineWriter();
  try {
    const job = await new Promise<trainerV1.Job__Output>((resolve, reject) =>
      client.StartTraining({ config: optionsToTrainingConfig(options) }, (err, res) => (err ? reject(describeGrpcError(err, address)) : resolve(res!.job!))),
    );
    write(`job ${job.job_id} ${job.state} on ${address}; train_dir ${job.config?.train_dir}`);
    // Ctrl-C asks the service to stop the job (it saves a checkpoint); the watch shows it ending.
    const onSignal = () => client.StopJob({ job_id: job.job_id }, () => write(`asked ${address} to stop job ${job.job_id}`));
    process.on('SIGINT', onSignal);
    let last: eventsV1.JobProgress__Output | undefined;
    try {
      const call = client.WatchJob({ job_id: job.job_id });
      for await (const update of call as AsyncIterable<trainerV1.WatchJobResponse__Output>) {
        const progress = update.progress!;
        const step = Number(progress.step);
        if (progress.loss > 0 && step !== Number(last?.step)) {
          write(stepLogLine(step, progress.loss, progress.secs_per_step));
          bar.update('train', step, options.maxNumberOfSteps || step, `loss ${progress.loss.toFixed(4)} ${progress.images_per_sec.toFixed(1)} img/s`);
        }
        last = progress;
      }
    } catch (err) {
      throw describeGrpcError(err as grpc.ServiceError, address);
    } finally {
      process.off('SIGINT', onSignal);
    }
    bar.done();
    const state = last?.state ?? 'JOB_STATE_UNSPECIFIED';
    const newest = last?.newest_checkpoint?.path_prefix ?? 'none';
    if (state === 'JOB_STATE_FAILED') {
      process.stderr.write(`job ${job.job_id} failed: ${last?.failure_reason}\n`);
      return 1;
    }
    process.stdout.write(`job ${job.job_id} ${state.replace('JOB_STATE_', '').toLowerCase()} at global step ${last?.step ?? 0}; newest checkpoint ${newest}\n`);
    return 0;
  } finally {
    client.close();
  }
}
