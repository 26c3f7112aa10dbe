// What serving predicts with: one exported version, loaded and warm, either on worker threads or in-process.
import { loadVerifiedModel, type VerifiedModel } from './load-model';
import { ModelWorkerPool, type ModelWorkerPoolOptions } from './model-worker-pool';
import { runLogits } from './run-logits';

export interface ModelPredictor {
  /** Worker threads predicting; 0 when the model runs on the calling thread. */
  readonly workers: number;
  /** Logits of each input (size·size·3 preprocessed each), in order. */
  predict(inputs: readonly Float32Array[]): Promise<Float32Array[]>;
  /** Frees the model (ends its workers); batches still running on workers fail. */
  dispose(): Promise<void>;
}

export interface ModelPredictorOptions extends Omit<ModelWorkerPoolOptions, 'workers'> {
  /** Worker threads; 0 runs the model on the calling thread, which blocks it while a batch computes. */
  workers: number;
}

/** Loads the version (in every worker, or here) and runs a warm-up prediction before returning. */
export async function startModelPredictor(model: VerifiedModel, options: ModelPredictorOptions): Promise<ModelPredictor> {
  if (options.workers > 0) {
    const pool = await ModelWorkerPool.start(model, options);
    return { workers: pool.size, predict: (inputs) => pool.predict(inputs), dispose: () => pool.dispose() };
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
    workers: 0,
    predict: (inputs) => runLogits(layers, inputs, size),
    dispose: async () => {
      layers.dispose();
    },
  };
}
