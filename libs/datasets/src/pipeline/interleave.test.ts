// Interleave order and the open-sources bound.
import { describe, expect, it } from 'vitest';
import { interleave } from './interleave';

/** A source of `items` that records when it is opened and closed. */
function source(items: string[], log: string[], name: string): () => AsyncIterable<string> {
  return () =>
    (async function* () {
      log.push(`open ${name}`);
      try {
        yield* items;
      } finally {
        log.push(`close ${name}`);
      }
    })();
}

async function collect<T>(it: AsyncIterable<T>, limit = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) {
    out.push(x);
    if (out.length >= limit) break;
  }
  return out;
}

describe('interleave', () => {
  it('pipeline - interleave takes one item from each open source in turn', async () => {
    const log: string[] = [];
    const got = await collect(interleave([source(['a0', 'a1', 'a2'], log, 'a'), source(['b0'], log, 'b'), source(['c0', 'c1'], log, 'c')], 2));
    expect(got).toEqual(['a0', 'b0', 'a1', 'c0', 'a2', 'c1']);
  });

  it('pipeline - interleave opens at most cycle sources and closes them when stopped early', async () => {
    const log: string[] = [];
    const sources = ['a', 'b', 'c', 'd'].map((n) => source([`${n}0`, `${n}1`], log, n));
    expect(await collect(interleave(sources, 2), 3)).toEqual(['a0', 'b0', 'a1']);
    expect(log).toEqual(['open a', 'open b', 'close a', 'close b']);
  });

  it('pipeline - interleave with a cycle of one reads sources in order', async () => {
    const log: string[] = [];
    expect(await collect(interleave([source(['a0', 'a1'], log, 'a'), source(['b0'], log, 'b')], 1))).toEqual(['a0', 'a1', 'b0']);
  });
});
