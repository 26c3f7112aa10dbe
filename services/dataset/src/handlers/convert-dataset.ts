// ConvertDataset: a folder of images into TFRecord shards, streaming progress, then dataset.converted.
import path from 'node:path';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { datasetV1 } from '@finetune/contracts';
import { convertImageFolder, datasetConvertedEvent, datasetConvertedEventId, MANIFEST_FILE, type ConvertOptions } from '@finetune/datasets';
import type { EventPublisher } from '@finetune/events';
import { FinetuneError } from '@finetune/runtime';
import { publishFolder, type ArtifactStore, type ArtifactTransfer } from '@finetune/store';
import { manifestMessage } from '../manifest-message';

type Request = datasetV1.ConvertDatasetRequest__Output;
type Call = ServerWritableStream<Request, datasetV1.ConvertDatasetResponse>;

/** At most this many progress messages a second: a client wants a bar, not a flood. */
const PROGRESS_MESSAGES_PER_SEC = 10;

export function convertDataset(deps: { store: ArtifactStore; dataRoot: ArtifactStore; transfer: ArtifactTransfer; events: EventPublisher }) {
  return async (request: Request, call: Call): Promise<void> => {
    const started = Date.now();
    const abort = new AbortController();
    call.on('cancelled', () => abort.abort(new Error('client cancelled')));
    const options: ConvertOptions = {
      ...sourceOptions(request, deps.dataRoot),
      outputDir: request.output_directory
        ? deps.dataRoot.resolve('output_directory', request.output_directory)
        : path.join(deps.store.datasetsDir(), request.dataset_name || 'dataset'),
      datasetName: request.dataset_name || undefined,
      trainShards: request.train_shards || undefined,
      validationShards: request.validation_shards || undefined,
      numThreads: request.num_threads || undefined,
      skipInvalid: request.skip_invalid,
      overwrite: request.overwrite,
      dataRoot: deps.dataRoot.root,
      signal: abort.signal,
    };
    let lastSent = 0;
    options.onProgress = (p) => {
      const now = Date.now();
      if (p.done < p.total && now - lastSent < 1000 / PROGRESS_MESSAGES_PER_SEC) return;
      lastSent = now;
      call.write({ progress: { split_name: p.split, images_done: p.done, images_total: p.total } });
    };
    const { manifest, skipped } = await convertImageFolder(options);
    // Before dataset.converted: a trainer on another machine (--artifact-store nats) fetches it from there.
    await publishFolder(deps.transfer, deps.dataRoot, options.outputDir, MANIFEST_FILE);
    await deps.events.publish('datasetConverted', datasetConvertedEvent(manifest, skipped.length), datasetConvertedEventId(manifest));
    call.write({ result: { manifest: manifestMessage(manifest), skipped_images: skipped, elapsed_secs: (Date.now() - started) / 1000 } });
  };
}

function sourceOptions(request: Request, root: ArtifactStore): Pick<ConvertOptions, 'trainDir' | 'validationDir' | 'validationRatio' | 'seed'> {
  if (request.split_directories) {
    const s = request.split_directories;
    if (!s.train_directory) throw new FinetuneError('invalid-argument', 'split_directories.train_directory is empty: name the folder of class subfolders');
    return {
      trainDir: root.resolve('split_directories.train_directory', s.train_directory),
      validationDir: s.validation_directory ? root.resolve('split_directories.validation_directory', s.validation_directory) : undefined,
    };
  }
  if (request.ratio_split) {
    const r = request.ratio_split;
    if (!r.directory) throw new FinetuneError('invalid-argument', 'ratio_split.directory is empty: name the folder of class subfolders');
    return { trainDir: root.resolve('ratio_split.directory', r.directory), validationRatio: r.validation_ratio, seed: r.seed || undefined };
  }
  throw new FinetuneError('invalid-argument', 'source is missing: set split_directories or ratio_split');
}
