// The tape matmul against tf.matMul: same products and gradients on both of its paths.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tapeMatMul } from './tape-matmul';
import { maxAbsDiff } from './testing';

describe('tape matmul', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  // [2, 30] x [30, 20]: 2·50 < 600 takes the small-batch gradient; [40, 30] x [30, 20] the standard one.
  for (const rows of [2, 40]) {
    it(`tape matmul - ${rows} rows: product and both gradients equal tf.matMul's`, () => {
      const x = tf.randomUniform([rows, 30], -1, 1, 'float32', rows);
      const w = tf.randomUniform([30, 20], -1, 1, 'float32', rows + 1);
      const target = tf.randomUniform([rows, 20], -1, 1, 'float32', rows + 2);
      const loss = (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => () => tf.sum(tf.square(tf.sub(f(x, w), target))) as tf.Scalar;
      const ours = tf.engine().gradients(loss(tapeMatMul), [x, w]);
      const theirs = tf.engine().gradients(loss((a, b) => tf.matMul(a, b)), [x, w]);
      expect(Math.abs(ours.value.dataSync()[0]! - theirs.value.dataSync()[0]!)).toBeLessThan(1e-3);
      ours.grads.forEach((g, i) => expect(maxAbsDiff(g, theirs.grads[i]!)).toBeLessThan(1e-4));
      tf.dispose([x, w, target, ours.value, theirs.value, ...ours.grads, ...theirs.grads]);
    });
  }
});
