// Builds a zoo net with a checkpoint's weights and keeps only its logits: the graph that gets exported.
import * as tf from '@tensorflow/tfjs';
import type { CheckpointReader } from '@finetune/checkpoint';
import { getNet, restoreVariables, type Net, type NetDef } from '@finetune/nets';
import { checkpointSource } from './checkpoint-source';

/** Depth multipliers of published MobileNet checkpoints, tried when the checkpoint does not say. */
const DEPTH_MULTIPLIERS = [1, 0.75, 0.5, 0.35, 0.25, 1.4, 1.3];
/** Variable shapes do not depend on the input size, so candidates are built as small as every net allows. */
const PROBE_IMAGE_SIZES: Record<string, number> = { inception_v3: 107, vgg_16: 32, resnet_v1_50: 32, mobilenet_v1: 32, mobilenet_v2: 32 };

export interface InferenceNetOptions {
  modelName: string;
  numClasses: number;
  imageSize: number;
  /** From the checkpoint's sidecar when the trainer recorded it; otherwise read off the variable shapes. */
  depthMultiplier?: number;
}

export interface InferenceNet {
  /** Input [batch, size, size, 3] preprocessed; output the logits [batch, numClasses]. */
  model: tf.LayersModel;
  depthMultiplier: number;
  /** Releases the full net's weights (the logits model shares them). */
  dispose(): void;
}

function matches(net: Net, reader: CheckpointReader): boolean {
  for (const [name, variable] of net.variables) {
    if (!reader.has(name)) continue;
    const shape = reader.info(name).shape;
    if (shape.length !== variable.shape.length || shape.some((d, i) => d !== variable.shape[i])) return false;
  }
  return true;
}

/**
 * For checkpoints whose sidecar does not record a MobileNet's depth multiplier (TensorFlow's, or older
 * ones): it is read off the variable shapes, by building each published multiplier (tiny, weights only) until one fits.
 */
function inferDepthMultiplier(def: NetDef, reader: CheckpointReader, numClasses: number): number {
  for (const depthMultiplier of DEPTH_MULTIPLIERS) {
    let net: Net;
    try {
      net = def.build({ numClasses, imageSize: PROBE_IMAGE_SIZES[def.name] ?? def.defaultImageSize, depthMultiplier });
    } catch {
      return 1; // the net takes no multiplier
    }
    const fits = matches(net, reader);
    net.model.dispose();
    if (fits) return depthMultiplier;
  }
  return 1; // let restoring report the mismatch with its own, precise message
}

export async function restoreInferenceNet(reader: CheckpointReader, options: InferenceNetOptions): Promise<InferenceNet> {
  const def = getNet(options.modelName);
  const depthMultiplier = options.depthMultiplier ?? inferDepthMultiplier(def, reader, options.numClasses);
  const net = def.build({ numClasses: options.numClasses, imageSize: options.imageSize, ...(depthMultiplier !== 1 ? { depthMultiplier } : {}) });
  try {
    await restoreVariables(net, checkpointSource(reader), { headScopes: def.headScopes });
  } catch (err) {
    net.model.dispose();
    throw err;
  }
  // Aux logits (inception_v3) only help training; the served graph ends at the logits.
  const model = net.model.outputs.length > 1 ? tf.model({ name: net.model.name, inputs: net.model.inputs, outputs: net.model.outputs[0]! }) : net.model;
  return { model, depthMultiplier, dispose: () => net.model.dispose() };
}
