// The dense convolution gradients' SIMD pass changes no training result: InceptionV3 (3x3, 1x7, 7x1, 5x5 and
// strided VALID convolutions) trained from the same weights on the same batches gives the same losses.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNet, trainableVariables, type Net } from '@finetune/nets';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { getSchedule } from '../schedules/schedules-factory';
import { initWasmAndCpu } from '../testing';
import { withComposedConvGradients } from '../wasm/register-wasm-kernels';
import { createTrainingSession } from './training-session';

const STEPS = 3;
const BATCH = 2;
/** InceptionV3's smallest input (its aux head needs a 5x5 map after Mixed_6e). */
const SIZE = 107;

function build(): Net {
  // No dropout: its mask is drawn afresh each step, and only the kernels may differ between the two runs.
  return getNet('inception_v3').build({ numClasses: 3, imageSize: SIZE, dropoutKeepProb: 1 });
}

/** The losses of STEPS every-layer steps on one seeded batch: they change only as the weights do. */
async function losses(net: Net): Promise<number[]> {
  const session = createTrainingSession({
    model: net.model,
    variables: net.variables,
    trainableNames: trainableVariables([...net.variables].filter(([, v]) => v.trainable).map(([name]) => name), undefined),
    optimizer: getOptimizer('sgd'),
    schedule: getSchedule('fixed', { learningRate: 0.001, batchSize: BATCH, numSamplesPerEpoch: BATCH }),
    // Batch statistics of two random images make every-layer training from random weights chaotic: float-level
    // differences in a gradient would grow into different losses within a few steps, whatever the kernels.
    trainedBatchNorm: 'inference',
  });
  const out: number[] = [];
  try {
    for (let step = 0; step < STEPS; step++) {
      const images = tf.randomUniform<tf.Rank.R4>([BATCH, SIZE, SIZE, 3], -1, 1, 'float32', 100);
      const labels = Int32Array.from({ length: BATCH }, (_, i) => i % 3);
      out.push((await session.step(images, labels)).loss);
      images.dispose();
    }
  } finally {
    session.dispose();
  }
  return out;
}

describe('dense convolution gradients', () => {
  let nets: Net[] = [];
  beforeAll(async () => {
    await initWasmAndCpu();
    await tf.setBackend('wasm');
  });
  afterAll(() => nets.forEach((n) => n.model.dispose()));

  it('conv gradients - the same weights and batches give the same losses on the SIMD kernels and the composed ones', async () => {
    nets = [build(), build()];
    const [simd, composed] = nets as [Net, Net];
    for (const [name, v] of simd.variables) composed.variables.get(name)!.write(v.read());
    const now = await losses(simd);
    const before = await withComposedConvGradients(() => losses(composed));
    for (let step = 0; step < STEPS; step++) {
      expect(Number.isFinite(now[step]), `step ${step}`).toBe(true);
      expect(Math.abs(now[step]! - before[step]!) / Math.abs(before[step]!), `step ${step}: ${now[step]} vs ${before[step]}`).toBeLessThan(1e-4);
    }
    // The steps trained something: on the same batch, a later loss differs from the first.
    expect(now[STEPS - 1]).not.toBe(now[0]);
  }, 240_000);
});
