// tf.train.ExponentialMovingAverage(decay, num_updates=global_step) as train_image_classifier applies it after each
// optimizer step: one shadow per averaged variable, saved beside it as `<var>/ExponentialMovingAverage`.
import * as tf from '@tensorflow/tfjs';
import { isMovingAverageName, MOVING_AVERAGE_SUFFIX, movingAverageName } from '@finetune/nets';

/**
 * The decay of the update after global step `step` (0 for the first update): TF's num_updates form caps it at
 * (1 + step) / (10 + step), so early shadows follow the variables closely instead of staying near their start.
 */
export function effectiveDecay(decay: number, step: number): number {
  return Math.min(decay, (1 + step) / (10 + step));
}

export class ExponentialMovingAverage {
  private readonly shadows = new Map<string, tf.Tensor>();

  constructor(readonly decay: number) {}

  /** The variables that have a shadow. */
  get names(): string[] {
    return [...this.shadows.keys()];
  }

  has(name: string): boolean {
    return this.shadows.has(name);
  }

  /** Starts each variable of `values` that has no shadow yet at its value, as TF's shadow starts at the variable. */
  track(values: ReadonlyMap<string, tf.Tensor>): void {
    for (const [name, value] of values) if (!this.shadows.has(name)) this.shadows.set(name, tf.clone(value));
  }

  /** shadow -= (1 - d) * (shadow - value) for every shadow, d = effectiveDecay(decay, step); `values` holds each one's variable. */
  apply(step: number, values: ReadonlyMap<string, tf.Tensor>): void {
    const rate = 1 - effectiveDecay(this.decay, step);
    for (const [name, shadow] of this.shadows) {
      const value = values.get(name);
      if (!value) throw new Error(`internal: no value of ${name} to average`);
      this.shadows.set(name, tf.tidy(() => tf.sub(shadow, tf.mul(tf.sub(shadow, value), rate))));
      shadow.dispose();
    }
  }

  /** Every shadow by its checkpoint name; the caller owns the tensors. */
  exportState(): Map<string, tf.Tensor> {
    return new Map([...this.shadows].map(([name, shadow]) => [movingAverageName(name), tf.clone(shadow)]));
  }

  /** Takes the shadows among `state`'s entries (copies); other entries are left to the caller. */
  importState(state: ReadonlyMap<string, tf.Tensor>): void {
    for (const [name, value] of state) {
      if (!isMovingAverageName(name)) continue;
      const variable = name.slice(0, -MOVING_AVERAGE_SUFFIX.length);
      this.shadows.get(variable)?.dispose();
      this.shadows.set(variable, tf.tidy(() => tf.cast(value, 'float32')));
    }
  }

  dispose(): void {
    tf.dispose([...this.shadows.values()]);
    this.shadows.clear();
  }
}
