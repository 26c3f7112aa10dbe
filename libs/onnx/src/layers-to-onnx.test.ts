import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldBatchNorm, getNet, preprocessImage, type NetName, type NetOptions, type PreprocessingName } from '@finetune/nets';
import { randomiseBatchNorm, syntheticJpeg, useWasm } from '@finetune/nets/testing';
import { layersToOnnx, ONNX_LOGITS, ONNX_PROBABILITIES } from './layers-to-onnx';
import { onnxModelBytes } from './encode-onnx';
import { checkWithPythonOnnx, pythonWithOnnx, runOnnx } from './testing';

const python = pythonWithOnnx();
let root: string;
beforeAll(async () => {
  await useWasm();
  root = mkdtempSync(path.join(os.tmpdir(), 'onnx-export-'));
  if (!python) console.warn('onnx export: python3-onnx is not installed (apt-get install python3-onnx); its independent check is skipped');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Tiny widths and inputs, so every net of the zoo runs in seconds; the graph is the full one. */
const CASES: { net: NetName; options: NetOptions }[] = [
  { net: 'mobilenet_v2', options: { numClasses: 5, imageSize: 96, depthMultiplier: 0.25 } },
  { net: 'mobilenet_v1', options: { numClasses: 4, imageSize: 96, depthMultiplier: 0.25 } },
  // 107 is inception_v3's smallest input; odd map sizes exercise VALID pools and 'same' pads on both sides.
  { net: 'inception_v3', options: { numClasses: 3, imageSize: 107, depthMultiplier: 0.25 } },
  // ResNet's stride-2 convs pad explicitly (a Pad before a VALID conv) and its shortcuts are 1x1 max pools.
  { net: 'resnet_v1_50', options: { numClasses: 3, imageSize: 64 } },
  // vgg_16's fc6 is a 7x7 VALID conv, so 224 is its smallest input; its weights are 528 MB whatever the size.
  { net: 'vgg_16', options: { numClasses: 3, imageSize: 224 } },
];

/** The largest logit after scaling: a confident answer over a few classes. */
const LOGIT_SCALE = 2;

/**
 * Scales the logits layer so the largest logit on `x` is LOGIT_SCALE. Random weights give resnet_v1_50 logits of 1e5,
 * where float32 rounding alone (TF.js cpu against wasm) is 1; vgg_16's 25088-term fc6 sums round to 1.6e-4 at logits
 * of 10. A wrong graph is off by O(logits) at any scale.
 */
function scaleLogits(model: tf.LayersModel, x: tf.Tensor): void {
  const head = model.layers.filter((l) => l.weights.length).at(-1)!;
  const largest = tf.tidy(() => tf.max(tf.abs(model.predict(x) as tf.Tensor)).dataSync()[0]!);
  head.setWeights(head.getWeights().map((w) => tf.mul(w, LOGIT_SCALE / largest)));
}

async function imageBatch(count: number, size: number, preprocessing: PreprocessingName): Promise<Float32Array> {
  const out = new Float32Array(count * size * size * 3);
  for (let i = 0; i < count; i++) {
    const pixels = await preprocessImage(await syntheticJpeg(size + 17, 40 + i), { name: preprocessing, size, training: false, source: `image ${i}` });
    out.set(pixels, i * size * size * 3);
  }
  return out;
}

describe('onnx export', () => {
  for (const { net: name, options } of CASES) {
    it(`onnx export - ${name}'s logits on ONNX Runtime equal TF.js's within 1e-4 on real images`, async () => {
      const def = getNet(name);
      const net = def.build(options);
      randomiseBatchNorm(net.model, 5);
      const size = options.imageSize!;
      const batch = name === 'vgg_16' ? 1 : 3;
      const pixels = await imageBatch(batch, size, def.preprocessing);
      const x = tf.tensor4d(pixels, [batch, size, size, 3]);
      const model = net.model.outputs.length > 1 ? tf.model({ inputs: net.model.inputs, outputs: net.model.outputs[0]! }) : net.model;
      const { model: folded } = await foldBatchNorm(model);
      scaleLogits(folded, x);
      const expected = (folded.predict(x) as tf.Tensor).dataSync() as Float32Array;
      const bytes = onnxModelBytes(layersToOnnx(folded, { name }));
      const out = await runOnnx(bytes, pixels, [batch, size, size, 3]);
      expect(out[ONNX_LOGITS]!.dims).toEqual([batch, options.numClasses]);
      let worst = 0;
      expected.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - out[ONNX_LOGITS]!.data[i]!))));
      expect(worst).toBeLessThan(1e-4);
      const probs = out[ONNX_PROBABILITIES]!.data;
      expect(probs.slice(0, options.numClasses).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      if (python) {
        // An independent reader: python3-onnx's checker and strict shape inference accept the file and infer the outputs.
        const file = path.join(root, `${name}.onnx`);
        writeFileSync(file, bytes);
        const report = checkWithPythonOnnx(python, file);
        const shape = ['batch', options.numClasses];
        expect(report).toEqual({ opset: 13, declared: { logits: shape, probabilities: shape }, inferred: { logits: shape, probabilities: shape } });
        rmSync(file);
      }
      tf.dispose(x);
      folded.dispose();
      net.model.dispose();
      // vgg_16 builds, folds and serialises 528 MB of weights: about 40 s idle, over 120 s on a loaded 2-core machine.
    }, name === 'vgg_16' ? 300_000 : 120_000);
  }

  it('onnx export - zero padding merged into VALID and SAME convs, a Pad node before a flatten, a dense head, as TF.js computes them', async () => {
    // Not all in the zoo's graphs, which pad only before VALID convs. Inputs are dark (negative), so a pad lost shows.
    const input = tf.input({ shape: [9, 9, 3] });
    const layer = (l: tf.layers.Layer, x: tf.SymbolicTensor) => l.apply(x) as tf.SymbolicTensor;
    let x = layer(tf.layers.zeroPadding2d({ name: 'pad_a', padding: [[1, 2], [0, 1]] }), input);
    x = layer(tf.layers.conv2d({ name: 'conv_a', filters: 4, kernelSize: 3, strides: 2, padding: 'valid', biasInitializer: 'randomNormal' }), x);
    x = layer(tf.layers.zeroPadding2d({ name: 'pad_b', padding: [[1, 0], [0, 1]] }), x);
    x = layer(tf.layers.conv2d({ name: 'conv_b', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu6', biasInitializer: 'randomNormal' }), x);
    x = layer(tf.layers.zeroPadding2d({ name: 'pad_c', padding: [[0, 1], [1, 0]] }), x);
    x = layer(tf.layers.flatten({ name: 'flat' }), x);
    x = layer(tf.layers.dense({ name: 'head', units: 3, biasInitializer: 'randomNormal' }), x);
    const model = tf.model({ inputs: input, outputs: x });
    const pixels = (await imageBatch(2, 9, 'inception')).map((v) => v - 1);
    const expected = (model.predict(tf.tensor4d(pixels, [2, 9, 9, 3])) as tf.Tensor).dataSync();
    const onnx = layersToOnnx(model, { name: 'padded' });
    expect(onnx.graph.nodes.filter((n) => n.op === 'Pad').map((n) => n.name)).toEqual(['pad_c']);
    const out = await runOnnx(onnxModelBytes(onnx), pixels, [2, 9, 9, 3]);
    expected.forEach((v, i) => expect(Math.abs(v - out[ONNX_LOGITS]!.data[i]!)).toBeLessThan(1e-5));
    model.dispose();
  });

  it('onnx export - a max pool of zero padding is refused by layer: ONNX Runtime would pool the zeros as -inf', () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const padded = tf.layers.zeroPadding2d({ name: 'pad', padding: 1 }).apply(input) as tf.SymbolicTensor;
    const pooled = tf.layers.maxPooling2d({ name: 'pool', poolSize: 2 }).apply(padded) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ name: 'head', units: 2 }).apply(tf.layers.flatten({ name: 'flat' }).apply(pooled)) as tf.SymbolicTensor });
    expect(() => layersToOnnx(model, { name: 'p' })).toThrow(/layer pool max-pools zero padding \(pad\)/);
    model.dispose();
  });
});
