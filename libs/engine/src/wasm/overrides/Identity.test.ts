// Identity and same-dtype Cast on wasm share the input's data by reference: values, dtypes and lifetimes must stay
// independent.
import * as tf from '@tensorflow/tfjs';
import { Cast, Identity, engine } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu } from '../../testing';

describe('wasm Identity', () => {
  beforeAll(async () => {
    await initWasmAndCpu();
    await tf.setBackend('wasm');
  });

  it('wasm Identity - the copy keeps its values after the original is disposed, for every numeric dtype', () => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      const x = tf.tensor([1, 0, 3, 4], [2, 2], dtype);
      const copy = engine().runKernel(Identity, { x }) as tf.Tensor;
      const expected = Array.from(x.dataSync());
      x.dispose();
      expect(copy.dtype).toBe(dtype);
      expect(copy.shape).toEqual([2, 2]);
      expect(Array.from(copy.dataSync()), dtype).toEqual(expected);
      copy.dispose();
    }
  });

  it('wasm Identity - the wasm heap frees the data once both tensors are gone', () => {
    const before = tf.memory().numBytes;
    const x = tf.ones([64, 64]);
    const copy = tf.clone(x);
    copy.dispose();
    expect(Array.from(x.dataSync().slice(0, 2))).toEqual([1, 1]);
    x.dispose();
    expect(tf.memory().numBytes).toBe(before);
  });

  it('wasm Identity - a Cast to the same dtype shares the data, a real conversion still converts', () => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      const x = tf.tensor([1, 0, 3, 4], [4], dtype);
      const same = engine().runKernel(Cast, { x }, { dtype }) as tf.Tensor;
      const expected = Array.from(x.dataSync());
      x.dispose();
      expect(same.dtype).toBe(dtype);
      expect(Array.from(same.dataSync()), dtype).toEqual(expected);
      same.dispose();
    }
    const mask = tf.tensor([true, false, true], [3], 'bool');
    const floats = tf.cast(mask, 'float32');
    expect(floats.dtype).toBe('float32');
    expect(Array.from(floats.dataSync())).toEqual([1, 0, 1]);
    tf.dispose([mask, floats]);
  });

  it('wasm Identity - strings still go through the stock kernel', () => {
    const x = tf.tensor(['a', 'b']);
    const copy = tf.clone(x);
    x.dispose();
    expect(copy.arraySync()).toEqual(['a', 'b']);
    copy.dispose();
  });
});
