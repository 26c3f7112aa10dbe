import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteCheckpoint } from '@finetune/checkpoint';
import { readSplit, type LoadedManifest } from '@finetune/datasets';
import { preprocessImage, type Net } from '@finetune/nets';
import { initBackend } from '../backend';
import { evaluateCheckpoint } from './evaluate-checkpoint';
import { EvaluationWorkers } from './evaluation-workers';
import { CheckpointNotFoundError, DatasetMismatchError, EvaluationAbortedError, EvaluationOptionError } from './evaluation-errors';
import { buildTinyNet, makeTinyDataset, saveTinyCheckpoint, shiftLogitsBias, TINY_NET } from './testing';

let dir: string;
let manifest: LoadedManifest;
let net: Net;
let trainDir: string;

beforeAll(async () => {
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'evaluate-'));
  manifest = await makeTinyDataset(dir);
  trainDir = path.join(dir, 'train');
  net = buildTinyNet();
  shiftLogitsBias(net, [0.3, 0, -0.2]);
  await saveTinyCheckpoint(trainDir, 10, net);
});

afterAll(async () => {
  net?.model.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** What the net says about the split when run directly, image by image: the truth to compare against. */
async function directLogits(): Promise<{ logits: number[][]; labels: number[] }> {
  const logits: number[][] = [];
  const labels: number[] = [];
  for await (const image of readSplit(manifest, 'validation')) {
    const pixels = await preprocessImage(Buffer.from(image.encoded), { name: 'inception', size: TINY_NET.imageSize, training: false });
    const out = tf.tidy(() => net.model.predict(tf.tensor4d(pixels, [1, TINY_NET.imageSize, TINY_NET.imageSize, 3])) as tf.Tensor);
    logits.push([...(await out.data())]);
    out.dispose();
    labels.push(image.label);
  }
  return { logits, labels };
}

describe('evaluateCheckpoint', () => {
  it('evaluateCheckpoint - the whole split once, short last batch included, matching the net run image by image, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const r = await evaluateCheckpoint({ checkpointPath: path.join(trainDir, 'model.ckpt-10'), datasetDir: manifest.dir, imageSize: TINY_NET.imageSize, batchSize: 4, k: 5 });
    expect(tf.memory().numTensors).toBe(before);
    const total = manifest.splits.validation!.numImages;
    expect(total % 4).not.toBe(0); // so a remainder batch exists
    expect(r.metrics.numExamples).toBe(total);
    // No depth multiplier given: the one whose shapes fit the checkpoint is found.
    expect(r).toMatchObject({ step: 10, modelName: 'mobilenet_v2', depthMultiplier: 0.35, imageSize: 96, datasetName: 'flowers', split: 'validation' });
    expect(r.metrics.k).toBe(3);
    expect(r.metrics.recallAtK).toBe(1);
    expect(r.labelNames).toEqual(['daisy', 'roses', 'tulips']);
    expect(r.metrics.confusionMatrix.counts.reduce((a, b) => a + b)).toBe(total);
    expect(r.metrics.perClass.map((c) => c.numExamples).reduce((a, b) => a + b)).toBe(total);
    expect(r.imagesPerSec).toBeGreaterThan(0);

    const { logits, labels } = await directLogits();
    const argmax = logits.map((row) => row.indexOf(Math.max(...row)));
    const accuracy = argmax.filter((p, i) => p === labels[i]).length / labels.length;
    const loss = logits.map((row, i) => Math.log(row.reduce((s, v) => s + Math.exp(v), 0)) - row[labels[i]!]!).reduce((a, b) => a + b) / labels.length;
    expect(r.metrics.accuracy).toBeCloseTo(accuracy, 10);
    expect(r.metrics.loss).toBeCloseTo(loss, 4);
    // Every wrong prediction is named: its place in the split, its shard and record, the label and the guess.
    const wrong = argmax.map((p, i) => ({ p, i })).filter(({ p, i }) => p !== labels[i]);
    const shards = manifest.splits.validation!.shards;
    const idOf = (i: number) => `${shards[0]!.file}:${i}`;
    expect(shards).toHaveLength(1);
    expect(r.metrics.misclassified.map((m) => [m.splitIndex, m.id, m.label, m.predicted])).toEqual(wrong.map(({ p, i }) => [i, idOf(i), labels[i], p]));
    for (const m of r.metrics.misclassified) expect(m.score).toBeCloseTo(Math.max(...logits[m.splitIndex]!), 4);
  });

  it('evaluateCheckpoint - split over 2 engine workers, the metrics equal those of one thread', async () => {
    const options = { checkpointPath: trainDir, datasetDir: manifest.dir, imageSize: TINY_NET.imageSize, batchSize: 5, parallelMinImages: 0, runtime: 'tfjs' as const };
    const one = await evaluateCheckpoint({ ...options, engineWorkers: 1 });
    const two = await evaluateCheckpoint({ ...options, engineWorkers: 2 });
    expect(one.engineWorkers).toBe(1);
    expect(two.engineWorkers).toBe(2);
    expect(two.metrics.numExamples).toBe(one.metrics.numExamples);
    expect(two.metrics.confusionMatrix.counts).toEqual(one.metrics.confusionMatrix.counts);
    expect(two.metrics.loss).toBeCloseTo(one.metrics.loss, 4);
    // A split smaller than parallelMinImages stays on this thread.
    expect((await evaluateCheckpoint({ ...options, engineWorkers: 2, parallelMinImages: 100 })).engineWorkers).toBe(1);
  });

  it('evaluateCheckpoint - workers kept across two checkpoints evaluate the second with its own weights', async () => {
    const shifted = buildTinyNet();
    for (const [name, v] of net.variables) shifted.variables.get(name)!.write(v.read());
    shiftLogitsBias(shifted, [-2, 3, 0]);
    const second = await saveTinyCheckpoint(path.join(dir, 'kept'), 20, shifted);
    shifted.model.dispose();
    const workers = new EvaluationWorkers();
    const options = { datasetDir: manifest.dir, imageSize: TINY_NET.imageSize, batchSize: 5, parallelMinImages: 0, engineWorkers: 2 };
    try {
      const a = await evaluateCheckpoint({ ...options, checkpointPath: path.join(trainDir, 'model.ckpt-10'), workers });
      const b = await evaluateCheckpoint({ ...options, checkpointPath: second.prefix, workers });
      const alone = await evaluateCheckpoint({ ...options, checkpointPath: second.prefix, engineWorkers: 1 });
      expect(b.metrics.loss).not.toBeCloseTo(a.metrics.loss, 2);
      expect(b.metrics.loss).toBeCloseTo(alone.metrics.loss, 4);
      expect(b.metrics.confusionMatrix.counts).toEqual(alone.metrics.confusionMatrix.counts);
    } finally {
      await workers.close();
    }
  });

  it('evaluateCheckpoint - a train dir means its newest checkpoint', async () => {
    const r = await evaluateCheckpoint({ checkpointPath: trainDir, datasetDir: manifest.dir, imageSize: TINY_NET.imageSize, batchSize: 100 });
    expect(r.checkpointPath).toBe(path.join(trainDir, 'model.ckpt-10'));
    expect(r.metrics.numExamples).toBe(manifest.splits.validation!.numImages);
  });

  it('evaluateCheckpoint - --max_num_batches stops early', async () => {
    const r = await evaluateCheckpoint({ checkpointPath: trainDir, datasetDir: manifest.dir, imageSize: TINY_NET.imageSize, batchSize: 2, maxNumBatches: 1 });
    expect(r.metrics.numExamples).toBe(2);
  });

  it('evaluateCheckpoint - a pruned checkpoint is CheckpointNotFoundError, naming it', async () => {
    const saved = await saveTinyCheckpoint(path.join(dir, 'pruned'), 3, net);
    await deleteCheckpoint(saved.prefix);
    await expect(evaluateCheckpoint({ checkpointPath: saved.prefix, datasetDir: manifest.dir })).rejects.toThrowError(CheckpointNotFoundError);
    await expect(evaluateCheckpoint({ checkpointPath: saved.prefix, datasetDir: manifest.dir })).rejects.toThrowError(/model\.ckpt-3 not found/);
    await expect(evaluateCheckpoint({ checkpointPath: path.join(dir, 'pruned'), datasetDir: manifest.dir })).rejects.toThrowError(/holds no complete checkpoint/);
  });

  it('evaluateCheckpoint - a wrong --model_name, --dataset_name or class count is refused before any work', async () => {
    await expect(evaluateCheckpoint({ checkpointPath: trainDir, datasetDir: manifest.dir, modelName: 'inception_v3' })).rejects.toThrowError(EvaluationOptionError);
    await expect(evaluateCheckpoint({ checkpointPath: trainDir, datasetDir: manifest.dir, datasetName: 'cars' })).rejects.toThrowError(/--dataset_name=cars: .* holds the dataset flowers/);
    await expect(evaluateCheckpoint({ checkpointPath: trainDir, datasetDir: manifest.dir, batchSize: 0 })).rejects.toThrowError(/--batch_size=0/);
    const two = buildTinyNet(2);
    await saveTinyCheckpoint(path.join(dir, 'two'), 1, two, ['daisy', 'roses']);
    two.model.dispose();
    await expect(evaluateCheckpoint({ checkpointPath: path.join(dir, 'two'), datasetDir: manifest.dir })).rejects.toThrowError(DatasetMismatchError);
  });

  it('evaluateCheckpoint - an aborted signal stops it with EvaluationAbortedError and frees the net', async () => {
    const before = tf.memory().numTensors;
    const abort = new AbortController();
    abort.abort(new Error('shutdown'));
    await expect(evaluateCheckpoint({ checkpointPath: trainDir, datasetDir: manifest.dir, imageSize: TINY_NET.imageSize, signal: abort.signal })).rejects.toThrowError(EvaluationAbortedError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
