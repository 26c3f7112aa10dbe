// What `finetune classify --model_path` predicts with: an exported folder on ONNX Runtime or TF.js, or a bare TF.js model.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { PreprocessingName } from '@finetune/nets';
import { loadLocalModel, verifyModelVersion } from './load-model';
import { MODEL_METADATA_FILE, ONNX_MODEL_FILE, type ModelMetadata } from './model-metadata';
import { startModelPredictor, type ModelPredictor, type ServingRuntime } from './model-predictor';
import { runLogits } from './run-logits';

export interface LocalPredictor {
  predictor: ModelPredictor;
  imageSize: number;
  preprocessing: PreprocessingName;
  /** What transparent pixels are composited on, `#rrggbb`; undefined (a bare TF.js model, an older export): white. */
  alphaBackground?: string;
  /** Logits per image. */
  classes: number;
  /** From the metadata beside the model files; undefined for a bare TF.js model. */
  metadata?: ModelMetadata;
}

export interface LocalPredictorOptions {
  runtime: ServingRuntime;
  /** The compute backend's name, for TF.js. */
  backend: string;
  /** ONNX Runtime intra-op threads. @default the CPU budget */
  onnxThreads?: number;
}

/** The version folder of `modelPath` (a folder, or a file in it) when it has exported metadata. */
async function exportedDir(modelPath: string): Promise<string | undefined> {
  const s = await stat(modelPath).catch(() => undefined);
  if (!s) return undefined; // loadLocalModel names the missing path
  const dir = s.isDirectory() ? modelPath : path.dirname(modelPath);
  return (await stat(path.join(dir, MODEL_METADATA_FILE)).catch(() => undefined)) ? dir : undefined;
}

/** Opens a version folder (or a file in it) verified as for serving, on `runtime` where it has the files for it. */
export async function openLocalPredictor(modelPath: string, options: LocalPredictorOptions): Promise<LocalPredictor> {
  const dir = options.runtime === 'onnx' ? await exportedDir(modelPath) : undefined;
  if (dir) {
    // Every checksum (model.onnx's too) is verified before anything runs.
    const verified = await verifyModelVersion(dir);
    const { metadata } = verified;
    if (metadata.files[ONNX_MODEL_FILE]) {
      const predictor = await startModelPredictor(verified, { runtime: 'onnx', onnxThreads: options.onnxThreads, workers: 0, backend: options.backend, name: dir });
      return { predictor, imageSize: metadata.imageSize, preprocessing: metadata.preprocessing, alphaBackground: metadata.alphaBackground, classes: metadata.labels.length, metadata };
    }
  }
  const local = await loadLocalModel(modelPath);
  const size = local.imageSize;
  const predictor: ModelPredictor = {
    runtime: 'tfjs',
    workers: 0,
    predict: (inputs) => runLogits(local.model, inputs, size),
    dispose: async () => void local.model.dispose(),
  };
  return { predictor, imageSize: size, preprocessing: local.preprocessing, alphaBackground: local.metadata?.alphaBackground, classes: local.model.outputs[0]!.shape[1] as number, ...(local.metadata ? { metadata: local.metadata } : {}) };
}
