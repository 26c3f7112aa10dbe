// One way in for pretrained weights, whatever their source: `builtin:<net>`, a TF.js layers model.json,
// or a TensorFlow checkpoint (V2 bundle, V1 file, or a train dir's newest) — all under Slim names.
import { openCheckpoint, readFloat32 } from '@finetune/checkpoint';
import type { CheckpointSource } from './checkpoint-source';
import { isBuiltin, openBuiltin } from './builtin/builtin-checkpoint';
import { isLayersArtifact, openLayersArtifact } from './builtin/layers-artifact';

export interface OpenedWeights extends CheckpointSource {
  /** Releases file handles; a no-op for sources held in memory. */
  close(): Promise<void>;
}

export async function openWeights(path: string): Promise<OpenedWeights> {
  if (isBuiltin(path)) return { ...(await openBuiltin(path)), close: async () => undefined };
  if (isLayersArtifact(path)) return { ...(await openLayersArtifact(path)), close: async () => undefined };
  const reader = await openCheckpoint(path);
  return {
    path: reader.path,
    // Only numeric variables can be weights; strings (e.g. a checkpointable object graph) are left out.
    list: () =>
      reader
        .list()
        .filter((v) => v.dtype !== 'string' && v.dtype !== 'unsupported')
        .map((v) => ({ name: v.name, shape: [...v.shape], dtype: v.dtype })),
    read: (name) => readFloat32(reader, name),
    close: () => reader.close(),
  };
}
