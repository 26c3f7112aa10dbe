// Checks a training batch against the model before any work: image shape, label range, example ids.
import * as tf from '@tensorflow/tfjs';
import { InvalidBatchError } from './training-errors';

/** Labels as int32 values, each checked to be a class index. */
export async function readLabels(
  labels: Int32Array | tf.Tensor1D,
  batchSize: number,
  numClasses: number,
): Promise<Int32Array> {
  const values = labels instanceof Int32Array ? labels : Int32Array.from(await labels.data());
  if (values.length !== batchSize) {
    throw new InvalidBatchError('labels', `${values.length} labels for ${batchSize} examples`);
  }
  values.forEach((label, i) => {
    if (!(label >= 0 && label < numClasses)) {
      throw new InvalidBatchError(`labels[${i}]`, `${label} is not a class index in [0, ${numClasses})`);
    }
  });
  return values;
}

/** `images` must be [batch, height, width, channels] with the model's static sizes. */
export function checkImages(images: tf.Tensor, inputShape: readonly (number | null)[]): number {
  if (images.rank !== 4) throw new InvalidBatchError('images', `rank ${images.rank}; [batch, height, width, channels] expected`);
  inputShape.slice(1).forEach((expected, i) => {
    const actual = images.shape[i + 1];
    if (expected !== null && actual !== expected) {
      throw new InvalidBatchError(
        'images',
        `shape [${images.shape.join(',')}] does not fit the model input [batch,${inputShape.slice(1).join(',')}]`,
      );
    }
  });
  if (images.dtype !== 'float32') throw new InvalidBatchError('images', `dtype ${images.dtype}; float32 expected`);
  const batch = images.shape[0] ?? 0;
  if (batch < 1) throw new InvalidBatchError('images', 'an empty batch');
  return batch;
}

export function checkExampleIds(ids: readonly string[] | undefined, batchSize: number): void {
  if (ids && ids.length !== batchSize) {
    throw new InvalidBatchError('exampleIds', `${ids.length} ids for ${batchSize} examples`);
  }
}
