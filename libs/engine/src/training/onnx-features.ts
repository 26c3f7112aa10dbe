// The frozen part of a head-only or deeper-only job on ONNX Runtime: the net up to the split's boundary as an ONNX
// graph, whose outputs go into the feature cache that the trainable part, on tfjs, then trains from.
import type * as tf from '@tensorflow/tfjs';
import { featuresToOnnx, openOnnxRunner, type OnnxRunner } from '@finetune/onnx';
import type { FeatureWorkers } from '../parallel/feature-workers';
import type { FeatureCache } from './feature-cache';
import { InvalidBatchError, UnsupportedModelError } from './training-errors';

export interface OnnxFeaturesOptions {
  /** The net as the trainer holds it; its frozen weights are read when the graph is built (and rebuilt by load()). */
  model: tf.LayersModel;
  /** The split's boundary tensors as SplitSummary names them (`<layer>:<node>:<tensor>`), in cache order. */
  boundary: readonly string[];
  featureCache: FeatureCache;
  /** ORT intra-op threads: the process's CPU budget. */
  threads: number;
}

/** The symbolic tensor of `model` that a layer graph names `<layer>:<node>:<tensor>`. */
function boundaryTensor(model: tf.LayersModel, name: string): tf.SymbolicTensor {
  const [tensorIndex, nodeIndex] = name.split(':').reverse().map(Number);
  const layerName = name.slice(0, name.length - `:${nodeIndex}:${tensorIndex}`.length);
  const tensor = model.getLayer(layerName).inboundNodes[nodeIndex!]?.outputTensors[tensorIndex!];
  if (!tensor) throw new UnsupportedModelError(model.name, `has no tensor ${name} to compute features at`);
  return tensor;
}

/** Features of new examples computed on ONNX Runtime and cached; the same contract as the engine's feature workers. */
export async function startOnnxFeatures(o: OnnxFeaturesOptions): Promise<FeatureWorkers> {
  const tensors = o.boundary.map((name) => boundaryTensor(o.model, name));
  const boundaryShapes = tensors.map((t) => t.shape.slice(1).map((d) => d ?? 1));
  const perExample = boundaryShapes.map((s) => s.reduce((a, b) => a * b, 1));
  const [, h, w, c] = o.model.inputs[0]!.shape as number[];
  const perImage = h! * w! * c!;
  const open = async () => openOnnxRunner(featuresToOnnx(o.model, tensors, `${o.model.name}/frozen`), { threads: o.threads });
  let runner: OnnxRunner = await open();
  return {
    // The trainer's own thread; ORT's threads compute the features.
    workers: 1,
    boundaryShapes,
    async cache(images, count, exampleIds) {
      if (images.length !== count * perImage) {
        throw new InvalidBatchError('images', `${images.length} values for ${count} images of ${perImage} values (${count * perImage} expected)`);
      }
      if (exampleIds.length !== count) throw new InvalidBatchError('exampleIds', `${exampleIds.length} ids for ${count} examples`);
      const outputs = await runner.run(images, count);
      exampleIds.forEach((id, e) => o.featureCache.put(id, outputs.map((all, k) => all.slice(e * perExample[k]!, (e + 1) * perExample[k]!))));
    },
    // The model on this thread already holds the restored weights: the graph is rebuilt from it.
    async load() {
      const next = await open();
      await runner.release();
      runner = next;
    },
    dispose: () => runner.release(),
  };
}
