// The exporter's handlers on real checkpoints of a small net in a temp dir, publishing to a real nats-server -js.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { exporterV1 } from '@finetune/contracts';
import { startTestEventBus, type TestEventBus } from '@finetune/events/testing';
import { createLogger } from '@finetune/runtime';
import { useWasm, writeEvaluation, writeTinyCheckpoint } from '@finetune/serving/testing';
import { createArtifactStore, volumeTransfer, type ArtifactStore } from '@finetune/store';
import { serialQueue } from '../serial-queue';
import { exportHandler } from './export';
import { listModels } from './list-models';

const LABELS = ['daisy', 'roses', 'tulips'];
let root: string;
let store: ArtifactStore;
let bus: TestEventBus;
const prefixes: string[] = [];
const warnings: string[] = [];
const log = createLogger({}, { level: 'warn', write: (line) => warnings.push(line) });

beforeAll(async () => {
  await useWasm();
  root = mkdtempSync(path.join(os.tmpdir(), 'exporter-handlers-'));
  store = createArtifactStore(root);
  bus = await startTestEventBus();
  const trainDir = path.join(root, 'train', 'job-1');
  for (const step of [0, 10]) prefixes.push(await writeTinyCheckpoint(trainDir, { step, labels: LABELS, imageSize: 32 }));
  // The evaluator found the older checkpoint better: best-accuracy must pick step 0.
  await writeEvaluation(trainDir, 0, 0.9, prefixes[0]!);
  await writeEvaluation(trainDir, 10, 0.4, prefixes[1]!);
  mkdirSync(path.join(root, 'datasets', 'flowers'), { recursive: true });
  writeFileSync(path.join(root, 'datasets', 'flowers', 'label.txt'), `${LABELS.join('\n')}\n`);
});
afterAll(async () => {
  await bus?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

const request = (fields: Partial<exporterV1.ExportRequest__Output> = {}): exporterV1.ExportRequest__Output => ({
  train_dir: 'train/job-1',
  job_id: 'job-1',
  selector: 'CHECKPOINT_SELECTOR_NEWEST',
  step: '0',
  model_name: 'mobilenet_v2',
  dataset_dir: 'datasets/flowers',
  image_size: 0,
  preprocessing_name: '',
  alpha_background: '',
  labels_file: '',
  output_directory: '',
  served_model_name: 'flowers',
  ...fields,
});

const exportOf = (fields: Partial<exporterV1.ExportRequest__Output> = {}) =>
  exportHandler({ store, dataRoot: store, transfer: volumeTransfer(), events: bus.publisher, serialize: serialQueue() })(request(fields));

describe('exporter handlers', () => {
  it('exporter handlers - Export writes the next version of the newest, a given step, then the best checkpoint, and announces each', async () => {
    const newest = (await exportOf()).model!;
    expect(newest).toMatchObject({ name: 'flowers', model_name: 'mobilenet_v2', labels: LABELS, job_id: 'job-1' });
    expect(Number(newest.version)).toBe(1);
    expect(newest.path).toBe(path.join(store.modelRepository(), 'flowers', '1'));
    expect(newest.source_checkpoint).toMatchObject({ path_prefix: prefixes[1] });
    expect(JSON.parse(readFileSync(path.join(newest.path!, 'finetune-model.json'), 'utf8'))).toMatchObject({ imageSize: 32, source: { step: 10 } });
    const byStep = (await exportOf({ selector: 'CHECKPOINT_SELECTOR_STEP', step: '0' })).model!;
    expect(Number(byStep.version)).toBe(2);
    expect(Number(byStep.source_checkpoint?.step)).toBe(0);
    const best = (await exportOf({ selector: 'CHECKPOINT_SELECTOR_BEST_ACCURACY' })).model!;
    expect(Number(best.version)).toBe(3);
    expect(best.source_checkpoint?.path_prefix).toBe(prefixes[0]);
    expect(best.metrics?.accuracy).toBeCloseTo(0.9);
    const events = await bus.published('modelExported');
    expect(events.map((e) => Number(e.version))).toEqual([1, 2, 3]);
    expect(events.every((e) => e.name === 'flowers' && e.path?.startsWith(store.modelRepository()))).toBe(true);
  });

  it('exporter handlers - Export refuses bad requests by field before touching the repository', async () => {
    await expect(exportOf({ train_dir: '' })).rejects.toMatchObject({ kind: 'invalid-argument', message: 'train_dir is empty: name the train dir holding the checkpoints' });
    await expect(exportOf({ model_name: '' })).rejects.toMatchObject({ kind: 'invalid-argument', message: 'model_name is empty: name the network, e.g. mobilenet_v2' });
    await expect(exportOf({ selector: 'CHECKPOINT_SELECTOR_STEP', step: 'ten' })).rejects.toMatchObject({ kind: 'invalid-argument', message: 'step: ten is not a checkpoint step' });
    await expect(exportOf({ selector: 'CHECKPOINT_SELECTOR_LATEST' as never })).rejects.toThrow(/selector: "CHECKPOINT_SELECTOR_LATEST" is not a checkpoint selector/);
    await expect(exportOf({ image_size: -1 })).rejects.toThrow(/image_size: -1 is negative/);
    await expect(exportOf({ train_dir: '../elsewhere' })).rejects.toThrow(/train_dir "\.\.\/elsewhere" is outside the data root/);
    await expect(exportOf({ preprocessing_name: 'inceptoin' })).rejects.toMatchObject({ kind: 'invalid-argument', message: expect.stringMatching(/^preprocessing_name: "inceptoin" is not a preprocessing/) });
    await expect(exportOf({ selector: 'CHECKPOINT_SELECTOR_STEP', step: '99' })).rejects.toThrow(/no checkpoint at step 99/);
    const { models } = await listModels({ store, log })({ name: '' });
    expect(models?.map((m) => Number(m.version))).toEqual([1, 2, 3]);
  });

  it('exporter handlers - ListModels lists versions by name, oldest first, and skips a damaged one with a warning', async () => {
    const damaged = path.join(store.modelRepository(), 'flowers', '4');
    mkdirSync(damaged);
    writeFileSync(path.join(damaged, 'finetune-model.json'), '{ not json');
    const { models } = await listModels({ store, log })({ name: 'flowers' });
    expect(models?.map((m) => `${m.name}/${m.version}`)).toEqual(['flowers/1', 'flowers/2', 'flowers/3']);
    expect(models?.every((m) => Number(m.size_bytes) > 0)).toBe(true);
    expect(warnings.some((w) => w.includes('skipping an unreadable model version') && w.includes(damaged))).toBe(true);
    expect((await listModels({ store, log })({ name: 'tulips' })).models).toEqual([]);
  });
});
