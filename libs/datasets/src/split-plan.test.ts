// Labels from sorted classes, the seeded per-class ratio split, and the seeded shuffle.
import { describe, expect, it } from 'vitest';
import type { ClassFolder } from './class-folders';
import { shuffleSplit, splitByRatio, splitFromFolders } from './split-plan';

const folder = (name: string, n: number): ClassFolder => ({
  name,
  path: `/d/${name}`,
  files: Array.from({ length: n }, (_, i) => `/d/${name}/${i}.jpg`),
});

describe('split plan', () => {
  it('datasets - labels validation images by the train class order', () => {
    const s = splitFromFolders([folder('a', 2), folder('b', 1), folder('c', 1)], [folder('c', 1)]);
    expect(s.train.map((i) => i.label)).toEqual([0, 0, 1, 2]);
    expect(s.validation).toEqual([{ path: '/d/c/0.jpg', label: 2, className: 'c', filename: '0.jpg' }]);
  });

  it('datasets - holds out round(n*ratio) per class, deterministically for a seed, keeping one train image', () => {
    const classes = [folder('a', 10), folder('b', 5), folder('c', 1)];
    const s1 = splitByRatio(classes, 0.3, 1);
    expect(s1.validation.filter((i) => i.className === 'a').length).toBe(3);
    expect(s1.validation.filter((i) => i.className === 'b').length).toBe(2);
    expect(s1.validation.filter((i) => i.className === 'c').length).toBe(0);
    expect(s1.train.length + s1.validation.length).toBe(16);
    expect(splitByRatio(classes, 0.3, 1)).toEqual(s1);
    expect(splitByRatio(classes, 0.3, 2).validation).not.toEqual(s1.validation);
    expect(splitByRatio([folder('x', 2)], 0.9, 1).train.length).toBe(1);
  });

  it('datasets - shuffles a split the same way for the same seed', () => {
    const items = splitFromFolders([folder('a', 20)], []).train;
    const a = shuffleSplit('train', items, 5);
    expect(shuffleSplit('train', items, 5)).toEqual(a);
    expect(a).not.toEqual(items);
    expect([...a].sort((x, y) => x.path.localeCompare(y.path))).toEqual([...items].sort((x, y) => x.path.localeCompare(y.path)));
  });
});
