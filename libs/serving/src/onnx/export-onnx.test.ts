import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../checksums';
import { exportModel, type ExportOptions } from '../export-model';
import { loadModelVersion } from '../load-model';
import { ONNX_MODEL_FILE } from '../model-metadata';
import { useWasm, writeTinyCheckpoint } from '../testing';
import { runOnnx } from '@finetune/onnx/testing';

const LABELS = ['daisy', 'roses', 'tulips'];
let root: string;
let trainDir: string;
let datasetDir: string;

beforeAll(async () => {
  await useWasm();
  root = mkdtempSync(path.join(os.tmpdir(), 'serving-export-onnx-'));
  trainDir = path.join(root, 'train');
  datasetDir = path.join(root, 'dataset');
  mkdirSync(datasetDir);
  writeFileSync(path.join(datasetDir, 'label.txt'), `${LABELS.join('\n')}\n`);
  await writeTinyCheckpoint(trainDir, { step: 3, labels: LABELS });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = (over: Partial<ExportOptions>): ExportOptions => ({
  trainDir,
  selection: { kind: 'newest' },
  modelName: 'mobilenet_v2',
  datasetDir,
  imageSize: 40,
  repository: path.join(root, 'models'),
  servedModelName: 'flowers',
  ...over,
});

describe('export onnx', () => {
  for (const foldBatchNorm of [true, false]) {
    it(`export onnx - model.onnx is listed with its checksum and gives the TF.js graph's logits (fold ${foldBatchNorm})`, async () => {
      const result = await exportModel(options({ servedModelName: `flowers-${foldBatchNorm}`, foldBatchNorm }));
      const file = path.join(result.dir, ONNX_MODEL_FILE);
      expect(result.metadata.files[ONNX_MODEL_FILE]).toBe(await sha256File(file));
      const bytes = readFileSync(file);
      // Batch norms are folded into the file even when the TF.js graph keeps them.
      expect(bytes.includes('BatchNormalization')).toBe(false);
      expect(bytes.includes('"daisy","roses","tulips"')).toBe(true); // labels in metadata_props
      const served = await loadModelVersion(result.dir, { expectedSha256: result.metadata.sha256 });
      const x = tf.randomUniform([2, 40, 40, 3], -1, 1, 'float32', 4);
      const expected = (served.model.predict(x) as tf.Tensor).dataSync();
      const out = await runOnnx(bytes, x.dataSync() as Float32Array, [2, 40, 40, 3]);
      expect(out.logits!.dims).toEqual([2, 3]);
      expect(Math.max(...Array.from(expected, (v, i) => Math.abs(v - out.logits!.data[i]!)))).toBeLessThan(1e-4);
      tf.dispose(x);
      served.model.dispose();
    });
  }
});
