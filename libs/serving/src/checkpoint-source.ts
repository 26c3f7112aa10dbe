// Adapts a checkpoint reader to the view restoring needs: float variables by Slim name.
import { readFloat32, type CheckpointReader } from '@finetune/checkpoint';
import type { CheckpointSource } from '@finetune/nets';

export function checkpointSource(reader: CheckpointReader): CheckpointSource {
  return {
    path: reader.path,
    list: () =>
      reader
        .list()
        .filter((v) => v.dtype !== 'unsupported')
        .map((v) => ({ name: v.name, shape: v.shape, dtype: v.dtype })),
    read: (name) => readFloat32(reader, name),
  };
}
