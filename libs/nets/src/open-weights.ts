// One way in for pretrained weights, whatever their source: `builtin:<net>`, a TF.js layers model.json,
// or a TensorFlow checkpoint (V2 bundle, V1 file, or a train dir's newest) — all under Slim names.
import { openCheckpoint } from '@finetune/checkpoint';
import type { CheckpointSource } from './checkpoint-source';
import { isBuiltin, openBuiltin } from './builtin/builtin-checkpoint';
import { isLayersArtifact, openLayersArtifact } from './builtin/layers-artifact';
import { checkpointSource } from './reader-source';

export interface OpenedWeights extends CheckpointSource {
  /** Releases file handles; a no-op for sources held in memory. */
  close(): Promise<void>;
}

export async function openWeights(path: string): Promise<OpenedWeights> {
  if (isBuiltin(path)) return { ...(await openBuiltin(path)), close: async () => undefined };
  if (isLayersArtifact(path)) return { ...(await openLayersArtifact(path)), close: async () => undefined };
  const reader = await openCheckpoint(path);
  return { ...checkpointSource(reader), close: () => reader.close() };
}
