// A classifier's ONNX model with its batch norms folded into the convolutions first: what export writes and what
// evaluation runs, so the two see the same graph.
import type * as tf from '@tensorflow/tfjs';
import { foldBatchNorm } from '@finetune/nets';
import { layersToOnnx, type LayersToOnnxOptions } from './layers-to-onnx';
import type { OnnxModel } from './onnx-model';

/** layersToOnnx of `model` folded (`alreadyFolded`: as it is); `model` is left unchanged. */
export async function foldedOnnx(model: tf.LayersModel, options: LayersToOnnxOptions & { alreadyFolded?: boolean }): Promise<OnnxModel> {
  const { alreadyFolded, ...onnxOptions } = options;
  const folded = alreadyFolded ? undefined : await foldBatchNorm(model);
  try {
    return layersToOnnx(folded?.model ?? model, onnxOptions);
  } finally {
    folded?.model.dispose();
  }
}
