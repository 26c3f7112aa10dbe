// The optimizer update of a variable larger than one piece (VGG-16's fc6 is updated in pieces) against the same
// update of a small one: every rule and the weight decay term are elementwise, so the values must be identical.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { PIECE_ELEMENTS } from '../optimizers/elementwise-in-pieces';
import { getOptimizer, OPTIMIZER_NAMES } from '../optimizers/optimizers-factory';
import { getSchedule } from '../schedules/schedules-factory';
import { applyOptimizerUpdate } from './optimizer-update';

const START = [0.3, -0.7, 1.1];
const GRADIENTS = [
  [0.5, -1.5, 2.0],
  [-0.25, 0.75, 3.0],
];
/** Not a multiple of 3, so the pieces' edges fall at every position of the pattern. */
const LARGE = PIECE_ELEMENTS + 5;
const tiled = (pattern: number[], n: number) => Float32Array.from({ length: n }, (_, i) => pattern[i % pattern.length]!);

async function train(name: (typeof OPTIMIZER_NAMES)[number], size: number): Promise<Float32Array> {
  const variable = tf.tidy(() => tf.variable(tf.tensor1d(tiled(START, size))));
  const optimizer = getOptimizer(name, { optEpsilon: 1.0 });
  optimizer.register([{ name: 'Net/fc6/weights', read: () => variable, write: (value) => variable.assign(value as tf.Tensor1D) }]);
  const schedule = getSchedule('fixed', { learningRate: 0.1, batchSize: 1, numSamplesPerEpoch: 1 });
  for (const [step, g] of GRADIENTS.entries()) {
    await applyOptimizerUpdate({
      names: ['Net/fc6/weights'],
      read: () => variable,
      // Made when needed, as the data-parallel trainer hands them over.
      gradients: [() => tf.tensor1d(tiled(g, size))],
      crossEntropy: 1,
      auxLoss: 0,
      weightDecay: 0.01,
      isRegularized: () => true,
      optimizer,
      schedule,
      step,
    });
  }
  const values = Float32Array.from(variable.dataSync());
  optimizer.dispose();
  variable.dispose();
  return values;
}

describe('optimizer update', () => {
  beforeAll(async () => {
    // Pieces are a wasm matter: its heap stops at 4 GiB.
    await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
  });

  it('optimizer update - a variable updated in pieces gets the values a small one gets, every optimizer, with weight decay', async () => {
    for (const name of OPTIMIZER_NAMES) {
      const before = tf.memory().numTensors;
      const small = await train(name, START.length);
      const large = await train(name, LARGE);
      expect(tf.memory().numTensors, `${name} leaves no tensors behind`).toBe(before);
      expect(small.some((v, i) => v !== START[i]), `${name} moved the variable`).toBe(true);
      for (const i of [0, 1, 2, PIECE_ELEMENTS - 2, PIECE_ELEMENTS - 1, PIECE_ELEMENTS, PIECE_ELEMENTS + 1, LARGE - 1]) {
        expect(large[i], `${name} at ${i}`).toBe(small[i % 3]);
      }
    }
  }, 120_000);
});
