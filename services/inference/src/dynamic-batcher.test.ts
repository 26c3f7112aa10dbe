import { describe, expect, it } from 'vitest';
import { DynamicBatcher } from './dynamic-batcher';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A batch function that takes `ms` per batch and records each batch and how many ran at once. */
function recordingRun(ms: number) {
  const run = {
    batches: [] as number[][],
    inFlight: 0,
    maxInFlight: 0,
    fn: async (_k: string, xs: number[]) => {
      run.inFlight++;
      run.maxInFlight = Math.max(run.maxInFlight, run.inFlight);
      run.batches.push(xs);
      await sleep(ms);
      run.inFlight--;
      return xs;
    },
  };
  return run;
}

describe('dynamic batcher', () => {
  it('dynamic batcher - a full batch runs at once without waiting for the delay', async () => {
    const batches: number[][] = [];
    const b = new DynamicBatcher<string, number, number>(async (_k, xs) => (batches.push(xs), xs.map((x) => x * 2)), { maxBatchSize: 4, maxQueueDelayMs: 10_000 });
    const t0 = Date.now();
    expect(await Promise.all([1, 2, 3, 4].map((x) => b.submit('m', x)))).toEqual([2, 4, 6, 8]);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('dynamic batcher - a lone input runs after the maximum delay', async () => {
    const b = new DynamicBatcher<string, number, number>(async (_k, xs) => xs, { maxBatchSize: 8, maxQueueDelayMs: 30 });
    const t0 = performance.now();
    await b.submit('m', 1);
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(25);
    expect(waited).toBeLessThan(500);
  });

  it('dynamic batcher - one batch at a time; what arrives meanwhile forms the next batches, up to the maximum', async () => {
    const run = recordingRun(20);
    const b = new DynamicBatcher<string, number, number>(run.fn, { maxBatchSize: 3, maxQueueDelayMs: 1 });
    const first = b.submit('m', 0);
    await sleep(5);
    const rest = [1, 2, 3, 4, 5, 6, 7].map((x) => b.submit('m', x));
    expect(await Promise.all([first, ...rest])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(run.maxInFlight).toBe(1);
    expect(run.batches).toEqual([[0], [1, 2, 3], [4, 5, 6], [7]]);
  });

  it('dynamic batcher - with two concurrent batches, a second batch starts while the first runs', async () => {
    const run = recordingRun(30);
    const b = new DynamicBatcher<string, number, number>(run.fn, { maxBatchSize: 2, maxQueueDelayMs: 1, maxConcurrentBatches: 2 });
    const outputs = await Promise.all([0, 1, 2, 3, 4, 5].map((x) => b.submit('m', x)));
    expect(outputs).toEqual([0, 1, 2, 3, 4, 5]);
    expect(run.maxInFlight).toBe(2);
    expect(run.batches).toEqual([[0, 1], [2, 3], [4, 5]]);
    await b.idle();
    expect(() => new DynamicBatcher<string, number, number>(async (_k, xs) => xs, { maxConcurrentBatches: 0 })).toThrow(/maxConcurrentBatches/);
  });

  it('dynamic batcher - inputs of different keys never share a batch', async () => {
    const batches: Array<[string, number[]]> = [];
    const b = new DynamicBatcher<string, number, number>(async (k, xs) => (batches.push([k, xs]), xs), { maxBatchSize: 4, maxQueueDelayMs: 5 });
    await Promise.all([b.submit('v1', 1), b.submit('v2', 2), b.submit('v1', 3), b.submit('v2', 4)]);
    expect(batches).toEqual([['v1', [1, 3]], ['v2', [2, 4]]]);
  });

  it('dynamic batcher - a failed batch fails its inputs only, and a full queue refuses more', async () => {
    const b = new DynamicBatcher<string, number, number>(
      async (_k, xs) => {
        if (xs.includes(13)) throw new Error('unlucky');
        return xs;
      },
      { maxBatchSize: 1, maxQueueDelayMs: 0, maxQueueSize: 2 },
    );
    const results = await Promise.allSettled([b.submit('m', 13), b.submit('m', 2), b.submit('m', 3)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    const c = new DynamicBatcher<string, number, number>(async (_k, xs) => (await sleep(20), xs), { maxBatchSize: 1, maxQueueDelayMs: 0, maxQueueSize: 1 });
    const running = c.submit('m', 1);
    await sleep(1);
    const queued = c.submit('m', 2);
    const err = await c.submit('m', 3).catch((e) => e);
    expect(err.kind).toBe('resource-exhausted');
    await Promise.all([running, queued]);
    await c.idle();
  });
});
