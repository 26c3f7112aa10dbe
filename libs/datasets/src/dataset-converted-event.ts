// The dataset.converted event of a finished conversion: one builder for the dataset service and `finetune prepare`.
import { toTimestamp, type eventsV1 } from '@finetune/contracts';
import type { LoadedManifest } from './manifest';

export function datasetConvertedEvent(manifest: LoadedManifest, skipped: number, now = new Date()): eventsV1.DatasetConverted {
  return {
    dataset_name: manifest.datasetName,
    dataset_dir: manifest.dir,
    num_classes: manifest.numClasses,
    num_train_examples: manifest.splits.train?.numImages ?? 0,
    num_validation_examples: manifest.splits.validation?.numImages ?? 0,
    num_skipped_images: skipped,
    converted_at: toTimestamp(now),
  };
}

/** One event per written dataset, whoever publishes it and however often. */
export function datasetConvertedEventId(manifest: LoadedManifest): string {
  return `${manifest.dir}:${manifest.createdAt}`;
}
