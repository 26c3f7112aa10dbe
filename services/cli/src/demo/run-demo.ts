// The whole workflow through the five services: prepare, train (head only by default), evaluate every
// checkpoint as it appears, export the best, serve it and classify held-out images, then a short report.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect } from 'nats';
import type { datasetV1, evaluatorV1, inferenceV1, trainerV1 } from '@finetune/contracts';
import { consumeEvents } from '@finetune/events';
import { getNet } from '@finetune/nets';
import { clientOptions, contracts } from '../grpc-client';
import { createProgressBar } from '../progress-bar';
import { reportLines, stepsToWaitFor } from './demo-report';
import { sleep, unary } from './grpc-calls';
import type { DemoImageSet } from './emoji-image-set';
import type { LocalStack } from './local-stack';

export type FineTuneMode = 'head' | 'all' | 'deep' | 'two-stage';

/** --mode two-stage: the share of the steps that trains the head before every layer trains. */
const TWO_STAGE_HEAD_SHARE = 0.75;

export interface DemoOptions {
  modelName: string;
  mode: FineTuneMode;
  steps: number;
  imageSize: number;
  batchSize: number;
  topK: number;
}

const DESCRIPTIONS: Record<FineTuneMode, string> = {
  head: 'head only',
  all: 'every layer',
  deep: 'deeper layers',
  'two-stage': 'the head, then every layer in the same job',
};

/** The deeper part of each net that `--mode deep` trains, with its head. */
const DEEP_SCOPES: Record<string, string[]> = {
  mobilenet_v2: ['MobilenetV2/expanded_conv_16', 'MobilenetV2/Conv_1'],
  inception_v3: ['InceptionV3/Mixed_7c'],
};

/** How long the demo waits for the evaluator to catch up, and for the inference service to load the model. */
const EVALUATION_WAIT_MS = 180_000;
const MODEL_LOAD_WAIT_MS = 120_000;

const say = (line = '') => process.stdout.write(`${line}\n`);

export async function runDemo(stack: LocalStack, images: DemoImageSet, stateDir: string, o: DemoOptions): Promise<void> {
  const creds = grpc.credentials.createInsecure();
  const ns = contracts.finetune;
  const dataset = new ns.dataset.v1.DatasetService(stack.address('dataset'), creds, clientOptions);
  const trainer = new ns.trainer.v1.TrainerService(stack.address('trainer'), creds, clientOptions);
  const evaluator = new ns.evaluator.v1.EvaluatorService(stack.address('evaluator'), creds, clientOptions);
  const exporter = new ns.exporter.v1.ExporterService(stack.address('exporter'), creds, clientOptions);
  const inference = new ns.inference.v1.InferenceService(stack.address('inference'), creds, clientOptions);
  const nc = await connect({ servers: stack.nats.url });
  const stopEvents = new AbortController();
  try {
    say('\n[3/7] prepare: images -> TFRecord shards (dataset service)');
    const bar = createProgressBar();
    let manifest: datasetV1.DatasetManifest__Output | undefined;
    const conversion = dataset.ConvertDataset({ ratio_split: { directory: images.pic, validation_ratio: 0.25, seed: 12345 }, dataset_name: 'demo', overwrite: true, train_shards: 2, validation_shards: 2, num_threads: 2 });
    for await (const u of conversion as AsyncIterable<datasetV1.ConvertDatasetResponse__Output>) {
      if (u.progress) bar.update(u.progress.split_name, Number(u.progress.images_done), Number(u.progress.images_total));
      if (u.result) manifest = u.result.manifest!;
    }
    bar.done();
    const sizes = manifest!.splits.map((s) => `${s.name} ${s.num_examples}`).join(', ');
    say(`  ${manifest!.classes.length} classes (${manifest!.classes.join(', ')}); ${sizes} images -> ${manifest!.directory}`);

    const net = getNet(o.modelName);
    const head = net.headScopes;
    const trainable = o.mode === 'head' || o.mode === 'two-stage' ? head : o.mode === 'deep' ? [...(DEEP_SCOPES[o.modelName] ?? []), ...head] : [];
    const fineTuneAfter = o.mode === 'two-stage' ? Math.max(1, Math.floor(o.steps * TWO_STAGE_HEAD_SHARE)) : undefined;
    const trainDir = path.join(stateDir, 'train', `demo-${o.modelName}-${o.mode}`);
    say(`\n[4/7] train: ${o.modelName} from builtin:${o.modelName}, ${DESCRIPTIONS[o.mode]} (trainer service)`);
    say(`  --checkpoint_exclude_scopes=${head.join(',')}${trainable.length ? ` --trainable_scopes=${trainable.join(',')}` : ''}${fineTuneAfter ? ` --fine_tune_after_steps=${fineTuneAfter}` : ''} (every other flag at its default)`);
    const started = await unary(stack.address('trainer'), trainer.StartTraining.bind(trainer), {
      config: {
        train_dir: trainDir,
        dataset_name: 'demo',
        dataset_split_name: 'train',
        dataset_dir: manifest!.directory,
        model_name: o.modelName,
        checkpoint_path: `builtin:${o.modelName}`,
        checkpoint_exclude_scopes: head,
        trainable_scopes: trainable,
        max_number_of_steps: o.steps,
        batch_size: o.batchSize,
        train_image_size: o.imageSize,
        // The defaults are what a user gets: adam, 0.01 for the new head, 0.00003 once pretrained layers train;
        // no augmentation where only the head trains (its frozen features are computed once, then cached),
        // augmentation where pretrained layers train.
        ...(fineTuneAfter && { fine_tune_after_steps: fineTuneAfter }),
        save_interval_secs: 15,
        log_every_n_steps: 10,
        // Appended every few seconds, so the board's curves grow while the demo trains.
        save_summaries_secs: 5,
      },
    });
    const jobId = started.job!.job_id;

    // Checkpoints and evaluations as they happen, from the events the services publish.
    const saved = new Set<number>();
    const evaluated = new Map<number, evaluatorV1.Evaluation__Output>();
    void consumeEvents(nc, {
      durable: `demo-${jobId}`,
      event: 'checkpointSaved',
      signal: stopEvents.signal,
      async handle(e) {
        if (e.job_id !== jobId) return;
        saved.add(Number(e.checkpoint!.step));
      },
    }).catch(() => undefined);
    void consumeEvents(nc, {
      durable: `demo-${jobId}`,
      event: 'evaluationDone',
      signal: stopEvents.signal,
      async handle(e) {
        if (e.job_id !== jobId) return;
        const m = e.metrics;
        if (m) process.stderr.write(`\r\x1b[2K  evaluated step ${e.step}: accuracy ${m.accuracy.toFixed(3)}, recall@${m.k} ${m.recall_at_k.toFixed(3)}\n`);
      },
    }).catch(() => undefined);

    const watch = trainer.WatchJob({ job_id: jobId });
    let last: trainerV1.WatchJobResponse__Output['progress'] = null;
    for await (const u of watch as AsyncIterable<trainerV1.WatchJobResponse__Output>) {
      last = u.progress;
      if (!last) continue;
      bar.update('train', Number(last.step), o.steps, `loss ${last.loss.toFixed(3)} ${last.images_per_sec.toFixed(1)} img/s`);
    }
    bar.done();
    const job = await unary(stack.address('trainer'), trainer.GetJob.bind(trainer), { job_id: jobId });
    if (job.job!.state !== 'JOB_STATE_SUCCEEDED') throw new Error(`training ended ${job.job!.state}: ${job.job!.failure_reason}`);
    // The job saves a checkpoint at its last step, so that step's evaluation is the last to wait for.
    const finalStep = Number(job.job!.progress?.step ?? last?.step ?? 0);
    say(`  ${jobId} done at step ${finalStep}; checkpoints in ${trainDir}`);

    say('\n[5/7] evaluate: every checkpoint, as it appeared (evaluator service, on checkpoint.saved)');
    const deadline = Date.now() + EVALUATION_WAIT_MS;
    for (;;) {
      const list = await unary(stack.address('evaluator'), evaluator.ListEvaluations.bind(evaluator), { job_id: jobId });
      for (const e of list.evaluations) if ((e.dataset_split_name || 'validation') === 'validation') evaluated.set(Number(e.step), e);
      const pending = stepsToWaitFor(saved, finalStep, new Set(evaluated.keys()));
      if (pending.length === 0) break;
      if (Date.now() > deadline) throw new Error(`the evaluator did not evaluate steps ${pending.join(', ')} within ${EVALUATION_WAIT_MS / 1000} s`);
      await sleep(1000);
    }

    say('\n[6/7] export: the best checkpoint by accuracy (exporter service)');
    const exported = await unary(stack.address('exporter'), exporter.Export.bind(exporter), {
      train_dir: trainDir,
      job_id: jobId,
      selector: 'CHECKPOINT_SELECTOR_BEST_ACCURACY',
      model_name: o.modelName,
      dataset_dir: manifest!.directory,
      image_size: o.imageSize,
      served_model_name: 'demo',
    });
    const model = exported.model!;
    say(`  ${model.name} version ${model.version} from step ${model.source_checkpoint?.step} -> ${model.path}`);

    say('\n[7/7] classify: held-out images through the inference service');
    const loadDeadline = Date.now() + MODEL_LOAD_WAIT_MS;
    for (;;) {
      const got: inferenceV1.GetModelResponse__Output | undefined = await unary(stack.address('inference'), inference.GetModel.bind(inference), { served_model_name: model.name }).catch(() => undefined);
      if (got && Number(got.model_version) >= Number(model.version)) break;
      if (Date.now() > loadDeadline) throw new Error(`the inference service did not load ${model.name} version ${model.version} within ${MODEL_LOAD_WAIT_MS / 1000} s`);
      await sleep(1000);
    }
    let correct = 0;
    for (const { file, label } of images.heldOut) {
      const res = await unary(stack.address('inference'), inference.Classify.bind(inference), { image: await readFile(file), top_k: o.topK });
      const best = res.predictions[0]?.label;
      if (best === label) correct++;
      say(`\n${path.basename(file)} (true class: ${label})${best === label ? '' : '  <- wrong'}`);
      for (const p of res.predictions) say(`${p.label} (score = ${p.score.toFixed(5)})`);
    }

    say('\n== report');
    for (const line of reportLines([...evaluated.values()])) say(line);
    say(`held-out top-1: ${correct}/${images.heldOut.length} correct (chance: 1/${manifest!.classes.length})`);
    say(`exported model: ${model.path}`);
    for (const [name, s] of Object.entries(stack.services)) say(`metrics: ${name.padEnd(10)} http://127.0.0.1:${s.metricsPort}/metrics`);
  } finally {
    stopEvents.abort();
    for (const c of [dataset, trainer, evaluator, exporter, inference]) c.close();
    await nc.drain().catch(() => undefined);
  }
}

