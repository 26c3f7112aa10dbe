// A dataset manifest as the contract's DatasetManifest message.
import type { datasetV1 } from '@finetune/contracts';
import type { LoadedManifest } from '@finetune/datasets';

export function manifestMessage(m: LoadedManifest): datasetV1.DatasetManifest {
  const createdMs = Date.parse(m.createdAt);
  return {
    dataset_name: m.datasetName,
    directory: m.dir,
    source_directory: m.source.trainDir,
    classes: m.classNames,
    splits: Object.entries(m.splits).map(([name, split]) => ({
      name,
      num_examples: split!.numImages,
      shards: split!.shards.map((s) => ({ file_name: s.file, size_bytes: s.bytes, sha256: s.sha256, num_examples: s.records })),
    })),
    created_at: { seconds: Math.floor(createdMs / 1000), nanos: (createdMs % 1000) * 1e6 },
  };
}
