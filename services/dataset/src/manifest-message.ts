// A dataset manifest as the contract's DatasetManifest message.
import { toTimestamp, type datasetV1 } from '@finetune/contracts';
import type { LoadedManifest } from '@finetune/datasets';

export function manifestMessage(m: LoadedManifest): datasetV1.DatasetManifest {
  return {
    dataset_name: m.datasetName,
    directory: m.dir,
    source_directory: m.source.trainDir,
    classes: m.classNames,
    splits: Object.entries(m.splits).map(([name, split]) => ({
      name,
      num_examples: split!.numImages,
      num_examples_per_class: split!.numImagesPerClass ?? [],
      shards: split!.shards.map((s) => ({ file_name: s.file, size_bytes: s.bytes, sha256: s.sha256, num_examples: s.records })),
    })),
    created_at: toTimestamp(m.createdAt),
  };
}
