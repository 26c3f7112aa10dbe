// finetune export: a checkpoint of a train dir becomes the next version of a served model, as the
// reference export_inference_graph.py + freeze_graph; in-process, or through the exporter with --exporter-address.
import path from 'node:path';
import type { exporterV1 } from '@finetune/contracts';
import { initBackend } from '@finetune/engine';
import { booleanOption, describeConfig, intOption, optionalNumberOption, optionalStringOption, parseConfig, stringOption, tlsOptions } from '@finetune/runtime';
import { exportedModelMessage, exportModel, modelExportedEvent, modelExportedEventId, type CheckpointSelection } from '@finetune/serving';
import { UsageError, type Command } from '../command';
import { natsUrlOption, openCliEvents } from '../event-publisher';
import { clientCredentials, clientOptions, contracts, describeGrpcError } from '../grpc-client';

const options = {
  trainDir: stringOption({ flag: 'train_dir', doc: 'Train dir holding the checkpoints (and the evaluator\'s eval/).', default: '' }),
  checkpointPath: optionalStringOption({ flag: 'checkpoint_path', doc: 'Export this checkpoint prefix instead of choosing one from --train_dir.' }),
  step: intOption({ flag: 'step', doc: 'Export the checkpoint of this step; -1: the newest.', default: -1, min: -1 }),
  best: booleanOption({ flag: 'best', doc: 'Export the checkpoint with the best evaluation accuracy.', default: false }),
  modelName: stringOption({ flag: 'model_name', doc: 'The network, e.g. mobilenet_v2.', default: '' }),
  datasetDir: optionalStringOption({ flag: 'dataset_dir', doc: "The dataset trained on: its manifest names the served model; its label.txt is used if the checkpoint records no labels." }),
  outputDir: stringOption({ flag: 'output_dir', doc: 'Root of the model repository; the model goes to <output_dir>/<served_model_name>/<version>.', default: '' }),
  servedModelName: optionalStringOption({ flag: 'served_model_name', doc: "Name the model is served under; unset: the dataset's name (--dataset_dir's manifest), else --model_name." }),
  imageSize: intOption({ flag: 'image_size', doc: 'Side of the square input in pixels; 0: the size the checkpoint was trained at.', default: 0, min: 0 }),
  preprocessingName: optionalStringOption({ flag: 'preprocessing_name', doc: 'Preprocessing of the served model; unset: the one the checkpoint was trained with.' }),
  alphaBackground: optionalStringOption({ flag: 'alpha_background', doc: 'What transparent pixels are composited on: #rrggbb, white or black; unset: what the checkpoint was trained with, else white.' }),
  labelsFile: optionalStringOption({ flag: 'labels_file', doc: "Labels, one a line, instead of the checkpoint's." }),
  jobId: stringOption({ flag: 'job_id', doc: 'Training job to record on the model.', default: '' }),
  movingAverageDecay: optionalNumberOption({
    flag: 'moving_average_decay',
    doc: 'The decay the checkpoint was trained with, in (0, 1): export its moving averages (<var>/ExponentialMovingAverage) instead of its variables; unset: the variables.',
  }),
  natsUrl: natsUrlOption,
  exporterAddress: optionalStringOption({ flag: 'exporter-address', env: 'FINETUNE_EXPORTER_ADDRESS', doc: 'host:port of an exporter service to do the work; unset: in this process.' }),
  ...tlsOptions,
};
type Config = ReturnType<typeof parseConfig<typeof options>>;

function chooseSelection(config: Config): CheckpointSelection {
  if ([config.checkpointPath !== undefined, config.step >= 0, config.best].filter(Boolean).length > 1) {
    throw new UsageError('give at most one of --checkpoint_path, --step and --best');
  }
  if (config.checkpointPath) return { kind: 'path', path: path.resolve(config.checkpointPath) };
  if (config.step >= 0) return { kind: 'step', step: config.step };
  return config.best ? { kind: 'best-accuracy' } : { kind: 'newest' };
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'export a checkpoint as a frozen, versioned served model (export_inference_graph + freeze_graph)',
  async run(argv) {
    if (argv.includes('--help')) {
      process.stdout.write(`usage: finetune export --train_dir DIR [--checkpoint_path FILE] --model_name NAME --dataset_dir DIR --output_dir DIR\n\n${describeConfig(options)}\n`);
      return 0;
    }
    const config = parseConfig(options, argv, process.env);
    if (!config.modelName) throw new UsageError('--model_name is required, e.g. --model_name=mobilenet_v2');
    if (!config.trainDir && !config.checkpointPath) throw new UsageError('--train_dir (or --checkpoint_path) is required: where the checkpoints are');
    if (!config.outputDir && !config.exporterAddress) throw new UsageError('--output_dir is required: the root of the model repository');
    const selection = chooseSelection(config);
    if (config.exporterAddress) return exportRemote(config, selection, config.exporterAddress);

    await initBackend();
    const result = await exportModel({
      trainDir: config.trainDir ? path.resolve(config.trainDir) : '',
      selection,
      modelName: config.modelName,
      datasetDir: config.datasetDir ? path.resolve(config.datasetDir) : undefined,
      imageSize: config.imageSize || undefined,
      preprocessingName: config.preprocessingName,
      alphaBackground: config.alphaBackground,
      labelsFile: config.labelsFile ? path.resolve(config.labelsFile) : undefined,
      repository: path.resolve(config.outputDir),
      servedModelName: config.servedModelName,
      jobId: config.jobId,
      movingAverageDecay: config.movingAverageDecay,
    });
    const m = result.metadata;
    // With NATS configured, inference replicas load the new version as they do for the exporter service's.
    const cli = await openCliEvents(config.natsUrl);
    const model = exportedModelMessage(m, result.dir, result.sizeBytes);
    await cli.events.publish('modelExported', modelExportedEvent(model), modelExportedEventId(result.dir, m.sha256)).finally(() => cli.close());
    printExported(model);
    return 0;
  },
};

async function exportRemote(config: Config, selection: CheckpointSelection, address: string): Promise<number> {
  if (selection.kind === 'path') throw new UsageError('--checkpoint_path works in this process only; with --exporter-address choose by --step or --best');
  const client = new contracts.finetune.exporter.v1.ExporterService(address, clientCredentials(config), clientOptions);
  const request: exporterV1.ExportRequest = {
    train_dir: path.resolve(config.trainDir),
    job_id: config.jobId,
    selector: selection.kind === 'step' ? 'CHECKPOINT_SELECTOR_STEP' : selection.kind === 'best-accuracy' ? 'CHECKPOINT_SELECTOR_BEST_ACCURACY' : 'CHECKPOINT_SELECTOR_NEWEST',
    step: selection.kind === 'step' ? selection.step : 0,
    model_name: config.modelName,
    dataset_dir: config.datasetDir ? path.resolve(config.datasetDir) : '',
    image_size: config.imageSize,
    output_directory: config.outputDir ? path.resolve(config.outputDir) : '',
    served_model_name: config.servedModelName ?? '',
    preprocessing_name: config.preprocessingName ?? '',
    alpha_background: config.alphaBackground ?? '',
    labels_file: config.labelsFile ? path.resolve(config.labelsFile) : '',
    ...(config.movingAverageDecay !== undefined && { moving_average_decay: config.movingAverageDecay }),
  };
  try {
    const response = await new Promise<exporterV1.ExportResponse__Output>((resolve, reject) => client.Export(request, (err, res) => (err ? reject(describeGrpcError(err, address)) : resolve(res!))));
    const m = response.model!;
    printExported(m);
    return 0;
  } finally {
    client.close();
  }
}

/** The same lines whether this process or the exporter service wrote the version. */
function printExported(m: exporterV1.ExportedModel | exporterV1.ExportedModel__Output): void {
  const input = m.input;
  const preprocessing = String(input?.preprocessing ?? '').replace('PREPROCESSING_', '').toLowerCase();
  process.stdout.write(`exported ${m.name} version ${m.version} to ${m.path}\n`);
  process.stdout.write(`  checkpoint ${m.source_checkpoint?.path_prefix} (step ${m.source_checkpoint?.step}), ${m.labels?.length ?? 0} labels, input ${input?.height_px}x${input?.width_px}, ${preprocessing} preprocessing, alpha on ${input?.alpha_background || 'white'}\n`);
  if (m.moving_average_decay != null) process.stdout.write(`  weights: the checkpoint's moving averages (moving_average_decay ${m.moving_average_decay})\n`);
  if (m.metrics) process.stdout.write(`  accuracy ${Number(m.metrics.accuracy).toFixed(4)}, recall@${m.metrics.k} ${Number(m.metrics.recall_at_k).toFixed(4)}\n`);
  process.stdout.write(`  sha256 ${m.sha256}\n`);
}
