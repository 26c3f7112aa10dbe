import { describe, expect, it } from 'vitest';
import { parseLabels } from './labels-file';

describe('labels file', () => {
  it('labels file - reads label.txt lines and TF-Slim index:name lines alike', () => {
    expect(parseLabels('daisy\nroses\n', 'label.txt', 'dataset_dir')).toEqual(['daisy', 'roses']);
    expect(parseLabels('1:roses\n0:daisy\n', 'labels.txt', '--label_path')).toEqual(['daisy', 'roses']);
  });

  it('labels file - an empty file or a gap in the indices is an error naming the flag and file', () => {
    expect(() => parseLabels('\n', 'l.txt', '--label_path')).toThrow(/--label_path: l.txt holds no labels/);
    expect(() => parseLabels('0:a\n2:c\n', 'l.txt', '--label_path')).toThrow(/--label_path: l.txt has no label 1/);
  });
});
