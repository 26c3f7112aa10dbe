import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaJsonPath, openCheckpoint, readFloat32, saveCheckpoint } from '@finetune/checkpoint';
import { convertImageFolder } from '@finetune/datasets';
import { makeImageTree } from '@finetune/datasets/testing';
import { getNet, movingAverageName, restoreVariables } from '@finetune/nets';
import { checkpointSource } from '@finetune/nets';
import { artifactChecksum } from './checksums';
import { exportModel, type ExportOptions } from './export-model';
import { loadModelVersion } from './load-model';
import { listVersions } from './model-repository';
import { useWasm, writeEvaluation, writeSkippedEvaluation, writeTinyCheckpoint } from './testing';

const LABELS = ['daisy', 'roses', 'tulips'];
let root: string;
let trainDir: string;
let datasetDir: string;
let repository: string;
const prefixes: string[] = [];

beforeAll(async () => {
  await useWasm();
  root = mkdtempSync(path.join(os.tmpdir(), 'serving-export-'));
  trainDir = path.join(root, 'train');
  datasetDir = path.join(root, 'dataset');
  repository = path.join(root, 'models');
  mkdirSync(datasetDir);
  writeFileSync(path.join(datasetDir, 'label.txt'), `${LABELS.join('\n')}\n`);
  for (const step of [0, 10, 20]) prefixes.push(await writeTinyCheckpoint(trainDir, { step, labels: LABELS }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = (over: Partial<ExportOptions> = {}): ExportOptions => ({
  trainDir,
  selection: { kind: 'newest' },
  modelName: 'mobilenet_v2',
  datasetDir,
  imageSize: 48,
  repository,
  servedModelName: 'flowers',
  ...over,
});

/** A checkpoint's variables, global step aside. */
async function read(prefix: string) {
  const reader = await openCheckpoint(prefix);
  const out = await Promise.all(reader.list().map(async (v) => ({ name: v.name, dtype: 'float32' as const, shape: [...v.shape], values: await readFloat32(reader, v.name) })));
  await reader.close();
  return out.filter((v) => v.name !== 'global_step');
}

/** The net of a checkpoint's variables. */
async function logitsOf(prefix: string) {
  const net = getNet('mobilenet_v2').build({ numClasses: 3, imageSize: 48, depthMultiplier: 0.35 });
  const reader = await openCheckpoint(prefix);
  await restoreVariables(net, checkpointSource(reader));
  await reader.close();
  return net;
}

describe('export', () => {
  it('export - writes version 1 with the frozen graph, labels, metadata and checksums, then version 2', async () => {
    const first = await exportModel(options());
    expect(first.metadata.version).toBe(1);
    expect(first.dir).toBe(path.join(repository, 'flowers', '1'));
    expect(readdirSync(first.dir).sort()).toEqual(['finetune-model.json', 'labels.txt', 'model.json', 'model.onnx', 'weights.bin']);
    const m = first.metadata;
    expect(m).toMatchObject({ name: 'flowers', modelName: 'mobilenet_v2', labels: LABELS, imageSize: 48, preprocessing: 'inception' });
    expect(m.source).toMatchObject({ checkpointPath: prefixes[2], step: 20 });
    expect(m.metrics).toBeUndefined();
    expect(m.foldedBatchNorms.length).toBeGreaterThan(40);
    expect(m.sha256).toBe(artifactChecksum(m.files));
    expect(readFileSync(path.join(first.dir, 'labels.txt'), 'utf8')).toBe('daisy\nroses\ntulips\n');
    const topology = JSON.parse(readFileSync(path.join(first.dir, 'model.json'), 'utf8'));
    expect(JSON.stringify(topology)).not.toContain('BatchNormalization');

    const second = await exportModel(options({ selection: { kind: 'step', step: 10 } }));
    expect(second.metadata.version).toBe(2);
    expect(second.metadata.source.step).toBe(10);
    expect(await listVersions(repository, 'flowers')).toEqual([1, 2]);
    // Version 1 was not touched by writing version 2.
    expect(JSON.parse(readFileSync(path.join(first.dir, 'finetune-model.json'), 'utf8')).sha256).toBe(m.sha256);
    expect(readdirSync(path.join(repository, 'flowers')).sort()).toEqual(['1', '2']);
  });

  it('export - the served model gives the checkpoint net\'s logits within 1e-4', async () => {
    const result = await exportModel(options({ servedModelName: 'same-logits' }));
    const served = await loadModelVersion(result.dir, { expectedSha256: result.metadata.sha256 });
    const net = getNet('mobilenet_v2').build({ numClasses: 3, imageSize: 48, depthMultiplier: 0.35 });
    const reader = await openCheckpoint(prefixes[2]!);
    await restoreVariables(net, checkpointSource(reader));
    await reader.close();
    const x = tf.randomUniform([2, 48, 48, 3], -1, 1, 'float32', 9);
    const a = net.model.predict(x) as tf.Tensor;
    const b = served.model.predict(x) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-4);
    tf.dispose([x, a, b]);
    served.model.dispose();
    net.model.dispose();
  });

  it('export - --moving_average_decay exports the checkpoint\'s moving averages; a checkpoint without any is refused naming it', async () => {
    // The variables of step 20 with the weights of step 10 as their averages.
    const averages = (await read(prefixes[1]!)).map((v) => ({ ...v, name: movingAverageName(v.name) }));
    const dir = path.join(root, 'train-averaged');
    await saveCheckpoint(dir, 30, [...(await read(prefixes[2]!)), ...averages], { modelName: 'mobilenet_v2', numClasses: 3, labelNames: LABELS });
    const result = await exportModel(options({ trainDir: dir, servedModelName: 'averaged', movingAverageDecay: 0.9999 }));
    expect(result.metadata.source).toMatchObject({ step: 30, movingAverageDecay: 0.9999 });
    const served = await loadModelVersion(result.dir, { expectedSha256: result.metadata.sha256 });
    const [averaged, variables] = await Promise.all([logitsOf(prefixes[1]!), logitsOf(prefixes[2]!)]);
    const x = tf.randomUniform([2, 48, 48, 3], -1, 1, 'float32', 9);
    const [a, v, b] = [averaged.model.predict(x), variables.model.predict(x), served.model.predict(x)] as tf.Tensor[];
    expect(tf.max(tf.abs(tf.sub(a!, b!))).dataSync()[0]).toBeLessThan(1e-4);
    expect(tf.max(tf.abs(tf.sub(v!, b!))).dataSync()[0], 'not the variables').toBeGreaterThan(1e-3);
    tf.dispose([x, a!, v!, b!]);
    for (const m of [served, averaged, variables]) m.model.dispose();
    await expect(exportModel(options({ servedModelName: 'raw', movingAverageDecay: 0.9999 }))).rejects.toThrow(/model\.ckpt-20 lacks variables of the net: \S+\/ExponentialMovingAverage; it holds no moving averages/);
    await expect(exportModel(options({ servedModelName: 'raw', movingAverageDecay: 1 }))).rejects.toThrow(/^moving_average_decay: is 1; expected a number in \(0, 1\)$/);
  });

  it('export - best by accuracy takes the highest accuracy, the newer step on a tie, and records its metrics', async () => {
    const dir = path.join(root, 'train-best');
    const p5 = await writeTinyCheckpoint(dir, { step: 5, labels: LABELS });
    const p6 = await writeTinyCheckpoint(dir, { step: 6, labels: LABELS });
    await writeTinyCheckpoint(dir, { step: 7, labels: LABELS });
    await writeEvaluation(dir, 5, 0.8, p5);
    await writeEvaluation(dir, 6, 0.8, p6);
    await writeEvaluation(dir, 7, 0.5, p6);
    const result = await exportModel(options({ trainDir: dir, selection: { kind: 'best-accuracy' }, servedModelName: 'best' }));
    expect(result.metadata.source.step).toBe(6);
    expect(result.metadata.metrics).toMatchObject({ accuracy: 0.8, k: 3 });
  });

  it('export - best by accuracy exports the weights its record measured; a flag asking for averages the record did not measure is refused naming both', async () => {
    // Step 30: the variables of step 20, the weights of step 10 as averages, evaluated (automatically) on the averages.
    const dir = path.join(root, 'train-best-averaged');
    const averages = (await read(prefixes[1]!)).map((v) => ({ ...v, name: movingAverageName(v.name) }));
    const p30 = (await saveCheckpoint(dir, 30, [...(await read(prefixes[2]!)), ...averages], { modelName: 'mobilenet_v2', numClasses: 3, labelNames: LABELS, movingAverageDecay: 0.999 })).prefix;
    await writeEvaluation(dir, 30, 0.9, p30, 0.999);
    const best = await exportModel(options({ trainDir: dir, selection: { kind: 'best-accuracy' }, servedModelName: 'best-averaged' }));
    expect(best.metadata.source).toMatchObject({ step: 30, movingAverageDecay: 0.999 });
    expect(best.metadata.metrics).toMatchObject({ accuracy: 0.9 });
    const served = await loadModelVersion(best.dir, { expectedSha256: best.metadata.sha256 });
    const [averaged, variables] = await Promise.all([logitsOf(prefixes[1]!), logitsOf(prefixes[2]!)]);
    const x = tf.randomUniform([2, 48, 48, 3], -1, 1, 'float32', 9);
    const [a, v, b] = [averaged.model.predict(x), variables.model.predict(x), served.model.predict(x)] as tf.Tensor[];
    expect(tf.max(tf.abs(tf.sub(a!, b!))).dataSync()[0], 'the averages, as measured').toBeLessThan(1e-4);
    expect(tf.max(tf.abs(tf.sub(v!, b!))).dataSync()[0], 'not the variables').toBeGreaterThan(1e-3);
    tf.dispose([x, a!, v!, b!]);
    for (const m of [served, averaged, variables]) m.model.dispose();

    // Another step, better, measured on its variables: asked for the averages, --best refuses and writes nothing.
    const p31 = (await saveCheckpoint(dir, 31, [...(await read(prefixes[2]!)), ...averages], { modelName: 'mobilenet_v2', numClasses: 3, labelNames: LABELS, movingAverageDecay: 0.999 })).prefix;
    await writeEvaluation(dir, 31, 0.95, p31);
    const refused = exportModel(options({ trainDir: dir, selection: { kind: 'best-accuracy' }, servedModelName: 'refused', movingAverageDecay: 0.999 }));
    await expect(refused).rejects.toThrow(
      /^moving_average_decay: is 0\.999, but the best checkpoint, step 31, was chosen by \S+train-best-averaged\/eval\/step-31\.json, which measured its variables, not its moving averages; drop moving_average_decay/,
    );
    expect(existsSync(path.join(repository, 'refused'))).toBe(false);
    const ofVariables = await exportModel(options({ trainDir: dir, selection: { kind: 'best-accuracy' }, servedModelName: 'best-variables' }));
    expect(ofVariables.metadata.source).toMatchObject({ step: 31 });
    expect(ofVariables.metadata.source).not.toHaveProperty('movingAverageDecay');
    expect(ofVariables.metadata.metrics).toMatchObject({ accuracy: 0.95 });

    // A step chosen by number exports what the flag says; the step's metrics come only with the weights they measured.
    const step30 = (movingAverageDecay?: number) => options({ trainDir: dir, selection: { kind: 'step', step: 30 }, servedModelName: 'step-30', movingAverageDecay });
    expect((await exportModel(step30())).metadata.metrics).toBeUndefined();
    expect((await exportModel(step30(0.999))).metadata.metrics).toMatchObject({ accuracy: 0.9 });
  });

  it('export - a checkpoint the evaluator skipped (accuracy null) does not stop the export of another', async () => {
    const dir = path.join(root, 'train-skipped');
    const p5 = await writeTinyCheckpoint(dir, { step: 5, labels: LABELS });
    await writeTinyCheckpoint(dir, { step: 40, labels: LABELS });
    await writeEvaluation(dir, 5, 0.6, p5);
    await writeSkippedEvaluation(dir, 39, path.join(dir, 'model.ckpt-39'));
    const best = await exportModel(options({ trainDir: dir, selection: { kind: 'best-accuracy' }, servedModelName: 'skipped' }));
    expect(best.metadata.source.step).toBe(5);
    expect(best.metadata.metrics).toMatchObject({ accuracy: 0.6, k: 3 });
    const newest = await exportModel(options({ trainDir: dir, servedModelName: 'skipped' }));
    expect(newest.metadata.source.step).toBe(40);
    expect(newest.metadata.metrics).toBeUndefined();
  });

  it('export - takes the input size, preprocessing and labels the checkpoint records, and the dataset\'s name', async () => {
    const dir = path.join(root, 'train-96');
    const prefix = await writeTinyCheckpoint(dir, { step: 3, labels: LABELS, imageSize: 64 });
    // The sidecar as training writes it once it records preprocessing (older sidecars do not).
    const sidecar = JSON.parse(readFileSync(metaJsonPath(prefix), 'utf8'));
    writeFileSync(metaJsonPath(prefix), JSON.stringify({ ...sidecar, preprocessing: 'vgg' }));
    const dataset = path.join(root, 'pic-data');
    await makeImageTree(path.join(root, 'pic'));
    await convertImageFolder({ trainDir: path.join(root, 'pic'), outputDir: dataset, datasetName: 'flowers', validationRatio: 0.34, trainShards: 1, validationShards: 1, numThreads: 1 });
    // A label.txt that disagrees: the checkpoint's own labels are what its logits mean.
    writeFileSync(path.join(dataset, 'label.txt'), 'x\ny\nz\n');
    const result = await exportModel({ trainDir: dir, selection: { kind: 'newest' }, modelName: 'mobilenet_v2', datasetDir: dataset, repository });
    expect(path.basename(path.dirname(result.dir))).toBe('flowers');
    expect(result.metadata).toMatchObject({ name: 'flowers', imageSize: 64, preprocessing: 'vgg', labels: LABELS });

    const told = await exportModel({ trainDir: dir, selection: { kind: 'newest' }, modelName: 'mobilenet_v2', repository, servedModelName: 'told', imageSize: 48, preprocessingName: 'inception' });
    expect(told.metadata).toMatchObject({ imageSize: 48, preprocessing: 'inception' });

    const noManifest = await exportModel({ trainDir: dir, selection: { kind: 'newest' }, modelName: 'mobilenet_v2', datasetDir, repository }).catch((e) => e);
    expect(noManifest.message).toMatch(/^dataset_dir: .* has no readable manifest to name the model after .*: give --served_model_name$/);
  });

  it('export - best by accuracy with no evaluation yet is a failed precondition', async () => {
    const err = await exportModel(options({ selection: { kind: 'best-accuracy' }, servedModelName: 'none' })).catch((e) => e);
    expect(err.kind).toBe('failed-precondition');
    expect(err.message).toMatch(/no evaluations yet in .*train\/eval/);
    expect(await listVersions(repository, 'none')).toEqual([]);
    expect(existsSync(path.join(repository, 'none'))).toBe(false); // nothing written
  });

  it('export - a missing step, a wrong label count and a bad name are errors naming the field', async () => {
    const missing = await exportModel(options({ selection: { kind: 'step', step: 99 } })).catch((e) => e);
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toMatch(/no checkpoint at step 99; steps present: 0, 10, 20/);

    const other = path.join(root, 'dataset-4');
    mkdirSync(other);
    writeFileSync(path.join(other, 'label.txt'), 'a\nb\nc\nd\n');
    const labels = await exportModel(options({ labelsFile: path.join(other, 'label.txt') })).catch((e) => e);
    expect(labels.kind).toBe('invalid-argument');
    expect(labels.message).toMatch(/labels_file: 4 labels but the checkpoint has 3 classes/);

    const preprocessing = await exportModel(options({ preprocessingName: 'inceptoin' })).catch((e) => e);
    expect(preprocessing.message).toMatch(/preprocessing_name: "inceptoin" is not a preprocessing; type one of inception, vgg/);

    const name = await exportModel(options({ servedModelName: '../x' })).catch((e) => e);
    expect(name.message).toMatch(/served_model_name: "..\/x" is not a valid served model name/);

    const model = await exportModel(options({ modelName: 'inception_v3' })).catch((e) => e);
    expect(model.message).toMatch(/model_name: is inception_v3 but .* is a checkpoint of mobilenet_v2/);
  });

  it('export - loading refuses a version whose weights were changed after export', async () => {
    const result = await exportModel(options({ servedModelName: 'tampered' }));
    const weights = path.join(result.dir, 'weights.bin');
    const bytes = readFileSync(weights);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(weights, bytes);
    const err = await loadModelVersion(result.dir).catch((e) => e);
    expect(err.kind).toBe('failed-precondition');
    expect(err.message).toMatch(/weights\.bin: SHA-256 is [0-9a-f]{64} but the metadata records/);
  });
});
