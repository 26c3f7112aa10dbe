// Shard names and the reference's thread/shard ranges.
import { describe, expect, it } from 'vitest';
import { linspaceInt, shardFileName, shardFilePattern, threadShardRanges } from './shard-plan';

describe('shard plan', () => {
  it('datasets - names shards like <name>_<split>_00000-of-00002.tfrecord', () => {
    expect(shardFileName('flowers', 'train', 0, 2)).toBe('flowers_train_00000-of-00002.tfrecord');
    expect(shardFileName('flowers', 'validation', 1, 2)).toBe('flowers_validation_00001-of-00002.tfrecord');
    expect(shardFilePattern('a.b').test('a.b_train_00003-of-00010.tfrecord')).toBe(true);
    expect(shardFilePattern('a.b').test('axb_train_00003-of-00010.tfrecord')).toBe(false);
  });

  it('datasets - cuts ranges as np.linspace(...).astype(int) does', () => {
    // Values checked with numpy: np.linspace(0, 10, 4).astype(int) == [0, 3, 6, 10].
    expect(linspaceInt(0, 10, 3)).toEqual([0, 3, 6, 10]);
    expect(linspaceInt(5, 12, 2)).toEqual([5, 8, 12]);
    expect(linspaceInt(0, 0, 2)).toEqual([0, 0, 0]);
  });

  it('datasets - gives each thread numShards/numThreads consecutive shards covering every image once', () => {
    const ranges = threadShardRanges(1000, 8, 2);
    expect(ranges.map((t) => t.map((r) => r.shard))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    const flat = ranges.flat();
    expect(flat[0].start).toBe(0);
    expect(flat.at(-1)?.end).toBe(1000);
    for (let i = 1; i < flat.length; i++) expect(flat[i].start).toBe(flat[i - 1].end);
    // Fewer images than shards: some shards are empty, none overlap.
    expect(threadShardRanges(1, 2, 2).flat().map((r) => r.end - r.start)).toEqual([0, 1]);
  });
});
