import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { guardPath, PathOutsideRootError } from './path-guard';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
/** A data root and, beside it, a folder outside it. */
function layout(): { root: string; outside: string } {
  const d = mkdtempSync(path.join(os.tmpdir(), 'guard-'));
  dirs.push(d);
  const root = path.join(d, 'root');
  const outside = path.join(d, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret'), 'x');
  return { root, outside };
}
/** The refusal's message with the given path taken out: what is left must not depend on the outside. */
function refusal(root: string, field: string, given: string): string {
  try {
    guardPath(root, field, given);
  } catch (err) {
    expect(err).toBeInstanceOf(PathOutsideRootError);
    return (err as Error).message.replace(given, '<given>');
  }
  throw new Error(`${given} was let through`);
}

describe('path guard', () => {
  it('path guard - a symlink inside the root that points outside is refused, naming the field', () => {
    const { root, outside } = layout();
    symlinkSync(outside, path.join(root, 'out'));
    expect(() => guardPath(root, 'output_directory', 'out')).toThrowError(/output_directory "out" is outside the data root/);
    expect(() => guardPath(root, 'output_directory', 'out/new/shards')).toThrowError(PathOutsideRootError);
    mkdirSync(path.join(root, 'in'));
    symlinkSync(path.join(root, 'in'), path.join(root, 'in-link'));
    expect(guardPath(root, 'train_dir', 'in-link/x')).toBe(path.join(root, 'in-link', 'x'));
  });

  it('path guard - a dangling symlink to outside is refused too: writing through it would create its target', () => {
    const { root, outside } = layout();
    symlinkSync(path.join(outside, 'not-yet'), path.join(root, 'dangling'));
    expect(() => guardPath(root, 'output_directory', 'dangling')).toThrowError(PathOutsideRootError);
  });

  it('path guard - a checkpoint state file naming a prefix outside the root is refused', () => {
    const { root, outside } = layout();
    const train = path.join(root, 'train');
    mkdirSync(train);
    writeFileSync(path.join(train, 'checkpoint'), `model_checkpoint_path: "${outside}/model.ckpt-5"\n`);
    expect(() => guardPath(root, 'train_dir', 'train')).toThrowError(/train_dir "train" is outside the data root/);
    writeFileSync(path.join(train, 'checkpoint'), 'model_checkpoint_path: "../../outside/model.ckpt-5"\n');
    expect(() => guardPath(root, 'train_dir', 'train')).toThrowError(PathOutsideRootError);
    writeFileSync(path.join(train, 'checkpoint'), 'model_checkpoint_path: "model.ckpt-5"\nall_model_checkpoint_paths: "model.ckpt-5"\n');
    expect(guardPath(root, 'train_dir', 'train')).toBe(train);
    // A prefix inside whose .index is a symlink out reads outside files just the same.
    symlinkSync(path.join(outside, 'secret'), path.join(train, 'model.ckpt-5.index'));
    expect(() => guardPath(root, 'train_dir', 'train')).toThrowError(PathOutsideRootError);
    expect(() => guardPath(root, 'checkpoint_path', 'train/model.ckpt-5')).toThrowError(PathOutsideRootError);
  });

  it('path guard - a refusal reads the same whether the outside path exists or not', () => {
    const { root, outside } = layout();
    const exists = refusal(root, 'config.dataset_name', path.relative(root, path.join(outside, 'secret')));
    const missing = refusal(root, 'config.dataset_name', path.relative(root, path.join(outside, 'missing')));
    expect(exists).toBe(missing);
    symlinkSync(path.join(outside, 'secret'), path.join(root, 'a'));
    symlinkSync(path.join(outside, 'missing'), path.join(root, 'b'));
    expect(refusal(root, 'f', 'a')).toBe(refusal(root, 'f', 'b'));
    expect(guardPath(root, 'config.dataset_name', 'flowers', path.join(root, 'datasets'))).toBe(path.join(root, 'datasets', 'flowers'));
    expect(() => guardPath(root, 'config.dataset_name', '../../../x', path.join(root, 'datasets'))).toThrowError(/config.dataset_name "..\/..\/..\/x" is outside/);
  });
});
