// The export's `model.onnx`: the served graph for ONNX Runtime and any other ONNX consumer, batch norms folded.
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { PreprocessingName } from '@finetune/nets';
import { encodeOnnxModel, foldedOnnx } from '@finetune/onnx';
import { ONNX_MODEL_FILE } from '../model-metadata';
import { writeFileSynced } from '@finetune/runtime/atomic-write';

/** What the graph leaves outside and a user of the file alone needs: recorded as its metadata_props. */
export interface OnnxModelInfo {
  servedModelName: string;
  modelName: string;
  labels: string[];
  imageSize: number;
  preprocessing: PreprocessingName;
  /** What transparent pixels are composited on before preprocessing, `#rrggbb`. */
  alphaBackground: string;
}

/**
 * Writes `<dir>/model.onnx` for `model` (input [batch, size, size, 3] preprocessed, first output the logits).
 * An unfolded model is folded first, so the file never carries batch norms.
 */
export async function writeOnnxModel(model: tf.LayersModel, dir: string, info: OnnxModelInfo, options: { batchNormsFolded: boolean }): Promise<string> {
  const onnx = await foldedOnnx(model, {
    alreadyFolded: options.batchNormsFolded,
    name: info.servedModelName,
    metadata: {
      model_name: info.modelName,
      image_size: String(info.imageSize),
      preprocessing: info.preprocessing,
      alpha_background: info.alphaBackground,
      labels: JSON.stringify(info.labels),
    },
  });
  const file = path.join(dir, ONNX_MODEL_FILE);
  await writeFileSynced(file, encodeOnnxModel(onnx).parts);
  return file;
}
