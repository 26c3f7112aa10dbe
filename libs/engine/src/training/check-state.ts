// The check every importState makes before writing anything: each entry is a variable of the right shape,
// the global step, or a slot of the optimizer.
import type * as tf from '@tensorflow/tfjs';
import { StateShapeError } from '../optimizers/optimizer-errors';
import { UnknownStateEntryError } from './training-errors';
import { GLOBAL_STEP } from './global-step';

/** Throws StateShapeError or UnknownStateEntryError for the first entry of `state` that does not fit. */
export function checkStateEntries(state: ReadonlyMap<string, tf.Tensor>, shapeOf: (name: string) => readonly number[] | undefined, slotNames: Iterable<string>): void {
  const slots = new Set(slotNames);
  for (const [name, value] of state) {
    const shape = shapeOf(name);
    if (shape) {
      if (!sameShape(shape, value.shape)) throw new StateShapeError(name, [...shape], value.shape);
    } else if (name === GLOBAL_STEP) {
      if (value.size !== 1) throw new StateShapeError(name, [], value.shape);
    } else if (!slots.has(name)) {
      throw new UnknownStateEntryError(name);
    }
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
