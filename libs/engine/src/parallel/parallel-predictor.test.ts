// The parallel predictor against stock single-thread predict (its workers fold batch norms), uneven splits, bad input, and clean shutdown.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Net } from '@finetune/nets';
import { initBackend } from '../backend';
import { InvalidBatchError } from '../training/training-errors';
import { batchShares } from './batch-shares';
import { createParallelPredictor, type ParallelPredictor } from './parallel-predictor';
import { WorkerExitedError } from './parallel-errors';
import { NetWorkerPool } from './worker-pool';
import type { PredictReply } from './worker-protocol';
import { maxAbsDifference, SMALL_NET, SMALL_NET_OPTIONS, smallImages, smallNet, stockLogits, trainBatchNorms } from './testing';

// Folding changes the order of float operations: logits agree within 1e-4, not bit for bit.
const FOLDED_TOLERANCE = 1e-4;

describe('parallel predictor', () => {
  let net: Net;
  let predictor: ParallelPredictor;

  beforeAll(async () => {
    await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
    net = smallNet().net;
    const weights = trainBatchNorms(net, 100);
    predictor = await createParallelPredictor({ netName: SMALL_NET, netOptions: SMALL_NET_OPTIONS, weights, workers: 2 });
  });

  afterAll(async () => {
    await predictor?.dispose();
    net?.model.dispose();
  });

  it('parallel predictor - logits equal single-thread predict of the unfolded net within 1e-4', async () => {
    const images = smallImages(6, 1);
    const expected = stockLogits(net, images, 6);
    const logits = await predictor.predict(images, 6);
    expect(logits.length).toBe(6 * 5);
    expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0.01);
    expect(maxAbsDifference(logits, expected)).toBeLessThan(FOLDED_TOLERANCE);
  });

  it('parallel predictor - splits an uneven batch (5 over 2 workers) in order', async () => {
    expect(batchShares(5, 2).map((s) => s.count)).toEqual([3, 2]);
    const images = smallImages(5, 2);
    const logits = await predictor.predict(images, 5);
    expect(maxAbsDifference(logits, stockLogits(net, images, 5))).toBeLessThan(FOLDED_TOLERANCE);
  });

  it('parallel predictor - a batch of one uses one worker', async () => {
    expect(batchShares(1, 2)).toEqual([{ worker: 0, start: 0, count: 1 }]);
    const images = smallImages(1, 3);
    expect(maxAbsDifference(await predictor.predict(images, 1), stockLogits(net, images, 1))).toBeLessThan(FOLDED_TOLERANCE);
  });

  it('parallel predictor - a write drops the folded net, so the next predict uses the new weights', async () => {
    const fresh = smallNet(12).net;
    const pool = await NetWorkerPool.start({ netName: SMALL_NET, netOptions: SMALL_NET_OPTIONS, weights: trainBatchNorms(fresh, 200), workers: 1 });
    try {
      const images = smallImages(3, 5);
      const predict = async () => {
        const part = images.slice();
        return (await pool.request<PredictReply>(0, { kind: 'predict', images: part, count: 3, microBatch: 2, foldBatchNorm: true }, [part.buffer])).logits;
      };
      const before = await predict();
      expect(maxAbsDifference(before, stockLogits(fresh, images, 3))).toBeLessThan(FOLDED_TOLERANCE);
      // As training broadcasts them: only the batch norms' statistics and parameters change.
      const changed = [...trainBatchNorms(fresh, 300)].filter(([name]) => name.includes('BatchNorm'));
      await pool.request(0, { kind: 'write', weights: changed });
      const expected = stockLogits(fresh, images, 3);
      expect(maxAbsDifference(before, expected)).toBeGreaterThan(1e-2);
      expect(maxAbsDifference(await predict(), expected)).toBeLessThan(FOLDED_TOLERANCE);
    } finally {
      await pool.dispose();
      fresh.model.dispose();
    }
  });

  it('parallel predictor - unfolded, it runs the net as trained (1e-5); load() swaps in the weights of another net', async () => {
    const first = smallNet(21).net;
    const second = smallNet(22).net;
    const unfolded = await createParallelPredictor({ netName: SMALL_NET, netOptions: SMALL_NET_OPTIONS, weights: trainBatchNorms(first, 400), workers: 2, foldBatchNorm: false });
    try {
      const images = smallImages(4, 7);
      expect(maxAbsDifference(await unfolded.predict(images, 4), stockLogits(first, images, 4))).toBeLessThan(1e-5);
      await unfolded.load(trainBatchNorms(second, 500));
      const expected = stockLogits(second, images, 4);
      expect(maxAbsDifference(stockLogits(first, images, 4), expected)).toBeGreaterThan(1e-2);
      expect(maxAbsDifference(await unfolded.predict(images, 4), expected)).toBeLessThan(1e-5);
    } finally {
      await unfolded.dispose();
      first.model.dispose();
      second.model.dispose();
    }
  });

  it('parallel predictor - rejects images that do not fit the count', async () => {
    await expect(predictor.predict(new Float32Array(10), 1)).rejects.toBeInstanceOf(InvalidBatchError);
    await expect(predictor.predict(new Float32Array(0), 0)).rejects.toThrow(/count/);
  });

  // Last: it ends the shared predictor.
  it('parallel predictor - fails requests after dispose', async () => {
    await predictor.dispose();
    await expect(predictor.predict(smallImages(1, 4), 1)).rejects.toBeInstanceOf(WorkerExitedError);
  });
});

describe('parallel predictor shutdown', () => {
  it('parallel predictor - dispose ends the workers, so the process exits by itself', async () => {
    const fixture = fileURLToPath(new URL('./dispose-exit.fixture.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 45_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(output).toContain('predicted 15 logits');
    expect(code).toBe(0);
  });
});
