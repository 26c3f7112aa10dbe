// The dataset service's handlers on real image folders in a temp dir, publishing to a real nats-server -js.
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { datasetV1 } from '@finetune/contracts';
import { makeImageTree, tempDir } from '@finetune/datasets/testing';
import { startTestEventBus, type TestEventBus } from '@finetune/events/testing';
import { createArtifactStore, volumeTransfer, type ArtifactStore } from '@finetune/store';
import { convertDataset } from './convert-dataset';
import { getDataset } from './get-dataset';
import { listDatasets } from './list-datasets';

type ConvertRequest = datasetV1.ConvertDatasetRequest__Output;
type ConvertResponse = datasetV1.ConvertDatasetResponse;

let tmp: Awaited<ReturnType<typeof tempDir>>;
let bus: TestEventBus;
let store: ArtifactStore;

beforeAll(async () => {
  tmp = await tempDir('dataset-handlers-');
  bus = await startTestEventBus();
  store = createArtifactStore(path.join(tmp.dir, 'root'));
  await makeImageTree(path.join(store.root, 'pic'));
});
afterAll(async () => {
  await bus?.stop();
  await tmp?.remove();
});

/** The server-streaming call as the handler uses it: what it writes, and a client that may cancel. */
function streamCall(): { call: EventEmitter & { write(m: ConvertResponse): boolean }; written: ConvertResponse[] } {
  const written: ConvertResponse[] = [];
  const call = Object.assign(new EventEmitter(), { write: (m: ConvertResponse) => written.push(m) > 0 });
  return { call, written };
}

const request = (fields: Partial<ConvertRequest>): ConvertRequest =>
  ({ output_directory: '', dataset_name: '', train_shards: 0, validation_shards: 0, num_threads: 0, skip_invalid: false, overwrite: false, ...fields }) as ConvertRequest;

async function convert(fields: Partial<ConvertRequest>): Promise<ConvertResponse[]> {
  const { call, written } = streamCall();
  await convertDataset({ store, dataRoot: store, transfer: volumeTransfer(), events: bus.publisher })(request(fields), call as never);
  return written;
}

describe('dataset handlers', () => {
  it('dataset handlers - ConvertDataset writes shards, streams progress, then the result, and publishes dataset.converted', async () => {
    const written = await convert({ ratio_split: { directory: 'pic', validation_ratio: 0.25, seed: 7 }, dataset_name: 'flowers', train_shards: 2, validation_shards: 2 });
    const result = written.at(-1)?.result;
    expect(result?.manifest?.dataset_name).toBe('flowers');
    expect(result?.manifest?.classes).toEqual(['daisy', 'roses', 'tulips']);
    const dir = path.join(store.datasetsDir(), 'flowers');
    expect(result?.manifest?.directory).toBe(dir);
    const splits = Object.fromEntries((result?.manifest?.splits ?? []).map((s) => [s.name, s]));
    expect(Number(splits.train!.num_examples) + Number(splits.validation!.num_examples)).toBe(18);
    expect(splits.train!.shards!.map((s: { file_name?: string }) => s.file_name)).toEqual(['flowers_train_00000-of-00002.tfrecord', 'flowers_train_00001-of-00002.tfrecord']);
    expect(readFileSync(path.join(dir, 'label.txt'), 'utf8')).toBe('daisy\nroses\ntulips\n');
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]); // the staging folder is gone
    const progress = written.filter((m) => m.progress).map((m) => m.progress!);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.images_done).toBe(progress.at(-1)!.images_total);
    const events = await bus.published('datasetConverted');
    expect(events.map((e) => e.dataset_name)).toContain('flowers');
  });

  it('dataset handlers - ConvertDataset refuses a request without a source, and a path outside the data root, by field', async () => {
    await expect(convert({ dataset_name: 'x' })).rejects.toMatchObject({ kind: 'invalid-argument', message: 'source is missing: set split_directories or ratio_split' });
    await expect(convert({ split_directories: { train_directory: '', validation_directory: '' }, dataset_name: 'x' })).rejects.toThrow(/split_directories\.train_directory is empty/);
    await expect(convert({ ratio_split: { directory: '../outside', validation_ratio: 0.2, seed: 0 }, dataset_name: 'x' })).rejects.toMatchObject({
      kind: 'invalid-argument',
      message: expect.stringMatching(/^ratio_split\.directory "\.\.\/outside" is outside the data root/),
    });
    expect(existsSync(path.join(store.datasetsDir(), 'x'))).toBe(false);
  });

  it('dataset handlers - a second conversion into a dataset folder is ALREADY_EXISTS unless overwrite', async () => {
    const again = { ratio_split: { directory: 'pic', validation_ratio: 0.25, seed: 7 }, dataset_name: 'flowers' };
    await expect(convert(again)).rejects.toMatchObject({ kind: 'already-exists' });
    const written = await convert({ ...again, overwrite: true, train_shards: 1, validation_shards: 1, num_threads: 1 });
    expect(written.at(-1)?.result?.manifest?.splits?.find((s) => s.name === 'train')?.shards).toHaveLength(1);
    expect(readdirSync(path.join(store.datasetsDir(), 'flowers')).filter((n) => n.includes('_train_'))).toEqual(['flowers_train_00000-of-00001.tfrecord']);
  });

  it('dataset handlers - GetDataset finds a dataset by folder or by name, and names what exists when it does not', async () => {
    const byName = await getDataset({ store, dataRoot: store })({ dataset_name: 'flowers', directory: '' });
    expect(byName.manifest?.directory).toBe(path.join(store.datasetsDir(), 'flowers'));
    const byDir = await getDataset({ store, dataRoot: store })({ dataset_name: '', directory: 'datasets/flowers' });
    expect(byDir.manifest?.dataset_name).toBe('flowers');
    await expect(getDataset({ store, dataRoot: store })({ dataset_name: 'tulipz', directory: '' })).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringMatching(/no dataset named "tulipz" .*; known: flowers$/),
    });
    await expect(getDataset({ store, dataRoot: store })({ dataset_name: '', directory: '' })).rejects.toMatchObject({ kind: 'invalid-argument' });
  });

  it('dataset handlers - ListDatasets lists every converted dataset sorted by name', async () => {
    await convert({ split_directories: { train_directory: 'pic', validation_directory: '' }, dataset_name: 'asters' });
    const { datasets } = await listDatasets({ store })();
    expect(datasets?.map((d) => d.dataset_name)).toEqual(['asters', 'flowers']);
  });
});
