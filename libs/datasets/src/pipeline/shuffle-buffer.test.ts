// Shuffle buffer: a permutation, seeded, and never more than `size` items held.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random';
import { shuffleBuffer } from './shuffle-buffer';

async function* counting(n: number, pulled: { count: number }): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    pulled.count++;
    yield i;
  }
}

async function run(n: number, size: number, seed: number, onItem?: (pulled: number, yielded: number) => void): Promise<number[]> {
  const pulled = { count: 0 };
  const out: number[] = [];
  for await (const x of shuffleBuffer(counting(n, pulled), size, seededRandom(seed))) {
    out.push(x);
    onItem?.(pulled.count, out.length);
  }
  return out;
}

describe('shuffle buffer', () => {
  it('pipeline - shuffle buffer yields a permutation that depends only on the seed', async () => {
    const a = await run(50, 10, 7);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(await run(50, 10, 7)).toEqual(a);
    expect(await run(50, 10, 8)).not.toEqual(a);
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('pipeline - shuffle buffer holds at most its size', async () => {
    await run(40, 5, 1, (pulled, yielded) => expect(pulled - yielded).toBeLessThanOrEqual(5));
  });
});
