// TF1 AdadeltaOptimizer (ApplyAdadelta): the learning rate still scales the step, as in TF (not Zeiler's lr = 1).
import * as tf from '@tensorflow/tfjs';
import type { UpdateRule } from './update-rule';

export interface AdadeltaSettings {
  rho: number;
  epsilon: number;
}

/**
 * accum = rho*accum + (1-rho)*g^2; update = sqrt(accum_update+eps)/sqrt(accum+eps)*g;
 * accum_update = rho*accum_update + (1-rho)*update^2; var -= lr*update.
 * Slots `Adadelta` (accum) and `Adadelta_1` (accum_update).
 */
export function adadeltaRule(s: AdadeltaSettings): UpdateRule {
  return {
    name: 'adadelta',
    slots: [
      { suffix: 'Adadelta', initialValue: 0 },
      { suffix: 'Adadelta_1', initialValue: 0 },
    ],
    scalars: {},
    update(value, g, [accum, accumUpdate], lr) {
      const newAccum = tf.add(tf.mul(accum!, s.rho), tf.mul(tf.square(g), 1 - s.rho));
      const update = tf.mul(tf.div(tf.sqrt(tf.add(accumUpdate!, s.epsilon)), tf.sqrt(tf.add(newAccum, s.epsilon))), g);
      const newAccumUpdate = tf.add(tf.mul(accumUpdate!, s.rho), tf.mul(tf.square(update), 1 - s.rho));
      return { value: tf.sub(value, tf.mul(update, lr)), slots: [newAccum, newAccumUpdate] };
    },
    advance: (scalars) => ({ ...scalars }),
  };
}
