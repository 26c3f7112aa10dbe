// Names of optimizer slot variables exactly as tf.train optimizers create them, so TF tools recognise them.

export type OptimizerName = 'adadelta' | 'adagrad' | 'adam' | 'ftrl' | 'momentum' | 'rmsprop' | 'sgd';

/**
 * Slot suffixes per optimizer, in creation order: RMSProp makes `rms` then `momentum`, Adam `m` then `v`,
 * and the second slot of a variable gets `_1` because TF uniquifies the scope name.
 */
const slotSuffixes: Record<OptimizerName, readonly string[]> = {
  adadelta: ['Adadelta', 'Adadelta_1'],
  adagrad: ['Adagrad'],
  adam: ['Adam', 'Adam_1'],
  ftrl: ['Ftrl', 'Ftrl_1'],
  momentum: ['Momentum'],
  rmsprop: ['RMSProp', 'RMSProp_1'],
  sgd: [],
};

/** e.g. slotVariableNames('InceptionV3/Logits/Conv2d_1c_1x1/weights', 'adam') -> [`…/Adam`, `…/Adam_1`]. */
export function slotVariableNames(variable: string, optimizer: OptimizerName): string[] {
  return slotSuffixes[optimizer].map((s) => `${variable}/${s}`);
}

/** Non-slot variables an optimizer adds: Adam's bias-correction powers, as TF1's AdamOptimizer names them. */
export function optimizerGlobalNames(optimizer: OptimizerName): string[] {
  return optimizer === 'adam' ? ['beta1_power', 'beta2_power'] : [];
}

/** Whether a checkpoint variable is an optimizer slot rather than a model weight (not restored into a fresh optimizer). */
export function isSlotVariable(name: string): boolean {
  const last = name.split('/').pop() ?? '';
  return Object.values(slotSuffixes).some((suffixes) => suffixes.includes(last)) || name === 'beta1_power' || name === 'beta2_power';
}

/** The step counter TF-Slim saves: an int64 scalar named `global_step`. */
export const GLOBAL_STEP = 'global_step';
