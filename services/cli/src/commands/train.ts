// finetune train: train_image_classifier.py with its flags under their own names; in-process, or on the
// trainer service with --trainer-address, followed with WatchJob. Progress bar and the reference's log lines on stderr.
import * as grpc from '@grpc/grpc-js';
import type { eventsV1, trainerV1 } from '@finetune/contracts';
import { closeIdleWorkers } from '@finetune/datasets';
import { getNet } from '@finetune/nets';
import {
  checkpointSavedEvent,
  checkpointSavedEventId,
  initBackend,
  optionsToTrainingConfig,
  resolveTrainOptions,
  runResolvedTrainingJob,
  stepLogLine,
  type TrainOptions,
} from '@finetune/engine';
import { describeConfig, optionalStringOption, parseConfig, tlsOptions } from '@finetune/runtime';
import type { Command } from '../command';
import { clientCredentials, clientOptions, contracts, describeGrpcError } from '../grpc-client';
import { natsUrlOption, openCliEvents } from '../event-publisher';
import { createProgressBar } from '../progress-bar';
import { trainFlagOptions, trainInput } from './train-flags';

// The training flags are the engine's TRAIN_FLAGS; these two say where the job runs and where events go.
const options = {
  ...trainFlagOptions,
  natsUrl: natsUrlOption,
  trainerAddress: optionalStringOption({ flag: 'trainer-address', env: 'FINETUNE_TRAINER_ADDRESS', doc: 'host:port of a trainer service to run the job; unset: in this process.' }),
  ...tlsOptions,
};

export const trainCommand: Command = {
  name: 'train',
  summary: 'fine-tune a network on a converted dataset (train_image_classifier)',
  async run(argv) {
    if (argv.includes('--help')) {
      process.stdout.write(`usage: finetune train --train_dir=DIR --dataset_dir=DIR [flags]\n\n${describeConfig(options)}\n`);
      return 0;
    }
    const flags = parseConfig(options, argv, process.env);
    // Resolved once, here where the flags enter; the service and the in-process run take the result as it is.
    const resolved = resolveTrainOptions(trainInput(flags));
    if (flags.trainerAddress) return trainRemote(resolved, flags.trainerAddress, flags);
    return trainLocal(resolved, flags.natsUrl as string | undefined);
  },
};

/** Log lines above the bar: clear the bar's line, write the line, let the next update redraw the bar. */
function lineWriter() {
  return (line: string) => {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    process.stderr.write(`${line}\n`);
  };
}

async function trainLocal(resolved: TrainOptions, natsUrl: string | undefined): Promise<number> {
  const cli = await openCliEvents(natsUrl);
  const jobId = `cli-${process.pid}-${Date.now().toString(36)}`;
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
  const max = resolved.maxNumberOfSteps;
  try {
    const result = await runResolvedTrainingJob(resolved, {
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

async function trainRemote(options: TrainOptions, address: string, tls: Parameters<typeof clientCredentials>[0]): Promise<number> {
  const client = new contracts.finetune.trainer.v1.TrainerService(address, clientCredentials(tls), clientOptions);
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
