// The optimizer contract of the training engine: TF1 update rules with TF-named, exportable state.
import type * as tf from '@tensorflow/tfjs';

/** The names --optimizer accepts, as in TF-Slim's train_image_classifier. */
export type OptimizerName = 'adadelta' | 'adagrad' | 'adam' | 'ftrl' | 'momentum' | 'rmsprop' | 'sgd';

/** A trained variable as the optimizer sees it: its checkpoint name and its value. */
export interface ParameterHandle {
  /** The TF-Slim variable name, e.g. 'MobilenetV2/Logits/Conv2d_1c_1x1/weights'; slots are named after it. */
  readonly name: string;
  read(): tf.Tensor;
  /** Replaces the value; the caller keeps ownership of `value`. */
  write(value: tf.Tensor): void;
}

/**
 * A variable's gradient, or a function that makes it when that variable's turn comes; the optimizer disposes
 * what a function made once it is applied, so a large net's gradients need not all be in the heap at once.
 */
export type Gradient = tf.Tensor | (() => tf.Tensor);

/** The tensor of `gradient` and whether it was made here (and so is the caller's to dispose). */
export function gradientTensor(gradient: Gradient): { tensor: tf.Tensor; made: boolean } {
  return typeof gradient === 'function' ? { tensor: gradient(), made: true } : { tensor: gradient, made: false };
}

export interface SlimOptimizer {
  readonly name: OptimizerName;
  /** Creates the slots of every parameter, as TF does when the train op is built (so step 0 can be saved). */
  register(parameters: readonly ParameterHandle[]): void;
  /**
   * One update of every parameter that has a gradient (keyed by parameter name), at `learningRate`.
   * Gradient tensors stay owned by the caller; what a Gradient function makes is disposed here.
   */
  applyGradients(gradients: ReadonlyMap<string, Gradient>, learningRate: number): void;
  /** Slot and shared-scalar names, TF style: `<var>/RMSProp`, `<var>/RMSProp_1`, `beta1_power`. */
  stateNames(): string[];
  /** Copies of every state tensor by its TF name; the caller owns them. */
  exportState(): Map<string, tf.Tensor>;
  /** Restores the entries this optimizer owns and returns their names; other entries are left alone. */
  importState(state: ReadonlyMap<string, tf.Tensor>): Set<string>;
  dispose(): void;
}
