// Serving on ONNX Runtime: one session over a version's model.onnx, on ORT's own thread pool, so the event
// loop stays free while a batch computes and no worker thread holds a second copy of the weights.
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { ONNX_INPUT, ONNX_LOGITS, onnxSessionOptions } from '@finetune/onnx';
import { InvalidModelError } from '../errors';
import type { VerifiedModel } from '../load-model';
import { ONNX_MODEL_FILE } from '../model-metadata';
import { packImages, splitRows } from '../run-logits';

export interface OnnxPredictorOptions {
  /** ORT intra-op threads: the process's CPU budget, as every core then works on one batch. */
  threads: number;
}

/** An ORT session over one version, checked against its metadata. */
export interface OnnxSession {
  /** Logits of each input (size·size·3 preprocessed each), in order. */
  predict(inputs: readonly Float32Array[]): Promise<Float32Array[]>;
  release(): Promise<void>;
}

/**
 * Opens `<dir>/model.onnx` (its checksum already verified with the rest of the version) and runs one batch
 * of one image, so a file ORT cannot load or whose outputs do not fit the labels is refused here, by name.
 */
export async function openOnnxSession(model: VerifiedModel, options: OnnxPredictorOptions): Promise<OnnxSession> {
  const file = path.join(model.dir, ONNX_MODEL_FILE);
  const size = model.metadata.imageSize;
  const classes = model.metadata.labels.length;
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(file, onnxSessionOptions(options.threads));
  } catch (cause) {
    throw new InvalidModelError(file, `cannot be loaded by ONNX Runtime (${(cause as Error).message.split('\n')[0]}); export the version again, or serve its TF.js files with --runtime tfjs`, { cause });
  }
  const run = async (inputs: readonly Float32Array[]): Promise<Float32Array[]> => {
    const feed = new ort.Tensor('float32', packImages(inputs, size), [inputs.length, size, size, 3]);
    const out = await session.run({ [ONNX_INPUT]: feed }, [ONNX_LOGITS]);
    const logits = out[ONNX_LOGITS]!;
    try {
      return splitRows(logits.data as Float32Array, inputs.length);
    } finally {
      feed.dispose();
      logits.dispose();
    }
  };
  try {
    if (!session.inputNames.includes(ONNX_INPUT) || !session.outputNames.includes(ONNX_LOGITS)) {
      throw new Error(`takes ${session.inputNames.join(', ')} and gives ${session.outputNames.join(', ')}; expected ${ONNX_INPUT} and ${ONNX_LOGITS}`);
    }
    // The first run allocates and plans: do it before the version takes traffic.
    const [row] = await run([new Float32Array(size * size * 3)]);
    if (row!.length !== classes) throw new Error(`gives ${row!.length} logits but there are ${classes} labels`);
  } catch (cause) {
    await session.release();
    throw new InvalidModelError(file, `${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  return { predict: run, release: () => session.release() };
}
