// finetune prepare: a folder of class subfolders into TFRecord shards, label.txt and a manifest,
// as the reference build_image_data.py; in-process, or through the dataset service with --dataset-address.
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { datasetV1 } from '@finetune/contracts';
import { closeIdleWorkers, convertImageFolder, datasetConvertedEvent, datasetConvertedEventId, DEFAULT_DATASET_NAME, DEFAULT_NUM_THREADS, DEFAULT_SEED, DEFAULT_TRAIN_SHARDS, DEFAULT_VALIDATION_SHARDS } from '@finetune/datasets';
import { booleanOption, describeConfig, intOption, numberOption, optionalStringOption, parseConfig, stringOption, tlsOptions } from '@finetune/runtime';
import { UsageError, type Command } from '../command';
import { clientCredentials, clientOptions, contracts, describeGrpcError } from '../grpc-client';
import { natsUrlOption, openCliEvents } from '../event-publisher';
import { createProgressBar } from '../progress-bar';

const options = {
  trainDirectory: optionalStringOption({ flag: 'train-directory', doc: 'Folder of class subfolders (-t); a folder holding train/ and validation/ works too.' }),
  validationDirectory: optionalStringOption({ flag: 'validation-directory', doc: 'Folder of class subfolders for validation.' }),
  outputDirectory: stringOption({ flag: 'output-directory', doc: 'Where shards, label.txt and manifest.json go (-o).', default: '' }),
  datasetName: stringOption({ flag: 'dataset-name', doc: 'Prefix of the shard names.', default: DEFAULT_DATASET_NAME }),
  trainShards: intOption({ flag: 'train-shards', doc: 'Number of train shards.', default: DEFAULT_TRAIN_SHARDS, min: 1 }),
  validationShards: intOption({ flag: 'validation-shards', doc: 'Number of validation shards.', default: DEFAULT_VALIDATION_SHARDS, min: 1 }),
  numThreads: intOption({ flag: 'num-threads', doc: 'Worker threads; must divide both shard counts.', default: DEFAULT_NUM_THREADS, min: 1 }),
  validationRatio: numberOption({ flag: 'validation-ratio', doc: 'Without a validation folder: the share of each class held out.', default: 0, min: 0, max: 0.99 }),
  seed: intOption({ flag: 'seed', doc: 'Seed of the split and the shuffle.', default: DEFAULT_SEED, min: 0 }),
  skipInvalid: booleanOption({ flag: 'skip-invalid', doc: 'Skip corrupt and non-image files instead of failing.', default: false }),
  overwrite: booleanOption({ flag: 'overwrite', doc: 'Replace a dataset of that name in the output folder.', default: false }),
  natsUrl: natsUrlOption,
  datasetAddress: optionalStringOption({ flag: 'dataset-address', env: 'FINETUNE_DATASET_ADDRESS', doc: 'host:port of a dataset service to do the work; unset: in this process.' }),
  ...tlsOptions,
};

const SHORT_FLAGS: Record<string, string> = { '-t': '--train-directory', '-v': '--validation-directory', '-o': '--output-directory' };

export const prepareCommand: Command = {
  name: 'prepare',
  summary: 'convert a folder of class subfolders into TFRecord shards (build_image_data)',
  async run(argv) {
    if (argv.includes('--help')) {
      process.stdout.write(`usage: finetune prepare -t pic/ [-o out/] [flags]\n\n${describeConfig(options)}\n`);
      return 0;
    }
    const config = parseConfig(options, argv.map((a) => SHORT_FLAGS[a] ?? a), process.env);
    if (!config.trainDirectory) throw new UsageError('--train-directory (-t) is required: the folder of class subfolders');
    const outputDirectory = config.outputDirectory || path.join(path.dirname(path.resolve(config.trainDirectory)), `${config.datasetName}-tfrecord`);
    const bar = createProgressBar();
    if (config.datasetAddress) return prepareRemote(config, outputDirectory, config.datasetAddress);
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort(new Error('interrupted')));
    const cli = await openCliEvents(config.natsUrl);
    try {
      const { manifest, skipped } = await convertImageFolder({
        trainDir: config.trainDirectory,
        validationDir: config.validationDirectory,
        outputDir: outputDirectory,
        datasetName: config.datasetName,
        trainShards: config.trainShards,
        validationShards: config.validationShards,
        numThreads: config.numThreads,
        validationRatio: config.validationRatio,
        seed: config.seed,
        skipInvalid: config.skipInvalid,
        overwrite: config.overwrite,
        signal: abort.signal,
        onProgress: (p) => bar.update(p.split, p.done, p.total),
      });
      bar.done();
      await cli.events.publish('datasetConverted', datasetConvertedEvent(manifest, skipped.length), datasetConvertedEventId(manifest));
      const splits = Object.entries(manifest.splits).map(([name, s]) => `${name} ${s!.numImages} images in ${s!.shards.length} shards`);
      process.stdout.write(`${manifest.datasetName}: ${manifest.numClasses} classes; ${splits.join('; ')}; skipped ${skipped.length}\n`);
      for (const s of skipped) process.stdout.write(`  skipped ${s.path}: ${s.reason}\n`);
      process.stdout.write(`written to ${manifest.dir} (manifest.json, label.txt)\n`);
      return 0;
    } finally {
      await closeIdleWorkers();
      await cli.close();
    }
  },
};

async function prepareRemote(config: ReturnType<typeof parseConfig<typeof options>>, outputDirectory: string, address: string): Promise<number> {
  const client = new contracts.finetune.dataset.v1.DatasetService(address, clientCredentials(config), clientOptions);
  const request: datasetV1.ConvertDatasetRequest = {
    ...(config.validationRatio > 0
      ? { ratio_split: { directory: path.resolve(config.trainDirectory!), validation_ratio: config.validationRatio, seed: config.seed } }
      : { split_directories: { train_directory: path.resolve(config.trainDirectory!), validation_directory: config.validationDirectory ? path.resolve(config.validationDirectory) : '' } }),
    output_directory: config.outputDirectory ? path.resolve(outputDirectory) : '',
    dataset_name: config.datasetName,
    train_shards: config.trainShards,
    validation_shards: config.validationShards,
    num_threads: config.numThreads,
    skip_invalid: config.skipInvalid,
    overwrite: config.overwrite,
  };
  const bar = createProgressBar();
  const call = client.ConvertDataset(request);
  try {
    for await (const update of call as AsyncIterable<datasetV1.ConvertDatasetResponse__Output>) {
      if (update.progress) bar.update(update.progress.split_name, Number(update.progress.images_done), Number(update.progress.images_total));
      if (update.result) {
        bar.done();
        const m = update.result.manifest!;
        process.stdout.write(`${m.dataset_name}: ${m.classes.length} classes; ${m.splits.map((s) => `${s.name} ${s.num_examples} images`).join('; ')}\n`);
        process.stdout.write(`written to ${m.directory} (manifest.json, label.txt)\n`);
      }
    }
    return 0;
  } catch (err) {
    throw describeGrpcError(err as grpc.ServiceError, address);
  } finally {
    client.close();
  }
}
