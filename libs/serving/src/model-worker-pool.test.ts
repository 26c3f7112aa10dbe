// The model worker pool against in-process predict: same logits, warm before use, crashes restarted, crash loops reported.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkerExitedError } from '@finetune/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelUnavailableError } from './errors';
import { exportModel } from './export-model';
import { loadVerifiedModel, verifyModelVersion, type VerifiedModel } from './load-model';
import { startModelPredictor } from './model-predictor';
import { ModelWorkerPool } from './model-worker-pool';
import { runLogits } from './run-logits';
import { seededRandom, useWasm, writeTinyCheckpoint } from './testing';

const LABELS = ['daisy', 'roses', 'tulips'];
const SIZE = 32;
let root: string;
let model: VerifiedModel;

function images(count: number, seed: number): Float32Array[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: SIZE * SIZE * 3 }, () => rnd() * 2 - 1));
}

function maxAbsDifference(a: Float32Array[], b: Float32Array[]): number {
  let d = 0;
  a.forEach((row, i) => row.forEach((v, j) => (d = Math.max(d, Math.abs(v - b[i]![j]!)))));
  return d;
}

/** Resolves once `check` holds, polling; vitest's timeout ends a wait that never does. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

beforeAll(async () => {
  await useWasm();
  root = mkdtempSync(path.join(os.tmpdir(), 'serving-pool-'));
  const trainDir = path.join(root, 'train');
  const datasetDir = path.join(root, 'dataset');
  mkdirSync(datasetDir);
  writeFileSync(path.join(datasetDir, 'label.txt'), `${LABELS.join('\n')}\n`);
  await writeTinyCheckpoint(trainDir, { step: 1, labels: LABELS });
  const exported = await exportModel({ trainDir, selection: { kind: 'newest' }, modelName: 'mobilenet_v2', datasetDir, imageSize: SIZE, repository: path.join(root, 'models'), servedModelName: 'flowers' });
  model = await verifyModelVersion(exported.dir);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('model worker pool', () => {
  // One pool through its whole life, as starting workers is the slow part (each imports tfjs and the engine).
  it('model worker pool - logits equal in-process predict; a crashed worker fails its batch clearly, is restarted, and a crash loop breaks the pool', async () => {
    const exits: string[] = [];
    const restarted: number[] = [];
    const broken: Error[] = [];
    const pool = await ModelWorkerPool.start(model, {
      workers: 2,
      maxRestarts: 1,
      backend: 'wasm',
      name: 'flowers version 1',
      onWorkerExit: (worker, error, restarting) => exits.push(`${worker} ${restarting} ${error.message}`),
      onWorkerRestarted: (worker) => restarted.push(worker),
      onBroken: (error) => broken.push(error),
    });
    const local = await loadVerifiedModel(model);
    try {
      expect(pool.ready).toBe(2);
      const a = images(5, 1);
      const b = images(3, 2);
      // Two batches at once go to the two workers.
      const [pa, pb] = await Promise.all([pool.predict(a), pool.predict(b)]);
      expect(pa).toHaveLength(5);
      expect(pa[0]).toHaveLength(LABELS.length);
      expect(maxAbsDifference(pa, await runLogits(local, a, SIZE))).toBeLessThan(1e-5);
      expect(maxAbsDifference(pb, await runLogits(local, b, SIZE))).toBeLessThan(1e-5);

      // Large enough that worker 0 (the least busy, first of a tie) cannot answer before it is ended: a reply
      // already posted when the worker dies is a success, and 4 small images were sometimes that fast.
      const running = pool.predict(images(256, 4));
      await pool.terminateWorker(0);
      const error = await running.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerExitedError);
      expect((error as WorkerExitedError).kind).toBe('unavailable');
      expect((error as Error).message).toMatch(/^model worker 0 is gone: exited with code 1/);
      expect(exits).toEqual([expect.stringMatching(/^0 true model worker 0 is gone/)]);
      // The other worker answers while worker 0 restarts.
      expect(pool.ready).toBe(1);
      expect(await pool.predict(images(2, 5))).toHaveLength(2);
      await until(() => restarted.length === 1);
      expect(pool.ready).toBe(2);
      expect(maxAbsDifference(await pool.predict(a), pa)).toBeLessThan(1e-5);

      // A second death within the window is one more than maxRestarts: no restart, the pool reports itself broken.
      await pool.terminateWorker(0);
      expect(exits[1]).toMatch(/^0 false model worker 0 is gone/);
      expect(broken.map((e) => e.message)).toEqual([expect.stringMatching(/model worker 0 died 2 times within 60 s; last: exited with code 1/)]);
      expect(await pool.predict(images(1, 6))).toHaveLength(1); // worker 1 still answers
      await pool.terminateWorker(1);
      expect(exits[2]).toMatch(/^1 false model worker 1 is gone/);
      await expect(pool.predict(images(1, 7))).rejects.toThrow(/keep failing/);
      expect(restarted).toEqual([0]);
    } finally {
      local.dispose();
      await pool.dispose();
    }
    await expect(pool.predict(images(1, 3))).rejects.toBeInstanceOf(ModelUnavailableError);
  });

  it('model worker pool - a version that does not load fails start, naming the file', async () => {
    const bad = { ...model, metadata: { ...model.metadata, labels: [...LABELS, 'extra'] } };
    await expect(ModelWorkerPool.start(bad, { workers: 1, backend: 'wasm', name: 'flowers version 1' })).rejects.toThrow(/model worker 0, init: InvalidModelError: .*4 labels/);
  });

  it('model worker pool - with 0 workers the predictor runs in-process with the same logits', async () => {
    const predictor = await startModelPredictor(model, { runtime: 'tfjs', workers: 0, backend: 'wasm', name: 'flowers version 1' });
    const local = await loadVerifiedModel(model);
    try {
      expect(predictor.workers).toBe(0);
      const a = images(3, 8);
      expect(maxAbsDifference(await predictor.predict(a), await runLogits(local, a, SIZE))).toBe(0);
    } finally {
      local.dispose();
      await predictor.dispose();
    }
  });
});
