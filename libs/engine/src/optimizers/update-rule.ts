// One TF1 optimizer as data: its slots (TF names, initial values), shared scalars and the per-variable update.
import type * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from './optimizer';

export interface SlotSpec {
  /** What TF appends to the variable name: the first slot of RMSProp is `RMSProp`, the second `RMSProp_1`. */
  suffix: string;
  /** TF's initial value (RMSProp's ms starts at 1, Adagrad's accumulator at 0.1, the rest at 0). */
  initialValue: number;
}

export interface UpdateResult {
  value: tf.Tensor;
  /** New slot values in the order of `UpdateRule.slots`. */
  slots: tf.Tensor[];
}

export interface UpdateRule {
  readonly name: OptimizerName;
  readonly slots: readonly SlotSpec[];
  /** Non-slot scalars shared by all variables (Adam's `beta1_power`), with their initial values. */
  readonly scalars: Readonly<Record<string, number>>;
  /** The new value and slots of one variable. Runs inside tf.tidy; `scalars` are the values before this step. */
  update(
    value: tf.Tensor,
    gradient: tf.Tensor,
    slots: readonly tf.Tensor[],
    learningRate: number,
    scalars: Readonly<Record<string, number>>,
  ): UpdateResult;
  /** The shared scalars after a step, once every variable has been updated (TF's `_finish`). */
  advance(scalars: Readonly<Record<string, number>>): Record<string, number>;
}
