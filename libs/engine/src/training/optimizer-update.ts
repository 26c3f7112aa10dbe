// How every training step ends, in one session or summed across workers: Slim's total loss, its finite check,
// and the optimizer's update with weight decay's gradient added.
import * as tf from '@tensorflow/tfjs';
import { inPieces, worksInPieces } from '../optimizers/elementwise-in-pieces';
import { gradientTensor, type Gradient, type SlimOptimizer } from '../optimizers/optimizer';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule';
import { NonFiniteLossError } from './training-errors';
import { l2Loss } from './weight-decay';

export interface OptimizerUpdate {
  /** Trained variables, in the order of `gradients`. */
  names: readonly string[];
  /** A trained variable's current value. */
  read(name: string): tf.Tensor;
  /**
   * The batch's mean gradient of the loss without weight decay, per name: tensors the caller keeps and frees,
   * or functions making them one variable at a time (Gradient).
   */
  gradients: readonly Gradient[];
  crossEntropy: number;
  auxLoss: number;
  weightDecay: number;
  isRegularized(name: string): boolean;
  optimizer: SlimOptimizer;
  schedule: LearningRateSchedule;
  /** The global step before this update: the schedule's input and the step a non-finite loss names. */
  step: number;
}

/**
 * total_loss = cross-entropy + aux loss + weight_decay * Σ w²/2 over the regularized trained weights. A
 * non-finite total throws NonFiniteLossError before anything is written (as Slim's check_numerics stops the
 * step); otherwise the optimizer applies each gradient, plus weight_decay * w where regularized, at the
 * schedule's rate for `step`.
 */
export async function applyOptimizerUpdate(u: OptimizerUpdate): Promise<{ loss: number; regularization: number; learningRate: number }> {
  const regularized = u.names.map((name) => u.weightDecay > 0 && u.isRegularized(name));
  const reg = l2Loss(u.names.flatMap((name, i) => (regularized[i] ? [u.read(name)] : [])), u.weightDecay);
  const regularization = (await reg.data())[0] ?? NaN;
  reg.dispose();
  const loss = u.crossEntropy + u.auxLoss + regularization;
  if (!Number.isFinite(loss)) throw new NonFiniteLossError(u.step, loss);

  const learningRate = u.schedule.rateAt(u.step);
  const gradients = new Map<string, Gradient>();
  u.names.forEach((name, i) => {
    const g = u.gradients[i]!;
    // d/dw of weight_decay * sum(w^2) / 2: added here rather than through the tape, when the variable's turn comes.
    gradients.set(name, regularized[i] ? () => withWeightDecay(g, u.read(name), u.weightDecay) : g);
  });
  u.optimizer.applyGradients(gradients, learningRate);
  return { loss, regularization, learningRate };
}

/** g + weight_decay * w; a large variable's in pieces, its gradient freed before the sum is uploaded. */
function withWeightDecay(gradient: Gradient, w: tf.Tensor, weightDecay: number): tf.Tensor {
  const { tensor: g, made } = gradientTensor(gradient);
  if (!worksInPieces(g.size)) {
    const sum = tf.tidy(() => tf.add(g, tf.mul(w, weightDecay)));
    if (made) g.dispose();
    return sum;
  }
  const [values] = inPieces([g, w], ([gp, wp]) => [tf.add(gp!, tf.mul(wp!, weightDecay))]);
  if (made) g.dispose();
  return tf.tensor(values!, w.shape, 'float32');
}
