// The frozen part on ONNX Runtime: its features equal the engine's, and a job trained from them loses the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNet, preprocessImage, trainableVariables, type Net, type NetName } from '@finetune/nets';
import { randomiseBatchNorm, syntheticJpeg } from '@finetune/nets/testing';
import { initBackend } from '../backend';
import { startJobTrainer, type JobTrainer } from '../jobs/job-trainer';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { getSchedule } from '../schedules/schedules-factory';
import { FeatureCache } from './feature-cache';

beforeAll(async () => {
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
});

// No dropout, so two runs see the same head: the losses then differ only by the features' rounding.
const CASES: { title: string; net: NetName; options: { numClasses: number; imageSize: number; depthMultiplier: number; dropoutKeepProb: number }; scopes: string[]; spatial?: true }[] = [
  { title: 'mobilenet_v2 head only (pooled features)', net: 'mobilenet_v2', options: { numClasses: 3, imageSize: 96, depthMultiplier: 0.35, dropoutKeepProb: 1 }, scopes: ['MobilenetV2/Logits'] },
  {
    title: 'mobilenet_v2 deeper (a [h, w, c] map)',
    net: 'mobilenet_v2',
    options: { numClasses: 3, imageSize: 96, depthMultiplier: 0.35, dropoutKeepProb: 1 },
    scopes: ['MobilenetV2/expanded_conv_16', 'MobilenetV2/Conv_1', 'MobilenetV2/Logits'],
    spatial: true,
  },
  {
    title: "inception_v3 head only (two boundaries, the aux head's pooled map)",
    net: 'inception_v3',
    options: { numClasses: 3, imageSize: 139, depthMultiplier: 0.25, dropoutKeepProb: 1 },
    scopes: ['InceptionV3/Logits', 'InceptionV3/AuxLogits'],
  },
];

const COUNT = 4;

async function images(size: number, preprocessing: Parameters<typeof preprocessImage>[1]['name']): Promise<Float32Array> {
  const out = new Float32Array(COUNT * size * size * 3);
  for (let i = 0; i < COUNT; i++) out.set(await preprocessImage(await syntheticJpeg(size + 21, 90 + i), { name: preprocessing, size, training: false }), i * size * size * 3);
  return out;
}

function trainer(net: Net, netName: NetName, options: (typeof CASES)[number]['options'], scopes: string[], featureCache: FeatureCache | undefined, featureRuntime: 'onnx' | 'tfjs'): Promise<JobTrainer> {
  return startJobTrainer({
    net,
    netName,
    netOptions: options,
    workers: 1,
    backend: 'wasm',
    featureRuntime,
    onnxThreads: 2,
    featureCache,
    trainableNames: trainableVariables([...net.variables.keys()], scopes),
    optimizer: getOptimizer('momentum'),
    schedule: getSchedule('fixed', { numSamplesPerEpoch: 8, batchSize: COUNT, learningRate: 0.05 }),
    frozenBatchNorm: 'inference',
    trainedBatchNorm: 'inference',
  });
}

describe('frozen features on ONNX Runtime', () => {
  const nets: Net[] = [];
  afterAll(() => nets.forEach((n) => n.model.dispose()));

  for (const c of CASES) {
    it(`frozen features on ONNX Runtime - ${c.title}: features equal the engine's within 1e-4 and steps lose the same`, async () => {
      const def = getNet(c.net);
      const a = def.build(c.options);
      randomiseBatchNorm(a.model, 3);
      const b = def.build(c.options);
      b.model.setWeights(a.model.getWeights());
      nets.push(a, b);
      const onnxCache = new FeatureCache();
      const engineCache = new FeatureCache();
      const onOnnx = await trainer(a, c.net, c.options, c.scopes, onnxCache, 'onnx');
      const onEngine = await trainer(b, c.net, c.options, c.scopes, engineCache, 'tfjs');
      expect(onOnnx.split.boundary).toEqual(onEngine.split.boundary);
      // A [h, w, c] map checks the layout: NCHW inside the graph, channels last in the cache.
      if (c.spatial) expect(onOnnx.split.boundary.some((s) => s.shape[0]! > 1 && s.shape[1]! > 1)).toBe(true);
      const pixels = await images(c.options.imageSize, def.preprocessing);
      const labels = Int32Array.from({ length: COUNT }, (_, i) => i % 3);
      const ids = Array.from({ length: COUNT }, (_, i) => `shard:${i}`);
      const losses: [number, number][] = [];
      for (let step = 0; step < 3; step++) {
        const x = await onOnnx.step(pixels, COUNT, labels, { exampleIds: ids });
        const y = await onEngine.step(pixels, COUNT, labels, { exampleIds: ids });
        losses.push([x.loss, y.loss]);
      }
      let worst = 0;
      let largest = 0;
      for (const id of ids) {
        const [x, y] = [onnxCache.get(id)!, engineCache.get(id)!];
        expect(x.map((v) => v.length)).toEqual(onOnnx.split.boundary.map((s) => s.shape.reduce((p, d) => p * d, 1)));
        x.forEach((v, k) => v.forEach((f, i) => ((worst = Math.max(worst, Math.abs(f - y[k]![i]!))), (largest = Math.max(largest, Math.abs(f))))));
      }
      expect(largest).toBeGreaterThan(0.01); // features that carry something
      expect(worst).toBeLessThan(1e-4);
      // Three steps at the head's 0.01 carry the features' float differences into the weights: inception_v3's loss
      // drifted 1.8e-4 apart once under load (1e-5 alone). A wrong layout or boundary is off by far more.
      for (const [x, y] of losses) expect(Math.abs(x - y)).toBeLessThan(5e-4);
      expect(losses[2]![0]).not.toBe(losses[0]![0]); // it trained
      await onOnnx.dispose();
      await onEngine.dispose();
      onnxCache.close();
      engineCache.close();
    }, 180_000);
  }

  it('frozen features on ONNX Runtime - an augmented deeper job (no cache) runs its frozen prefix there every step and loses what the engine-only path loses', async () => {
    const c = CASES[1]!;
    const def = getNet(c.net);
    const a = def.build(c.options);
    randomiseBatchNorm(a.model, 5);
    const b = def.build(c.options);
    b.model.setWeights(a.model.getWeights());
    nets.push(a, b);
    const onOnnx = await trainer(a, c.net, c.options, c.scopes, undefined, 'onnx');
    const onEngine = await trainer(b, c.net, c.options, c.scopes, undefined, 'tfjs');
    expect(onOnnx.frozenRuntime).toBe('onnx');
    expect(onEngine.frozenRuntime).toBeUndefined();
    expect(onOnnx.split).toEqual(onEngine.split);
    const pixels = await images(c.options.imageSize, def.preprocessing);
    const labels = Int32Array.from({ length: COUNT }, (_, i) => i % 3);
    const losses: [number, number][] = [];
    for (let step = 0; step < 3; step++) {
      // Other pixels every step, as augmentation gives: nothing could come from a cache.
      const view = pixels.map((v, i) => v * (1 - 0.1 * step) + 0.05 * step * Math.sin(i));
      const x = await onOnnx.step(view, COUNT, labels, { exampleIds: ['shard:0', 'shard:1', 'shard:2', 'shard:3'] });
      const y = await onEngine.step(view, COUNT, labels);
      expect(onOnnx.isCached(['shard:0'])).toBe(false);
      losses.push([x.loss, y.loss]);
    }
    for (const [x, y] of losses) expect(Math.abs(x - y)).toBeLessThan(1e-4);
    expect(losses[2]![0]).not.toBe(losses[0]![0]);
    expect(onOnnx.globalStep).toBe(3);
    await onOnnx.dispose();
    await onEngine.dispose();
  }, 180_000);
});
