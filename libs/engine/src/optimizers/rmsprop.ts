// TF1 RMSPropOptimizer (ApplyRMSProp, centered=False). tfjs's rmsprop starts ms at 0, TF1 at 1, so it is written here.
import * as tf from '@tensorflow/tfjs';
import type { UpdateRule } from './update-rule';

export interface RmspropSettings {
  decay: number;
  momentum: number;
  epsilon: number;
}

/**
 * ms = decay*ms + (1-decay)*g^2; mom = momentum*mom + lr*g/sqrt(ms+eps); var -= mom.
 * Slot `RMSProp` is ms (initialised to ones, as TF1 does), `RMSProp_1` the momentum.
 */
export function rmspropRule(s: RmspropSettings): UpdateRule {
  return {
    name: 'rmsprop',
    slots: [
      { suffix: 'RMSProp', initialValue: 1 },
      { suffix: 'RMSProp_1', initialValue: 0 },
    ],
    scalars: {},
    update(value, g, [ms, mom], lr) {
      const newMs = tf.add(tf.mul(ms!, s.decay), tf.mul(tf.square(g), 1 - s.decay));
      const newMom = tf.add(tf.mul(mom!, s.momentum), tf.div(tf.mul(g, lr), tf.sqrt(tf.add(newMs, s.epsilon))));
      return { value: tf.sub(value, newMom), slots: [newMs, newMom] };
    },
    advance: (scalars) => ({ ...scalars }),
  };
}
