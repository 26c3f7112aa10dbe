// A TensorFlow checkpoint reader as the view restoring needs: numeric variables, as float32, by Slim name.
import { readFloat32, type CheckpointReader } from '@finetune/checkpoint';
import type { CheckpointSource } from './checkpoint-source';

export function checkpointSource(reader: CheckpointReader): CheckpointSource {
  return {
    path: reader.path,
    // Only numeric variables can be weights; strings (e.g. a checkpointable object graph) are left out.
    list: () =>
      reader
        .list()
        .filter((v) => v.dtype !== 'string' && v.dtype !== 'unsupported')
        .map((v) => ({ name: v.name, shape: [...v.shape], dtype: v.dtype })),
    read: (name) => readFloat32(reader, name),
  };
}
