// TF1 GradientDescentOptimizer: no state.
import * as tf from '@tensorflow/tfjs';
import type { UpdateRule } from './update-rule';

/** var -= lr*g. */
export function sgdRule(): UpdateRule {
  return {
    name: 'sgd',
    slots: [],
    scalars: {},
    update: (value, g, _slots, lr) => ({ value: tf.sub(value, tf.mul(g, lr)), slots: [] }),
    advance: (scalars) => ({ ...scalars }),
  };
}
