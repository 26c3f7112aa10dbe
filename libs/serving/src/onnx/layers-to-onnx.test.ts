import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldBatchNorm, getNet, preprocessImage, type NetName, type NetOptions, type PreprocessingName } from '@finetune/nets';
import { randomiseBatchNorm } from '@finetune/nets/testing';
import { testImage, useWasm } from '../testing';
import { layersToOnnx, ONNX_LOGITS, ONNX_PROBABILITIES } from './layers-to-onnx';
import { checkWithPythonOnnx, onnxBytes, pythonWithOnnx, runOnnx } from './testing';

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

/**
 * Scales the logits layer so the largest logit on `x` is 10, as after training. Random weights give resnet_v1_50
 * logits of 1e5, where float32 rounding alone (TF.js cpu against wasm) is 1; a wrong graph is off by O(logits) at any scale.
 */
function scaleLogits(model: tf.LayersModel, x: tf.Tensor): void {
  const head = model.layers.filter((l) => l.weights.length).at(-1)!;
  const largest = tf.tidy(() => tf.max(tf.abs(model.predict(x) as tf.Tensor)).dataSync()[0]!);
  head.setWeights(head.getWeights().map((w) => tf.mul(w, 10 / largest)));
}

async function imageBatch(count: number, size: number, preprocessing: PreprocessingName): Promise<Float32Array> {
  const out = new Float32Array(count * size * size * 3);
  for (let i = 0; i < count; i++) {
    const pixels = await preprocessImage(await testImage(size + 17, 40 + i), { name: preprocessing, size, training: false, source: `image ${i}` });
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
      const bytes = onnxBytes(layersToOnnx(folded, { name }));
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
    }, 120_000);
  }
});
