// finetune eval: accuracy and recall@k of a checkpoint (or a train dir's newest) on a dataset split, as the
// reference eval_image_classifier prints them (`eval/Accuracy[0.51]`, `eval/Recall_5[0.97]`); in-process,
// or through the evaluator service with --evaluator-address.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { evaluatorV1 } from '@finetune/contracts';
import {
  evaluationDoneEvent,
  evaluationDoneEventId,
  DEFAULT_EVAL_BATCH_SIZE,
  DEFAULT_EVAL_SPLIT,
  DEFAULT_RECALL_K,
  EVAL_DIR_NAME,
  evaluateCheckpoint,
  evaluatedRecord,
  cpuBudget,
  initBackend,
  readEvaluationRecord,
  writeEvaluationRecord,
} from '@finetune/engine';
import { alphaBackgroundFlag, parsePreprocessingName, preprocessingNames, type PreprocessingName } from '@finetune/nets';
import { FORWARD_RUNTIMES } from '@finetune/onnx';
import type { SplitName } from '@finetune/datasets';
import { booleanOption, type ConfigOf, describeConfig, enumOption, intOption, optionalNumberOption, optionalStringOption, parseConfig, tlsOptions } from '@finetune/runtime';
import { UsageError, type Command } from '../command';
import { natsUrlOption, openCliEvents } from '../event-publisher';
import { clientCredentials, clientOptions, contracts, describeGrpcError } from '../grpc-client';

const options = {
  checkpointPath: optionalStringOption({ flag: 'checkpoint_path', doc: 'A checkpoint (model.ckpt-1000) or a train dir, whose newest checkpoint is evaluated.' }),
  evalDir: optionalStringOption({ flag: 'eval_dir', doc: 'Where the result (step-<N>.json) is written; default: <train dir>/eval.' }),
  datasetName: optionalStringOption({ flag: 'dataset_name', doc: "Name of the converted dataset; checked against --dataset_dir's manifest, or found under the service's datasets." }),
  datasetSplitName: enumOption({ flag: 'dataset_split_name', doc: 'Split to evaluate on.', default: DEFAULT_EVAL_SPLIT as SplitName, values: ['validation', 'train'] as const }),
  datasetDir: optionalStringOption({ flag: 'dataset_dir', doc: 'Folder of the converted dataset (shards, label.txt, manifest.json).' }),
  modelName: optionalStringOption({ flag: 'model_name', doc: "The network; default: the checkpoint's own (Finetune checkpoints record it), else inception_v3." }),
  preprocessingName: optionalStringOption({ flag: 'preprocessing_name', doc: `${preprocessingNames().join(', ')}; default: what the checkpoint records, else the network's own.` }),
  alphaBackground: optionalStringOption({ flag: 'alpha_background', doc: 'What transparent pixels are composited on: #rrggbb, white or black; default: what the checkpoint records, else white.' }),
  labelsOffset: intOption({ flag: 'labels_offset', doc: 'Subtracted from dataset labels (1 for ImageNet checkpoints with a background class).', default: 0, min: 0 }),
  batchSize: intOption({ flag: 'batch_size', doc: 'Images per forward pass.', default: DEFAULT_EVAL_BATCH_SIZE, min: 1 }),
  maxNumBatches: intOption({ flag: 'max_num_batches', doc: 'Evaluate at most this many batches; 0: the whole split once.', default: 0, min: 0 }),
  evalImageSize: intOption({ flag: 'eval_image_size', doc: "Side of the square input in pixels; 0: the size the checkpoint was trained at, else the network's default.", default: 0, min: 0 }),
  recallK: intOption({ flag: 'recall_k', doc: 'k of recall@k (clamped to the number of classes).', default: DEFAULT_RECALL_K, min: 1 }),
  engineWorkers: intOption({ flag: 'engine_workers', doc: 'Worker threads splitting each batch; 0: one per core on wasm and cpu (splits under 64 images run on one), 1 on TensorFlow. In-process runs only.', default: 0, min: 0 }),
  runtime: enumOption({ flag: 'runtime', doc: 'In-process runs: onnx runs the forward passes on ONNX Runtime (the checkpoint as an in-memory ONNX graph, about 5x the engine on a CPU); tfjs on the compute backend and its --engine_workers.', default: 'onnx', values: FORWARD_RUNTIMES }),
  movingAverageDecay: optionalNumberOption({
    flag: 'moving_average_decay',
    doc: 'The decay the checkpoint was trained with, in (0, 1): evaluate its moving averages (<var>/ExponentialMovingAverage) instead of its variables; unset: the variables.',
  }),
  reevaluate: booleanOption({ flag: 'reevaluate', doc: 'With --evaluator-address: evaluate even if the service has a result for this checkpoint.', default: false }),
  natsUrl: natsUrlOption,
  evaluatorAddress: optionalStringOption({ flag: 'evaluator-address', env: 'FINETUNE_EVALUATOR_ADDRESS', doc: 'host:port of an evaluator service to do the work; unset: in this process.' }),
  ...tlsOptions,
};

type Config = ConfigOf<typeof options>;

/** What both ways of evaluating print from. */
interface Report {
  checkpointPath: string;
  step: number;
  accuracy: number;
  recallAtK: number;
  loss: number;
  numExamples: number;
  perClass: Array<{ class_name: string; precision: number; recall: number; num_examples: number }>;
  confusion: { size: number; counts: number[] } | null;
  note: string;
}

export const evalCommand: Command = {
  name: 'eval',
  summary: 'accuracy and recall@k of a checkpoint on a dataset split (eval_image_classifier)',
  async run(argv) {
    if (argv.includes('--help')) {
      process.stdout.write(`usage: finetune eval --checkpoint_path=DIR|CKPT --dataset_dir=DIR [flags]\n\n${describeConfig(options)}\n`);
      return 0;
    }
    const config = parseConfig(options, argv, process.env);
    if (!config.checkpointPath) throw new UsageError('--checkpoint_path is required: a checkpoint prefix (model.ckpt-1000) or a train dir');
    const preprocessingName = config.preprocessingName ? parsePreprocessingName('--preprocessing_name', config.preprocessingName) : undefined;
    alphaBackgroundFlag(config.alphaBackground);
    const report = config.evaluatorAddress ? await evaluateRemote(config, config.evaluatorAddress) : await evaluateHere(config, preprocessingName);
    printReport(report, config.recallK);
    return 0;
  },
};

async function evaluateHere(config: Config, preprocessingName: PreprocessingName | undefined): Promise<Report> {
  if (!config.datasetDir) throw new UsageError('--dataset_dir is required: the folder of a converted dataset (finetune prepare writes one)');
  const backend = await initBackend();
  process.stderr.write(`compute backend: ${backend.name} (${backend.reason})\n`);
  const abort = new AbortController();
  const onSigint = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  try {
    const evaluation = await evaluateCheckpoint({
      checkpointPath: config.checkpointPath!,
      datasetDir: config.datasetDir,
      datasetName: config.datasetName,
      split: config.datasetSplitName,
      modelName: config.modelName,
      preprocessingName,
      alphaBackground: config.alphaBackground,
      imageSize: config.evalImageSize || undefined,
      batchSize: config.batchSize,
      k: config.recallK,
      labelsOffset: config.labelsOffset,
      maxNumBatches: config.maxNumBatches,
      signal: abort.signal,
      engineWorkers: config.engineWorkers,
      runtime: config.runtime,
      onnxThreads: cpuBudget(),
      movingAverageDecay: config.movingAverageDecay,
    });
    const trainDir = path.dirname(evaluation.checkpointPath);
    const evalDir = config.evalDir ? path.resolve(config.evalDir) : path.join(trainDir, EVAL_DIR_NAME);
    // Keep the job a service recorded for this step, so its ListEvaluations still finds the result.
    const previous = await readEvaluationRecord(evalDir, evaluation.step, evaluation.split).catch(() => undefined);
    const record = evaluatedRecord(evaluation, { jobId: previous?.job_id ?? '', trainDir });
    const file = await writeEvaluationRecord(evalDir, record);
    const cli = await openCliEvents(config.natsUrl);
    await cli.events.publish('evaluationDone', evaluationDoneEvent(record), evaluationDoneEventId(record)).finally(() => cli.close());
    const workers = evaluation.runtime === 'onnx' ? ' on ONNX Runtime' : evaluation.engineWorkers > 1 ? ` on ${evaluation.engineWorkers} engine workers` : '';
    const speed = `${evaluation.metrics.numExamples} images in ${evaluation.durationSecs.toFixed(1)} s (${evaluation.imagesPerSec.toFixed(1)} images/s${workers})`;
    return {
      checkpointPath: evaluation.checkpointPath,
      step: evaluation.step,
      accuracy: record.accuracy,
      recallAtK: record.recall_at_k,
      loss: record.loss,
      numExamples: record.num_examples,
      perClass: record.per_class,
      confusion: record.confusion_matrix,
      note: `${speed}${averagesNote(evaluation.movingAverageDecay)}${unreadAveragesNote(evaluation)}; written to ${file}`,
    };
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

async function evaluateRemote(config: Config, address: string): Promise<Report> {
  const given = path.resolve(config.checkpointPath!);
  const isDir = await stat(given).then((s) => s.isDirectory(), () => false);
  const request: evaluatorV1.EvaluateRequest = {
    ...(isDir ? { train_dir: given } : { checkpoint_path: given }),
    dataset_name: config.datasetName ?? '',
    dataset_dir: config.datasetDir ? path.resolve(config.datasetDir) : '',
    dataset_split_name: config.datasetSplitName,
    model_name: config.modelName ?? '',
    preprocessing_name: config.preprocessingName ?? '',
    alpha_background: config.alphaBackground ?? '',
    labels_offset: config.labelsOffset,
    eval_image_size: config.evalImageSize,
    batch_size: config.batchSize,
    max_num_batches: config.maxNumBatches,
    recall_k: config.recallK,
    reevaluate: config.reevaluate,
    ...(config.movingAverageDecay !== undefined && { moving_average_decay: config.movingAverageDecay }),
  };
  if (config.evalDir) process.stderr.write('--eval_dir is ignored with --evaluator-address: the service keeps results in <train dir>/eval\n');
  const client = new contracts.finetune.evaluator.v1.EvaluatorService(address, clientCredentials(config), clientOptions);
  try {
    const response = await new Promise<evaluatorV1.EvaluateResponse__Output>((resolve, reject) =>
      client.Evaluate(request, (err, res) => (err ? reject(describeGrpcError(err, address)) : resolve(res!))),
    );
    const e = response.evaluation!;
    if (!e.metrics) throw Object.assign(new Error(`${address}: ${e.checkpoint_path} was not evaluated: ${e.skip_reason}`), { kind: 'failed-precondition' });
    return {
      checkpointPath: e.checkpoint_path,
      step: Number(e.step),
      accuracy: e.metrics.accuracy,
      recallAtK: e.metrics.recall_at_k,
      loss: e.metrics.loss,
      numExamples: Number(e.metrics.num_examples),
      perClass: e.per_class.map((c) => ({ ...c, num_examples: Number(c.num_examples) })),
      confusion: e.confusion_matrix ? { size: e.confusion_matrix.size, counts: e.confusion_matrix.counts.map(Number) } : null,
      note: `${e.status === 'EVALUATION_STATUS_SKIPPED' ? `stored result: ${e.skip_reason}` : `evaluated by ${address} in ${e.duration_secs.toFixed(1)} s`}${averagesNote(e.moving_average_decay)}`,
    };
  } finally {
    client.close();
  }
}

/** Which weights the numbers are of, when not the variables. */
function averagesNote(decay: number | null | undefined): string {
  return decay == null ? '' : `, of the moving averages (--moving_average_decay=${decay})`;
}

/**
 * Without the flag the variables are evaluated, as in the reference, even of a job that kept averages; the evaluator's
 * automatic evaluations read those averages (evaluatedMovingAverageDecay), so say why the numbers may differ from its.
 */
function unreadAveragesNote(e: { movingAverageDecay?: number; trainedMovingAverageDecay?: number }): string {
  if (e.movingAverageDecay !== undefined || e.trainedMovingAverageDecay === undefined) return '';
  const flag = `--moving_average_decay=${e.trainedMovingAverageDecay}`;
  return `, of the variables: its training kept moving averages (${flag}), which the evaluator's automatic evaluations read; pass ${flag} to evaluate them`;
}

/** tf.Print of a float32 shows about six significant digits. */
const value = (x: number) => String(Number(x.toPrecision(6)));

function printReport(r: Report, requestedK: number): void {
  const out: string[] = [
    // The reference's names: Recall_5 even when 5 exceeds the classes (then every label is in the top k).
    `eval/Accuracy[${value(r.accuracy)}]`,
    `eval/Recall_${requestedK}[${value(r.recallAtK)}]`,
    `eval/Loss[${value(r.loss)}]`,
    '',
    `${r.checkpointPath} (step ${r.step}), ${r.numExamples} examples; ${r.note}`,
  ];
  if (r.perClass.length) {
    const width = Math.max(5, ...r.perClass.map((c) => c.class_name.length));
    out.push('', `${'class'.padEnd(width)}  precision  recall  examples`);
    for (const c of r.perClass) out.push(`${c.class_name.padEnd(width)}  ${c.precision.toFixed(4).padStart(9)}  ${c.recall.toFixed(4).padStart(6)}  ${String(c.num_examples).padStart(8)}`);
  }
  if (r.confusion && r.confusion.size <= 20) {
    out.push('', 'confusion matrix (row: true label, column: predicted)');
    for (let t = 0; t < r.confusion.size; t++) out.push(`  ${r.confusion.counts.slice(t * r.confusion.size, (t + 1) * r.confusion.size).map((n) => String(n).padStart(5)).join('')}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
