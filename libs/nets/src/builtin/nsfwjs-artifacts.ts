// Reads the Keras models that the installed nsfwjs package ships as JS modules, and serves them as tf.io artifacts.
//
// nsfwjs bundles each model as `model.min.js` (exports { modelTopology, weightsManifest }) and
// `group1-shardNofM.min.js` (exports the shard's bytes as one base64 string). They are loaded from
// node_modules at run time — never copied into the repo, never fetched — and their weights stay
// uint8-quantized here; tf.io's decodeWeights dequantizes with each entry's {min, scale}.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { NetsError } from '../errors';

/** The Keras models in nsfwjs/dist/models that serve as pretrained backbones. */
export type NsfwjsModel = 'inception_v3' | 'mobilenet_v2';

interface ModelModule {
  modelTopology: tf.io.ModelJSON['modelTopology'];
  weightsManifest: tf.io.WeightsManifestConfig;
}

const require = createRequire(import.meta.url);

/** dist/models of the installed package; the package's `exports` hide it, so resolve the entry and walk up. */
function modelsDir(): string {
  try {
    return path.resolve(path.dirname(require.resolve('nsfwjs')), '..', 'models');
  } catch (cause) {
    throw new NetsError('not-found', 'the builtin checkpoints need the npm package nsfwjs (4.2.1), which is not installed', { cause });
  }
}

/** Loads one bundled JS module and drops it from the require cache: the base64 text is tens of MB. */
function loadModule<T>(file: string): T {
  const resolved = require.resolve(file);
  try {
    return require(resolved) as T;
  } finally {
    delete require.cache[resolved];
  }
}

/** Topology, weight specs and the concatenated (still quantized) weight bytes of one nsfwjs model. */
export function loadNsfwjsArtifacts(model: NsfwjsModel): tf.io.ModelArtifacts {
  const dir = path.join(modelsDir(), model);
  const json = loadModule<ModelModule>(path.join(dir, 'model.min.js'));
  const shards: Buffer[] = [];
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const shard of group.paths) {
      const base64 = loadModule<unknown>(path.join(dir, `${shard}.min.js`));
      if (typeof base64 !== 'string') throw new Error(`${dir}/${shard}.min.js: expected a base64 string export`);
      shards.push(Buffer.from(base64, 'base64'));
    }
  }
  const bytes = Buffer.concat(shards);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { modelTopology: json.modelTopology, weightSpecs, weightData, format: 'layers-model' };
}

/** A tf.io handler for tf.loadLayersModel that reads the installed package, e.g. to run the original net. */
export function nsfwjsIOHandler(model: NsfwjsModel): tf.io.IOHandler {
  return { load: async () => loadNsfwjsArtifacts(model) };
}
