// TF1 MomentumOptimizer (use_nesterov=False): the accumulator holds gradients, the learning rate scales the step.
import * as tf from '@tensorflow/tfjs';
import type { UpdateRule } from './update-rule';

/** accum = momentum*accum + g; var -= lr*accum. Slot `Momentum`. */
export function momentumRule(momentum: number): UpdateRule {
  return {
    name: 'momentum',
    slots: [{ suffix: 'Momentum', initialValue: 0 }],
    scalars: {},
    update(value, g, [accum], lr) {
      const newAccum = tf.add(tf.mul(accum!, momentum), g);
      return { value: tf.sub(value, tf.mul(newAccum, lr)), slots: [newAccum] };
    },
    advance: (scalars) => ({ ...scalars }),
  };
}
