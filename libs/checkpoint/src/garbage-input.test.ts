import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError, TruncatedCheckpointError } from './errors';
import { openCheckpoint } from './open-checkpoint';
import { TableBuilder } from './sstable-builder';
import { fixturesDir, haveFixtures } from './testing';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ckpt-garbage-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) & 0xff;
const randomBytes = (n: number) => Uint8Array.from({ length: n }, rand);

/** Opens and reads everything; returns the error, which must be a typed CheckpointError, or undefined. */
async function readEverything(path: string): Promise<unknown> {
  try {
    const reader = await openCheckpoint(path);
    try {
      await reader.readAll();
    } finally {
      await reader.close();
    }
    return undefined;
  } catch (err) {
    if (!(err instanceof CheckpointError)) throw err;
    return err;
  }
}

describe('garbage input', () => {
  it('garbage input - random files of every size give NotACheckpoint-style typed errors', async () => {
    for (const size of [0, 1, 7, 47, 48, 49, 100, 1000]) {
      const p = join(dir, `random-${size}`);
      await writeFile(p, randomBytes(size));
      expect(await readEverything(p), `${size} bytes`).toBeInstanceOf(CheckpointError);
    }
  });

  it('garbage input - random bytes ending in the table magic give typed errors', async () => {
    const magic = Buffer.from('57fb808b247547db', 'hex');
    for (let n = 0; n < 100; n++) {
      const p = join(dir, `magic-${n}`);
      await writeFile(p, Buffer.concat([randomBytes(40 + (n % 60)), magic]));
      expect(await readEverything(p)).toBeInstanceOf(CheckpointError);
    }
  });

  it('garbage input - well-formed tables holding random protos give typed errors', async () => {
    for (let n = 0; n < 100; n++) {
      const table = new TableBuilder({ blockSize: 64 });
      table.add(new Uint8Array(0), randomBytes(n % 20));
      for (let k = 0; k < 5; k++) table.add(new Uint8Array([n % 2 === 0 ? 0 : 0x61, k + 1, ...randomBytes(n % 7)]), randomBytes(rand() % 40));
      const p = join(dir, `proto-${n}`);
      const bytes = table.finish();
      await writeFile(`${p}.index`, bytes);
      await writeFile(`${p}.data-00000-of-00001`, randomBytes(64));
      await writeFile(`${p}-v1`, bytes);
      // As a V2 index and as a V1 single-file checkpoint; reading may succeed only by luck.
      for (const path of [p, `${p}-v1`]) {
        const err = await readEverything(path);
        expect(err === undefined || err instanceof CheckpointError).toBe(true);
      }
    }
  });

  describe.skipIf(!haveFixtures)('fixture copies (skipped: ../shared/fixtures absent)', () => {
    const copies = async (name: string, files: string[], src: string) => {
      const out = join(dir, name);
      await mkdir(out, { recursive: true });
      for (const f of files) await copyFile(join(src, f), join(out, f));
      return out;
    };

    it('garbage input - every truncation of every fixture table gives a typed error', async () => {
      const tables = [
        ['checkpoint_v2/tfmodels_lfads_trained_itb', 'model-65000'],
        ['checkpoint_v2/serving_saved_model_half_plus_two_cpu/variables', 'variables'],
        ['checkpoint_v2/serving_saved_model_half_plus_two_tf2_cpu/variables', 'variables'],
        ['checkpoint_v2/tfx_estimator_ckpt', 'model.ckpt-1000'],
      ];
      for (const [folder, prefix] of tables) {
        const src = join(fixturesDir, folder);
        const files = (await readdir(src)).filter((f) => f.startsWith(`${prefix}.`));
        const out = await copies(folder.replace(/\//g, '_'), files, src);
        const index = await readFile(join(src, `${prefix}.index`));
        const step = Math.max(1, Math.floor(index.length / 25));
        for (let len = 0; len < index.length; len += step) {
          await writeFile(join(out, `${prefix}.index`), index.subarray(0, len));
          expect(await readEverything(join(out, prefix)), `${folder} index cut at ${len}`).toBeInstanceOf(CheckpointError);
        }
        for (let n = 0; n < 30; n++) {
          const flipped = Buffer.from(index);
          flipped[rand() % flipped.length] ^= 1 << rand() % 8;
          await writeFile(join(out, `${prefix}.index`), flipped);
          await readEverything(join(out, prefix)); // either readable (padding bytes) or a typed error
        }
      }
      const v1 = join(fixturesDir, 'checkpoint_v1/serving_bad_half_plus_two/export');
      const bytes = await readFile(v1);
      for (let len = 0; len < bytes.length; len += 5) {
        await writeFile(join(dir, 'export'), bytes.subarray(0, len));
        expect(await readEverything(join(dir, 'export'))).toBeInstanceOf(CheckpointError);
      }
    });

    it('garbage input - a truncated data shard gives TruncatedCheckpointError naming file and offset', async () => {
      const folder = 'checkpoint_v2/tfx_estimator_ckpt';
      const src = join(fixturesDir, folder);
      const out = await copies('tfx-truncated', await readdir(src), src);
      const data = join(out, 'model.ckpt-1000.data-00000-of-00001');
      await writeFile(data, (await readFile(data)).subarray(0, 60000));
      const err = await readEverything(join(out, 'model.ckpt-1000'));
      expect(err).toBeInstanceOf(TruncatedCheckpointError);
      expect((err as TruncatedCheckpointError).file).toBe(data);
      expect((err as TruncatedCheckpointError).offset).toBeGreaterThan(0);
    });
  });
});
