// TF1 FtrlOptimizer (ApplyFtrl, no l2 shrinkage): the new value is solved for, not stepped to.
import * as tf from '@tensorflow/tfjs';
import type { UpdateRule } from './update-rule';

export interface FtrlSettings {
  learningRatePower: number;
  initialAccumulatorValue: number;
  l1: number;
  l2: number;
}

/**
 * accum_new = accum + g^2; linear += g - (accum_new^-p - accum^-p)/lr * var;
 * quadratic = accum_new^-p/lr + 2*l2; var = |linear| > l1 ? (sign(linear)*l1 - linear)/quadratic : 0.
 * Slots `Ftrl` (accum) and `Ftrl_1` (linear).
 */
export function ftrlRule(s: FtrlSettings): UpdateRule {
  const p = s.learningRatePower;
  return {
    name: 'ftrl',
    slots: [
      { suffix: 'Ftrl', initialValue: s.initialAccumulatorValue },
      { suffix: 'Ftrl_1', initialValue: 0 },
    ],
    scalars: {},
    update(value, g, [accum, linear], lr) {
      const newAccum = tf.add(accum!, tf.square(g));
      const sigma = tf.div(tf.sub(tf.pow(newAccum, -p), tf.pow(accum!, -p)), lr);
      const newLinear = tf.sub(tf.add(linear!, g), tf.mul(sigma, value));
      const quadratic = tf.add(tf.div(tf.pow(newAccum, -p), lr), 2 * s.l2);
      const solved = tf.div(tf.sub(tf.mul(tf.sign(newLinear), s.l1), newLinear), quadratic);
      const newValue = tf.where(tf.greater(tf.abs(newLinear), s.l1), solved, tf.zerosLike(solved));
      return { value: newValue, slots: [newAccum, newLinear] };
    },
    advance: (scalars) => ({ ...scalars }),
  };
}
