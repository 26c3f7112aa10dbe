import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveLocalModelPath } from './local-model-path';

let repo: string;
beforeAll(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'serving-model-path-'));
  // Complete versions hold their metadata file; 3 of flowers is still being written.
  for (const [name, version] of [['flowers', 1], ['flowers', 2], ['cats', 1]] as const) {
    mkdirSync(path.join(repo, name, String(version)), { recursive: true });
    writeFileSync(path.join(repo, name, String(version), 'finetune-model.json'), '{}');
  }
  mkdirSync(path.join(repo, 'flowers', '3'));
  mkdirSync(path.join(repo, 'empty'));
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('local model path', () => {
  it('local model path - a version folder or its model.json is taken as it is', async () => {
    expect(await resolveLocalModelPath(path.join(repo, 'flowers', '1'))).toBe(path.join(repo, 'flowers', '1'));
    const json = path.join(repo, 'flowers', '1', 'model.json');
    writeFileSync(json, '{}');
    expect(await resolveLocalModelPath(json)).toBe(json);
  });

  it('local model path - a served model folder is its newest complete version, or --model_version', async () => {
    expect(await resolveLocalModelPath(path.join(repo, 'flowers'))).toBe(path.join(repo, 'flowers', '2'));
    expect(await resolveLocalModelPath(`${path.join(repo, 'flowers')}/`, { modelVersion: 1 })).toBe(path.join(repo, 'flowers', '1'));
  });

  it('local model path - the repository root takes --served_model_name', async () => {
    expect(await resolveLocalModelPath(repo, { servedModelName: 'cats' })).toBe(path.join(repo, 'cats', '1'));
    const unknown = await resolveLocalModelPath(repo, { servedModelName: 'dogs' }).catch((e) => e);
    expect(unknown.message).toMatch(/^model "dogs": not in the model repository .*; export it first$/);
  });

  it('local model path - a bad form is one line saying what to type', async () => {
    const root = await resolveLocalModelPath(repo).catch((e) => e);
    expect(root.message).toBe(`${repo}: is a model repository holding cats, flowers: add --served_model_name cats, or give --model_path ${path.join(repo, 'cats')}`);
    const empty = await resolveLocalModelPath(path.join(repo, 'empty')).catch((e) => e);
    expect(empty.message).toMatch(/empty: holds no exported model: give a version folder export wrote \(e\.g\. models\/flowers\/1\)/);
    const missing = await resolveLocalModelPath(path.join(repo, 'nope')).catch((e) => e);
    expect(missing.message).toMatch(/nope: does not exist: give --model_path the folder export wrote to/);
    for (const e of [root, empty, missing]) expect(e.message).not.toContain('\n');
  });
});
