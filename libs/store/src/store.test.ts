import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createArtifactStore } from './artifact-store';
import { PathOutsideRootError } from './path-guard';
import { writeFileAtomic } from './atomic-write';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'store-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('store', () => {
  it('store - resolves paths inside the root and refuses those outside, naming the field', () => {
    const store = createArtifactStore('/data/finetune');
    expect(store.resolve('dataset_dir', 'datasets/flowers')).toBe('/data/finetune/datasets/flowers');
    expect(store.resolve('dataset_dir', '/data/finetune/x')).toBe('/data/finetune/x');
    expect(() => store.resolve('train_directory', '../etc')).toThrowError(PathOutsideRootError);
    expect(() => store.resolve('train_directory', '/data/finetune-other/x')).toThrowError(/train_directory "\/data\/finetune-other\/x" is outside the data root/);
  });

  it('store - an atomic write replaces the file whole and leaves no temporary file behind', async () => {
    const d = tmp();
    const target = path.join(d, 'manifest.json');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new contents');
    expect(readFileSync(target, 'utf8')).toBe('new contents');
    expect(readdirSync(d)).toEqual(['manifest.json']);
  });

  it('store - a failed atomic write keeps the old file', async () => {
    const d = tmp();
    const target = path.join(d, 'missing-dir', 'x.json');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(readdirSync(d)).toEqual([]);
  });
});
