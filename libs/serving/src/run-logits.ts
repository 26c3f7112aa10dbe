// Runs a logits model on a batch of preprocessed images and returns one row of logits per image.
import * as tf from '@tensorflow/tfjs';

/** `inputs` are size·size·3 each; the batch is one tensor, so the backend sees one call. */
export async function runLogits(model: tf.LayersModel, inputs: readonly Float32Array[], size: number): Promise<Float32Array[]> {
  const pixels = size * size * 3;
  const batch = new Float32Array(inputs.length * pixels);
  inputs.forEach((input, i) => batch.set(input, i * pixels));
  const x = tf.tensor4d(batch, [inputs.length, size, size, 3]);
  const y = model.predict(x) as tf.Tensor;
  try {
    const data = (await y.data()) as Float32Array;
    const classes = data.length / inputs.length;
    return inputs.map((_, i) => data.slice(i * classes, (i + 1) * classes));
  } finally {
    x.dispose();
    y.dispose();
  }
}
