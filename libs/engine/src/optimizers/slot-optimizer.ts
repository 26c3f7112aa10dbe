// Runs an UpdateRule over registered parameters and keeps its slots as TF-named, exportable variables.
import * as tf from '@tensorflow/tfjs';
import { inPieces, worksInPieces } from './elementwise-in-pieces';
import { gradientTensor, type Gradient, type ParameterHandle, type SlimOptimizer } from './optimizer';
import { StateShapeError, UnregisteredParameterError } from './optimizer-errors';
import type { UpdateRule } from './update-rule';

interface Registered {
  parameter: ParameterHandle;
  /** One variable per slot, in the rule's order; not trainable, so tf never differentiates them. */
  slots: tf.Variable[];
}

/** TF names a slot `<variable>/<suffix>`: `InceptionV3/Logits/Conv2d_1c_1x1/weights/RMSProp_1`. */
export function slotName(parameter: string, suffix: string): string {
  return `${parameter}/${suffix}`;
}

export class SlotOptimizer implements SlimOptimizer {
  private readonly registered = new Map<string, Registered>();
  private scalars: Record<string, number>;

  constructor(private readonly rule: UpdateRule) {
    this.scalars = { ...rule.scalars };
  }

  get name() {
    return this.rule.name;
  }

  register(parameters: readonly ParameterHandle[]): void {
    for (const parameter of parameters) {
      if (this.registered.has(parameter.name)) continue;
      const shape = parameter.read().shape;
      const slots = this.rule.slots.map((spec) =>
        tf.tidy(() => tf.variable(tf.fill(shape, spec.initialValue), false)),
      );
      this.registered.set(parameter.name, { parameter, slots });
    }
  }

  applyGradients(gradients: ReadonlyMap<string, Gradient>, learningRate: number): void {
    for (const name of gradients.keys()) {
      if (!this.registered.has(name)) throw new UnregisteredParameterError(name);
    }
    for (const [name, entry] of gradients) {
      const { parameter, slots } = this.registered.get(name) as Registered;
      const value = parameter.read();
      const { tensor: gradient, made } = gradientTensor(entry);
      try {
        if (worksInPieces(value.size)) {
          const next = inPieces([value, gradient, ...slots], ([v, g, ...s]) => {
            const { value: newValue, slots: newSlots } = this.rule.update(v!, g!, s, learningRate, this.scalars);
            return [newValue, ...newSlots];
          });
          // The gradient is spent: freed before the new values take its room.
          if (made) gradient.dispose();
          this.writeWhole(parameter, value.shape, slots, next);
          continue;
        }
        tf.tidy(() => {
          const next = this.rule.update(value, gradient, slots, learningRate, this.scalars);
          parameter.write(next.value);
          next.slots.forEach((v, i) => slots[i]?.assign(v));
        });
      } finally {
        if (made && !gradient.isDisposed) gradient.dispose();
      }
    }
    this.scalars = this.rule.advance(this.scalars);
  }

  /** A large variable's new value and slots, uploaded one at a time, each replacing the one it supersedes. */
  private writeWhole(parameter: ParameterHandle, shape: number[], slots: tf.Variable[], [value, ...slotValues]: Float32Array[]): void {
    tf.tidy(() => parameter.write(tf.tensor(value!, shape, 'float32')));
    slotValues.forEach((values, i) => tf.tidy(() => slots[i]?.assign(tf.tensor(values, shape, 'float32'))));
  }

  stateNames(): string[] {
    const names: string[] = [];
    for (const [name] of this.registered) {
      for (const spec of this.rule.slots) names.push(slotName(name, spec.suffix));
    }
    return [...names, ...Object.keys(this.scalars)];
  }

  exportState(): Map<string, tf.Tensor> {
    const state = new Map<string, tf.Tensor>();
    for (const [name, { slots }] of this.registered) {
      this.rule.slots.forEach((spec, i) => {
        const slot = slots[i];
        if (slot) state.set(slotName(name, spec.suffix), slot.clone());
      });
    }
    for (const [name, value] of Object.entries(this.scalars)) state.set(name, tf.scalar(value, 'float32'));
    return state;
  }

  importState(state: ReadonlyMap<string, tf.Tensor>): Set<string> {
    const used = new Set<string>();
    for (const [name, { slots }] of this.registered) {
      this.rule.slots.forEach((spec, i) => {
        const entry = slotName(name, spec.suffix);
        const value = state.get(entry);
        const slot = slots[i];
        if (!value || !slot) return;
        if (!tf.util.arraysEqual(value.shape, slot.shape)) throw new StateShapeError(entry, slot.shape, value.shape);
        tf.tidy(() => slot.assign(value.toFloat()));
        used.add(entry);
      });
    }
    for (const name of Object.keys(this.scalars)) {
      const value = state.get(name);
      if (!value) continue;
      if (value.size !== 1) throw new StateShapeError(name, [], value.shape);
      this.scalars[name] = value.dataSync()[0] ?? Number.NaN;
      used.add(name);
    }
    return used;
  }

  dispose(): void {
    for (const { slots } of this.registered.values()) slots.forEach((slot) => slot.dispose());
    this.registered.clear();
  }
}
