// Runs a logits model on a batch of preprocessed images and returns one row of logits per image.
import * as tf from '@tensorflow/tfjs';

/**
 * `batch` is `count` images of size·size·3, packed; the result is [count, classes] packed. The batch is one
 * tensor, so the backend sees one call.
 */
export async function runPackedLogits(model: tf.LayersModel, batch: Float32Array, count: number, size: number): Promise<Float32Array> {
  const x = tf.tensor4d(batch, [count, size, size, 3]);
  const y = model.predict(x) as tf.Tensor;
  try {
    return (await y.data()) as Float32Array;
  } finally {
    x.dispose();
    y.dispose();
  }
}

/** Packs `inputs` (size·size·3 each) into one batch and splits the logits back into one row per image. */
export async function runLogits(model: tf.LayersModel, inputs: readonly Float32Array[], size: number): Promise<Float32Array[]> {
  const data = await runPackedLogits(model, packImages(inputs, size), inputs.length, size);
  return splitRows(data, inputs.length);
}

/** `inputs` (size·size·3 each) as one packed batch. */
export function packImages(inputs: readonly Float32Array[], size: number): Float32Array {
  const pixels = size * size * 3;
  const batch = new Float32Array(inputs.length * pixels);
  inputs.forEach((input, i) => batch.set(input, i * pixels));
  return batch;
}

/** Packed [count, classes] logits as `count` rows (copies, so each row owns its memory). */
export function splitRows(data: Float32Array, count: number): Float32Array[] {
  const classes = data.length / count;
  return Array.from({ length: count }, (_, i) => data.slice(i * classes, (i + 1) * classes));
}
