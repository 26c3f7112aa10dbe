// A converted Keras application on disk, quantized as shipped and dequantized to float32, maps onto
// the same Slim variables with the same values as the builtin.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCheckpoint } from './builtin-checkpoint';
import { openLayersArtifact } from './layers-artifact';
import { loadNsfwjsArtifacts } from './nsfwjs-artifacts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'layers-artifact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes artifacts as tensorflowjs_converter lays them out: model.json plus one binary shard. */
function writeArtifact(name: string, artifacts: tf.io.ModelArtifacts): string {
  const folder = path.join(dir, name);
  const json = { format: 'layers-model', modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }] };
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'model.json'), JSON.stringify(json));
  writeFileSync(path.join(folder, 'group1-shard1of1.bin'), Buffer.from(artifacts.weightData as ArrayBuffer));
  return path.join(folder, 'model.json');
}

describe('layers artifact', () => {
  it('layers artifact - a quantized and a float32 model.json both load under Slim names with the builtin values', async () => {
    const quantized = loadNsfwjsArtifacts('mobilenet_v2');
    const decoded = tf.io.decodeWeights(quantized.weightData as ArrayBuffer, quantized.weightSpecs!);
    const floatSpecs = quantized.weightSpecs!.map((s) => ({ name: s.name, shape: s.shape, dtype: 'float32' as const }));
    const floatData = await tf.io.encodeWeights(decoded, quantized.weightSpecs!.map((s) => ({ name: s.name })) as never);
    Object.values(decoded).forEach((t) => t.dispose());

    const builtin = await builtinCheckpoint('mobilenet_v2');
    const fromQuantized = await openLayersArtifact(writeArtifact('quantized', quantized));
    const fromFloat = await openLayersArtifact(writeArtifact('float', { ...quantized, weightSpecs: floatSpecs, weightData: floatData.data }));

    expect(fromQuantized.list()).toEqual(builtin.list());
    expect(fromFloat.list()).toEqual(builtin.list());
    const name = 'MobilenetV2/expanded_conv_3/expand/weights';
    expect(fromFloat.list().map((e) => e.name)).toContain(name);
    const want = await builtin.read(name);
    expect(await fromQuantized.read(name)).toEqual(want);
    const got = await fromFloat.read(name);
    expect(Math.max(...got.map((v, i) => Math.abs(v - want[i]!)))).toBeLessThan(1e-6);
  });

  it('layers artifact - a model.json that is not a known Keras application is refused by name', async () => {
    const file = path.join(dir, 'other.json');
    writeFileSync(file, JSON.stringify({ modelTopology: { model_config: { config: { layers: [{ name: 'dense' }] } } }, weightsManifest: [] }));
    await expect(openLayersArtifact(file)).rejects.toThrowError(/not a Keras application Finetune can map onto Slim names; known: .*mobilenet_v2 \(Keras layer out_relu\)/);
    writeFileSync(file, '{ not json');
    await expect(openLayersArtifact(file)).rejects.toThrowError(/is not a TF.js layers model.json/);
  });
});
