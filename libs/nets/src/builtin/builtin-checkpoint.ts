// The embedded default checkpoints: nsfwjs' Keras backbones served under TF-Slim names (`builtin:inception_v3`).
//
// Only the backbone is served. nsfwjs' own head (Dense 256-128-5 for NSFW classes) has no Slim
// counterpart, and Keras has no AuxLogits, so `<Net>/Logits` and `<Net>/AuxLogits` are absent: restore
// with them in --checkpoint_exclude_scopes (they start afresh, as when the class count changes).
import type * as tf from '@tensorflow/tfjs';
import type { CheckpointEntry, CheckpointSource } from '../checkpoint-source';
import { UnknownBuiltinError } from '../errors';
import type { NetDef, PreprocessingName } from '../net-def';
import { inceptionV3 } from '../nets/inception-v3';
import { mobilenetV2 } from '../nets/mobilenet-v2';
import { kerasToSlimNames } from './keras-to-slim';
import { loadNsfwjsArtifacts, type NsfwjsModel } from './nsfwjs-artifacts';
import { QuantizedWeights } from './quantized-weights';

export const BUILTIN_PREFIX = 'builtin:';

export interface BuiltinBackbone {
  net: NetDef;
  /** Input size the Keras model was built for (its weights do not depend on it). */
  imageSize: number;
  /** The Slim end point and the Keras layer that end the backbone, before global pooling. */
  slimEndPoint: string;
  kerasOutput: string;
  /** The input its weights were trained on: nsfwjs' classify() divides pixels by 255. */
  preprocessing: PreprocessingName;
}

/** Keyed by model name; the Keras models are nsfwjs 4.2.1's, built with keras 2.2.4. */
export const BUILTINS: Record<NsfwjsModel, BuiltinBackbone> = {
  inception_v3: { net: inceptionV3, imageSize: 299, slimEndPoint: 'Mixed_7c', kerasOutput: 'mixed10', preprocessing: 'unit' },
  mobilenet_v2: { net: mobilenetV2, imageSize: 224, slimEndPoint: 'layer_19', kerasOutput: 'out_relu', preprocessing: 'unit' },
};

/** The builtin checkpoint paths users can pass, e.g. `builtin:inception_v3`. */
export function builtinPaths(): string[] {
  return Object.keys(BUILTINS).map((name) => BUILTIN_PREFIX + name);
}

export function isBuiltin(path: string): boolean {
  return path.startsWith(BUILTIN_PREFIX);
}

/** The preprocessing the builtin weights at `path` were trained on; undefined for any other path. */
export function builtinPreprocessing(path: string): PreprocessingName | undefined {
  const name = path.slice(BUILTIN_PREFIX.length);
  return isBuiltin(path) && Object.hasOwn(BUILTINS, name) ? BUILTINS[name as NsfwjsModel].preprocessing : undefined;
}

/** nsfwjs' backbone for `model` as a checkpoint whose variables carry the Slim net's names. */
export async function builtinCheckpoint(model: NsfwjsModel): Promise<CheckpointSource> {
  return kerasBackboneCheckpoint(loadNsfwjsArtifacts(model), BUILTINS[model], BUILTIN_PREFIX + model);
}

/**
 * A Keras application's weights (tf.io artifacts, quantized or not) under the Slim names of `backbone`'s
 * net: the two graphs are walked in the same order up to the backbone's end, and shapes must agree.
 */
export function kerasBackboneCheckpoint(artifacts: tf.io.ModelArtifacts, backbone: BuiltinBackbone, path: string): CheckpointSource {
  const weightSpecs = artifacts.weightSpecs ?? [];
  const weights = new QuantizedWeights(weightSpecs, artifacts.weightData as ArrayBuffer);
  // The Slim net is built only to walk its graph; one class keeps its head small.
  const net = backbone.net.build({ numClasses: 1, imageSize: backbone.imageSize });
  let kerasNames: Map<string, string>;
  try {
    kerasNames = kerasToSlimNames(
      { topology: artifacts.modelTopology, output: backbone.kerasOutput, weightSpecs },
      net,
      backbone.slimEndPoint,
    );
  } finally {
    net.model.dispose();
  }
  const slimToKeras = new Map([...kerasNames].map(([keras, slim]) => [slim, keras]));
  const entries: CheckpointEntry[] = [...slimToKeras].map(([name, keras]) => ({
    name,
    shape: [...weights.spec(keras)!.shape],
    dtype: 'float32',
  }));
  return {
    path,
    list: () => entries.map((e) => ({ ...e, shape: [...e.shape] })),
    read: async (name) => {
      const keras = slimToKeras.get(name);
      if (!keras) throw new Error(`${path} has no variable ${name}`);
      return weights.read(keras);
    },
  };
}

/** Opens `builtin:<model>`; an unknown name is an UnknownBuiltinError listing the known ones. */
export async function openBuiltin(path: string): Promise<CheckpointSource> {
  const model = path.slice(BUILTIN_PREFIX.length);
  if (!isBuiltin(path) || !Object.hasOwn(BUILTINS, model)) throw new UnknownBuiltinError(path, builtinPaths());
  return builtinCheckpoint(model as NsfwjsModel);
}
