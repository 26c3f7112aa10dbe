// Builds a zoo net with a checkpoint's weights and keeps only its logits: the graph that gets exported.
import * as tf from '@tensorflow/tfjs';
import type { CheckpointReader } from '@finetune/checkpoint';
import { checkpointSource, getNet, movingAverageSource, restoreCheckpointNet } from '@finetune/nets';

export interface InferenceNetOptions {
  modelName: string;
  numClasses: number;
  imageSize: number;
  /** From the checkpoint's sidecar when the trainer recorded it; otherwise read off the variable shapes. */
  depthMultiplier?: number;
  /** Restore each variable from its moving average where the checkpoint has one (movingAverageSource). @default false */
  movingAverages?: boolean;
}

export interface InferenceNet {
  /** Input [batch, size, size, 3] preprocessed; output the logits [batch, numClasses]. */
  model: tf.LayersModel;
  depthMultiplier: number;
  /** Releases the full net's weights (the logits model shares them). */
  dispose(): void;
}

export async function restoreInferenceNet(reader: CheckpointReader, options: InferenceNetOptions): Promise<InferenceNet> {
  const source = options.movingAverages ? movingAverageSource(checkpointSource(reader)) : checkpointSource(reader);
  const { net, depthMultiplier } = await restoreCheckpointNet(getNet(options.modelName), source, options);
  // Aux logits (inception_v3) only help training; the served graph ends at the logits.
  const model = net.model.outputs.length > 1 ? tf.model({ name: net.model.name, inputs: net.model.inputs, outputs: net.model.outputs[0]! }) : net.model;
  return { model, depthMultiplier, dispose: () => net.model.dispose() };
}
