// evaluateCheckpoint with --moving_average_decay: the metrics of the averaged weights (a variable without an average
// as it is), not of the variables; a checkpoint without averages is refused naming it and the missing average.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCheckpoint } from '@finetune/checkpoint';
import type { LoadedManifest } from '@finetune/datasets';
import { movingAverageName, type Net } from '@finetune/nets';
import { initBackend } from '../backend';
import { evaluateCheckpoint } from './evaluate-checkpoint';
import { EvaluationOptionError } from './evaluation-errors';
import { buildTinyNet, makeTinyDataset, netVariables, saveTinyCheckpoint, shiftLogitsBias, TINY_NET } from './testing';

const BIAS = 'MobilenetV2/Logits/Conv2d_1c_1x1/biases';
const meta = { modelName: TINY_NET.modelName, numClasses: 3, labelNames: ['daisy', 'roses', 'tulips'] };

let dir: string;
let manifest: LoadedManifest;
let raw: Net;
let averagedNet: Net;

beforeAll(async () => {
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'evaluate-average-'));
  manifest = await makeTinyDataset(dir);
  raw = buildTinyNet();
  averagedNet = buildTinyNet();
  // The same weights but for the logits bias: what a head-only run's average looks like.
  averagedNet.model.setWeights(raw.model.getWeights());
  shiftLogitsBias(averagedNet, [2, -1, -1]);
  const variables = netVariables(raw);
  const average = netVariables(averagedNet).find((v) => v.name === BIAS)!;
  await saveCheckpoint(path.join(dir, 'with-averages'), 3, [...variables, { ...average, name: movingAverageName(BIAS) }], meta);
  // The truth: the averaged weights saved as plain variables.
  await saveTinyCheckpoint(path.join(dir, 'averaged-as-variables'), 3, averagedNet);
  await saveTinyCheckpoint(path.join(dir, 'without-averages'), 3, raw);
});

afterAll(async () => {
  raw?.model.dispose();
  averagedNet?.model.dispose();
  await rm(dir, { recursive: true, force: true });
});

function evaluate(checkpoint: string, movingAverageDecay?: number) {
  return evaluateCheckpoint({
    checkpointPath: path.join(dir, checkpoint, 'model.ckpt-3'),
    datasetDir: manifest.dir,
    imageSize: TINY_NET.imageSize,
    batchSize: 4,
    runtime: 'tfjs',
    engineWorkers: 1,
    movingAverageDecay,
  });
}

describe('evaluate with moving averages', () => {
  it('moving averages - the flag evaluates the averaged weights, other variables as they are; without it the variables', async () => {
    const [averaged, truth, variables] = await Promise.all([evaluate('with-averages', 0.9999), evaluate('averaged-as-variables'), evaluate('with-averages')]);
    expect(averaged.metrics.loss).toBeCloseTo(truth.metrics.loss, 5);
    expect(averaged.metrics.confusionMatrix.counts).toEqual(truth.metrics.confusionMatrix.counts);
    expect(Math.abs(averaged.metrics.loss - variables.metrics.loss), 'the averages differ from the variables').toBeGreaterThan(1e-3);
    expect(averaged.movingAverageDecay).toBe(0.9999);
    expect(variables.movingAverageDecay).toBeUndefined();
  });

  it('moving averages - a checkpoint without averages is refused naming it and the missing average; a decay outside (0, 1) names the flag', async () => {
    await expect(evaluate('without-averages', 0.9999)).rejects.toThrow(
      /without-averages\/model\.ckpt-3 lacks variables of the net: MobilenetV2\/\S+\/ExponentialMovingAverage; it holds no moving averages/,
    );
    for (const bad of [0, 1, 2]) {
      const err = await evaluate('with-averages', bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EvaluationOptionError);
      expect((err as Error).message).toMatch(/moving_average_decay.*must be a number in \(0, 1\)/);
    }
  });
});
