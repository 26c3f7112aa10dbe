import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedManifest } from '@finetune/datasets';
import { getNet, openWeights, preprocessImage, restoreVariables } from '@finetune/nets';
import { randomiseBatchNorm, syntheticJpeg } from '@finetune/nets/testing';
import { foldedOnnx } from '@finetune/onnx';
import { initBackend } from '../backend';
import { evaluateCheckpoint } from './evaluate-checkpoint';
import { onnxEvalForward } from './onnx-eval-forward';
import { buildTinyNet, makeTinyDataset, saveTinyCheckpoint, TINY_NET } from './testing';

let dir: string;
let manifest: LoadedManifest;

beforeAll(async () => {
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'onnx-eval-'));
  manifest = await makeTinyDataset(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const worstDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((w, v, i) => Math.max(w, Math.abs(v - b[i]!)), 0);

describe('evaluation on ONNX Runtime', () => {
  it("evaluation on ONNX Runtime - builtin mobilenet_v2's logits on real images equal the engine's within 1e-4", async () => {
    const size = 224;
    const net = getNet('mobilenet_v2').build({ numClasses: 5, imageSize: size });
    const weights = await openWeights('builtin:mobilenet_v2');
    await restoreVariables(net, weights, { excludeScopes: 'MobilenetV2/Logits' });
    await weights.close();
    const count = 3;
    const images = new Float32Array(count * size * size * 3);
    for (let i = 0; i < count; i++) {
      images.set(await preprocessImage(await syntheticJpeg(size + 30, 70 + i), { name: 'inception', size, training: false, source: `image ${i}` }), i * size * size * 3);
    }
    const expected = tf.tidy(() => (net.model.predict(tf.tensor4d(images, [count, size, size, 3])) as tf.Tensor).dataSync());
    const forward = await onnxEvalForward(net, 'mobilenet_v2', 2);
    const logits = await forward.logits({ images, count, imageSize: size, labels: new Int32Array(count), ids: [] });
    await forward.release();
    expect(logits).toHaveLength(count * 5);
    expect(Math.max(...Array.from(expected, Math.abs))).toBeGreaterThan(0.1); // a net that says something
    expect(worstDifference(logits, expected)).toBeLessThan(1e-4);
    net.model.dispose();
  }, 120_000);

  it("evaluation on ONNX Runtime - inception_v3's main logits, its aux head left out of the graph, equal the engine's within 1e-4", async () => {
    const size = 107;
    const net = getNet('inception_v3').build({ numClasses: 4, imageSize: size, depthMultiplier: 0.25 });
    randomiseBatchNorm(net.model, 8);
    const count = 2;
    const images = new Float32Array(count * size * size * 3);
    for (let i = 0; i < count; i++) images.set(await preprocessImage(await syntheticJpeg(size + 9, 30 + i), { name: 'inception', size, training: false }), i * size * size * 3);
    const expected = tf.tidy(() => (net.model.predict(tf.tensor4d(images, [count, size, size, 3])) as tf.Tensor[])[0]!.dataSync());
    const forward = await onnxEvalForward(net, 'inception_v3', 2);
    const logits = await forward.logits({ images, count, imageSize: size, labels: new Int32Array(count), ids: [] });
    await forward.release();
    expect(logits).toHaveLength(count * 4);
    expect(worstDifference(logits, expected)).toBeLessThan(1e-4);
    const graph = (await foldedOnnx(net.model, { name: 'inception_v3' })).graph;
    expect(graph.nodes.some((n) => n.name.includes('/Mixed_7c/'))).toBe(true);
    expect(graph.nodes.filter((n) => n.name.includes('/AuxLogits/'))).toEqual([]);
    net.model.dispose();
  }, 120_000);

  it('evaluation on ONNX Runtime - a checkpoint with trained batch norms scores the same on onnx and tfjs, loss within 1e-4', async () => {
    const net = buildTinyNet();
    randomiseBatchNorm(net.model, 11);
    const trainDir = path.join(dir, 'train-bn');
    await saveTinyCheckpoint(trainDir, 4, net);
    net.model.dispose();
    const common = { checkpointPath: trainDir, datasetDir: manifest.dir, imageSize: TINY_NET.imageSize, batchSize: 4 };
    const onnx = await evaluateCheckpoint({ ...common, runtime: 'onnx' });
    const engine = await evaluateCheckpoint({ ...common, runtime: 'tfjs', engineWorkers: 1 });
    expect([onnx.runtime, engine.runtime]).toEqual(['onnx', 'tfjs']);
    expect(onnx.metrics.numExamples).toBe(manifest.splits.validation!.numImages);
    expect(onnx.metrics.accuracy).toBe(engine.metrics.accuracy);
    expect(Math.abs(onnx.metrics.loss - engine.metrics.loss)).toBeLessThan(1e-4);
    expect(onnx.metrics.confusionMatrix).toEqual(engine.metrics.confusionMatrix);
    expect(worstDifference(onnx.metrics.misclassified.map((m) => m.score), engine.metrics.misclassified.map((m) => m.score))).toBeLessThan(1e-4);
  }, 120_000);

  it('evaluation on ONNX Runtime - a runtime that is neither onnx nor tfjs is refused by its flag', async () => {
    await expect(evaluateCheckpoint({ checkpointPath: dir, datasetDir: manifest.dir, runtime: 'torch' as 'onnx' })).rejects.toThrow(/runtime/);
  });
});
