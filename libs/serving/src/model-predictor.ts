// What serving predicts with: one exported version, loaded and warm, on ONNX Runtime or TF.js (worker threads or in-process).
import { cpuBudget } from '@finetune/engine';
import { FORWARD_RUNTIMES, type ForwardRuntime } from '@finetune/onnx';
import { loadVerifiedModel, type VerifiedModel } from './load-model';
import { ONNX_MODEL_FILE } from './model-metadata';
import { ModelWorkerPool, type ModelWorkerPoolOptions } from './model-worker-pool';
import { openOnnxSession } from './onnx/onnx-predictor';
import { runLogits } from './run-logits';

/** What runs a version's graph: its model.onnx on ONNX Runtime, or its TF.js layers model. */
export const SERVING_RUNTIMES = FORWARD_RUNTIMES;
export type ServingRuntime = ForwardRuntime;

export interface ModelPredictor {
  /** The runtime it predicts on: `tfjs` also for `--runtime onnx` when the version has no model.onnx. */
  readonly runtime: ServingRuntime;
  /** Worker threads predicting; 0 when the model runs on the calling thread (or on ONNX Runtime's pool). */
  readonly workers: number;
  /** Logits of each input (size·size·3 preprocessed each), in order. */
  predict(inputs: readonly Float32Array[]): Promise<Float32Array[]>;
  /** Frees the model (ends its workers); batches still running on workers fail. */
  dispose(): Promise<void>;
}

export interface ModelPredictorOptions extends Omit<ModelWorkerPoolOptions, 'workers'> {
  /** TF.js worker threads; 0 runs the model on the calling thread, which blocks it while a batch computes. */
  workers: number;
  /**
   * `onnx`: the version's model.onnx on ONNX Runtime; a version exported before model.onnx existed runs on TF.js.
   * @default 'onnx'
   */
  runtime?: ServingRuntime;
  /** ONNX Runtime intra-op threads. @default the process's CPU budget (cpuBudget()) */
  onnxThreads?: number;
}

/** Loads the version (on ONNX Runtime, in every worker, or here) and runs a warm-up prediction before returning. */
export async function startModelPredictor(model: VerifiedModel, options: ModelPredictorOptions): Promise<ModelPredictor> {
  if ((options.runtime ?? 'onnx') === 'onnx' && model.metadata.files[ONNX_MODEL_FILE]) {
    const session = await openOnnxSession(model, { threads: options.onnxThreads ?? cpuBudget() });
    return { runtime: 'onnx', workers: 0, predict: (inputs) => session.predict(inputs), dispose: () => session.release() };
  }
  if (options.workers > 0) {
    const pool = await ModelWorkerPool.start(model, options);
    return { runtime: 'tfjs', workers: pool.size, predict: (inputs) => pool.predict(inputs), dispose: () => pool.dispose() };
  }
  const layers = await loadVerifiedModel(model);
  const size = model.metadata.imageSize;
  try {
    // The first run of a graph compiles kernels and allocates: do it before the version takes traffic.
    await runLogits(layers, [new Float32Array(size * size * 3)], size);
  } catch (err) {
    layers.dispose();
    throw err;
  }
  return {
    runtime: 'tfjs',
    workers: 0,
    predict: (inputs) => runLogits(layers, inputs, size),
    dispose: async () => {
      layers.dispose();
    },
  };
}
