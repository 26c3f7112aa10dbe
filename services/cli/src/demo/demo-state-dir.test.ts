import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_MARKER, prepareDemoStateDir } from './demo-state-dir';

const root = mkdtempSync(path.join(os.tmpdir(), 'demo-state-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('demo state dir', () => {
  it('demo state dir - a second run starts from an empty one; --resume keeps it', async () => {
    const dir = path.join(root, 'demo');
    expect(await prepareDemoStateDir(dir, false)).toBe('fresh');
    mkdirSync(path.join(dir, 'train', 'demo-mobilenet_v2-head'), { recursive: true });
    writeFileSync(path.join(dir, 'train', 'demo-mobilenet_v2-head', 'model.ckpt-30.index'), 'x');
    // The services keep state of their own there too (job records, the evaluator's index).
    mkdirSync(path.join(dir, 'jobs'));
    mkdirSync(path.join(dir, 'some-service-state'));
    expect(await prepareDemoStateDir(dir, true)).toBe('resumed');
    expect(existsSync(path.join(dir, 'train', 'demo-mobilenet_v2-head', 'model.ckpt-30.index'))).toBe(true);
    expect(await prepareDemoStateDir(dir, false)).toBe('fresh');
    expect(readdirSync(dir)).toEqual([DEMO_MARKER]);
  });

  it('demo state dir - a state dir of a demo from before the marker is emptied too', async () => {
    const dir = path.join(root, 'old-demo');
    for (const d of ['images', 'nats', 'train', 'models', 'evaluator']) mkdirSync(path.join(dir, d), { recursive: true });
    expect(await prepareDemoStateDir(dir, false)).toBe('fresh');
    expect(readdirSync(dir)).toEqual([DEMO_MARKER]);
  });

  it('demo state dir - a folder with files the demo did not write is never emptied', async () => {
    const dir = path.join(root, 'home');
    mkdirSync(path.join(dir, 'train'), { recursive: true });
    writeFileSync(path.join(dir, 'thesis.tex'), 'x');
    const err = await prepareDemoStateDir(dir, false).catch((e) => e);
    expect(err.message).toBe(`--state-dir ${dir} holds thesis.tex, which the demo did not write: give a new folder, or --resume to keep it`);
    expect(existsSync(path.join(dir, 'thesis.tex'))).toBe(true);
  });
});
