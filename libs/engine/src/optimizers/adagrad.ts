// TF1 AdagradOptimizer (ApplyAdagrad): no epsilon; the accumulator starts at --adagrad_initial_accumulator_value.
import * as tf from '@tensorflow/tfjs';
import type { UpdateRule } from './update-rule';

/** accum += g^2; var -= lr*g/sqrt(accum). Slot `Adagrad`. */
export function adagradRule(initialAccumulatorValue: number): UpdateRule {
  return {
    name: 'adagrad',
    slots: [{ suffix: 'Adagrad', initialValue: initialAccumulatorValue }],
    scalars: {},
    update(value, g, [accum], lr) {
      const newAccum = tf.add(accum!, tf.square(g));
      return { value: tf.sub(value, tf.div(tf.mul(g, lr), tf.sqrt(newAccum))), slots: [newAccum] };
    },
    advance: (scalars) => ({ ...scalars }),
  };
}
