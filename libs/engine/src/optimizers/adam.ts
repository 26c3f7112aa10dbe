// TF1 AdamOptimizer: epsilon is added to sqrt(v) before bias correction of the step, unlike tfjs's adam.
import * as tf from '@tensorflow/tfjs';
import type { UpdateRule } from './update-rule';

export interface AdamSettings {
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * lr_t = lr*sqrt(1-beta2^t)/(1-beta1^t); m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2; var -= lr_t*m/(sqrt(v)+eps).
 * With the reference's epsilon of 1.0 this differs visibly from tfjs's lr*m_hat/(sqrt(v_hat)+eps).
 * `beta1_power`/`beta2_power` are TF's non-slot variables: beta^t, starting at beta (t = 1).
 */
export function adamRule(s: AdamSettings): UpdateRule {
  return {
    name: 'adam',
    slots: [
      { suffix: 'Adam', initialValue: 0 },
      { suffix: 'Adam_1', initialValue: 0 },
    ],
    scalars: { beta1_power: s.beta1, beta2_power: s.beta2 },
    update(value, g, [m, v], lr, scalars) {
      const beta1Power = scalars['beta1_power'] ?? s.beta1;
      const beta2Power = scalars['beta2_power'] ?? s.beta2;
      const lrT = (lr * Math.sqrt(1 - beta2Power)) / (1 - beta1Power);
      const newM = tf.add(tf.mul(m!, s.beta1), tf.mul(g, 1 - s.beta1));
      const newV = tf.add(tf.mul(v!, s.beta2), tf.mul(tf.square(g), 1 - s.beta2));
      const step = tf.div(tf.mul(newM, lrT), tf.add(tf.sqrt(newV), s.epsilon));
      return { value: tf.sub(value, step), slots: [newM, newV] };
    },
    advance: (scalars) => ({
      beta1_power: (scalars['beta1_power'] ?? s.beta1) * s.beta1,
      beta2_power: (scalars['beta2_power'] ?? s.beta2) * s.beta2,
    }),
  };
}
