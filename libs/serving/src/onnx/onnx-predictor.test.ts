import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactChecksum, sha256File } from '../checksums';
import { InvalidModelError } from '../errors';
import { exportModel } from '../export-model';
import { verifyModelVersion } from '../load-model';
import { MODEL_METADATA_FILE, ONNX_MODEL_FILE, type ModelMetadata } from '../model-metadata';
import { startModelPredictor } from '../model-predictor';
import { testImage, useWasm, writeTinyCheckpoint } from '../testing';
import { imageToInput } from '../image-input';

const LABELS = ['daisy', 'roses', 'tulips'];
const SIZE = 40;
let root: string;
let version: string;

beforeAll(async () => {
  await useWasm();
  root = mkdtempSync(path.join(os.tmpdir(), 'serving-onnx-predictor-'));
  const trainDir = path.join(root, 'train');
  const datasetDir = path.join(root, 'dataset');
  mkdirSync(datasetDir);
  writeFileSync(path.join(datasetDir, 'label.txt'), `${LABELS.join('\n')}\n`);
  await writeTinyCheckpoint(trainDir, { step: 1, labels: LABELS });
  const result = await exportModel({ trainDir, selection: { kind: 'newest' }, modelName: 'mobilenet_v2', datasetDir, imageSize: SIZE, repository: path.join(root, 'models'), servedModelName: 'flowers' });
  version = result.dir;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the version with `edit` applied, its metadata's checksums brought up to date, so only the edit is wrong. */
async function editedCopy(name: string, edit: (dir: string, files: Record<string, string>) => void): Promise<string> {
  const dir = path.join(root, name);
  cpSync(version, dir, { recursive: true });
  const metadata = JSON.parse(readFileSync(path.join(dir, MODEL_METADATA_FILE), 'utf8')) as ModelMetadata;
  edit(dir, metadata.files);
  for (const f of Object.keys(metadata.files)) metadata.files[f] = await sha256File(path.join(dir, f));
  metadata.sha256 = artifactChecksum(metadata.files);
  writeFileSync(path.join(dir, MODEL_METADATA_FILE), JSON.stringify(metadata));
  return dir;
}

const options = { workers: 0, backend: 'wasm', name: 'flowers version 1', onnxThreads: 1 };

describe('onnx predictor', () => {
  it('onnx predictor - serves model.onnx on ONNX Runtime with the TF.js graph\'s logits on real images', async () => {
    const verified = await verifyModelVersion(version);
    const onnx = await startModelPredictor(verified, { ...options, runtime: 'onnx' });
    const tfjs = await startModelPredictor(verified, { ...options, runtime: 'tfjs' });
    expect([onnx.runtime, tfjs.runtime]).toEqual(['onnx', 'tfjs']);
    const inputs = await Promise.all([1, 2, 3, 4, 5].map(async (seed) => imageToInput(await testImage(64, seed), { size: SIZE, preprocessing: 'inception', maxPixels: 1e6, source: `image ${seed}` })));
    const [a, b] = await Promise.all([onnx.predict(inputs), tfjs.predict(inputs)]);
    expect(a.map((row) => row.length)).toEqual([3, 3, 3, 3, 3]);
    for (let i = 0; i < inputs.length; i++) for (let j = 0; j < 3; j++) expect(Math.abs(a[i]![j]! - b[i]![j]!)).toBeLessThan(1e-4);
    await Promise.all([onnx.dispose(), tfjs.dispose()]);
  });

  it('onnx predictor - a version exported before model.onnx existed runs on TF.js', async () => {
    const dir = await editedCopy('no-onnx', (d, files) => {
      rmSync(path.join(d, ONNX_MODEL_FILE));
      delete files[ONNX_MODEL_FILE];
    });
    const predictor = await startModelPredictor(await verifyModelVersion(dir), { ...options, runtime: 'onnx' });
    expect(predictor.runtime).toBe('tfjs');
    await predictor.dispose();
  });

  it('onnx predictor - a changed model.onnx is refused by its checksum, naming the file', async () => {
    const dir = path.join(root, 'changed');
    cpSync(version, dir, { recursive: true });
    const file = path.join(dir, ONNX_MODEL_FILE);
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(file, bytes);
    await expect(verifyModelVersion(dir)).rejects.toThrow(new RegExp(`${file}: SHA-256 is [0-9a-f]{64} but the metadata records`));
  });

  it('onnx predictor - a model.onnx ONNX Runtime cannot load, or with the wrong class count, is refused naming the file', async () => {
    const garbage = await editedCopy('garbage', (d) => writeFileSync(path.join(d, ONNX_MODEL_FILE), 'not a protobuf at all'));
    const err = await startModelPredictor(await verifyModelVersion(garbage), { ...options, runtime: 'onnx' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidModelError);
    expect((err as Error).message).toMatch(new RegExp(`^${path.join(garbage, ONNX_MODEL_FILE)}: cannot be loaded by ONNX Runtime .*--runtime tfjs`));

    const fewer = await editedCopy('fewer-labels', () => undefined);
    const metadataFile = path.join(fewer, MODEL_METADATA_FILE);
    writeFileSync(metadataFile, JSON.stringify({ ...JSON.parse(readFileSync(metadataFile, 'utf8')), labels: ['daisy', 'roses'] }));
    await expect(startModelPredictor(await verifyModelVersion(fewer), { ...options, runtime: 'onnx' })).rejects.toThrow(/model\.onnx: gives 3 logits but there are 2 labels/);
  });
});
