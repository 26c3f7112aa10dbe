// The parallel predictor against stock single-thread predict, uneven splits, bad input, and clean shutdown.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Net } from '@finetune/nets';
import { initBackend } from '../backend';
import { InvalidBatchError } from '../training/training-errors';
import { batchShares } from './batch-shares';
import { createParallelPredictor, type ParallelPredictor } from './parallel-predictor';
import { WorkerExitedError } from './parallel-errors';
import { maxAbsDifference, SMALL_NET, SMALL_NET_OPTIONS, smallImages, smallNet, stockLogits } from './testing';

describe('parallel predictor', () => {
  let net: Net;
  let predictor: ParallelPredictor;

  beforeAll(async () => {
    await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
    const small = smallNet();
    net = small.net;
    predictor = await createParallelPredictor({ netName: SMALL_NET, netOptions: SMALL_NET_OPTIONS, weights: small.weights, workers: 2 });
  });

  afterAll(async () => {
    await predictor?.dispose();
    net?.model.dispose();
  });

  it('parallel predictor - logits equal single-thread predict within 1e-5', async () => {
    const images = smallImages(6, 1);
    const expected = stockLogits(net, images, 6);
    const logits = await predictor.predict(images, 6);
    expect(logits.length).toBe(6 * 5);
    expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0.01);
    expect(maxAbsDifference(logits, expected)).toBeLessThan(1e-5);
  });

  it('parallel predictor - splits an uneven batch (5 over 2 workers) in order', async () => {
    expect(batchShares(5, 2).map((s) => s.count)).toEqual([3, 2]);
    const images = smallImages(5, 2);
    const logits = await predictor.predict(images, 5);
    expect(maxAbsDifference(logits, stockLogits(net, images, 5))).toBeLessThan(1e-5);
  });

  it('parallel predictor - a batch of one uses one worker', async () => {
    expect(batchShares(1, 2)).toEqual([{ worker: 0, start: 0, count: 1 }]);
    const images = smallImages(1, 3);
    expect(maxAbsDifference(await predictor.predict(images, 1), stockLogits(net, images, 1))).toBeLessThan(1e-5);
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
