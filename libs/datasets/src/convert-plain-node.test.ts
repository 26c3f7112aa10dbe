// The worker threads also start outside vitest: a plain `node --import tsx` process converts a folder.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImageTree, tempDir } from './testing';

const run = promisify(execFile);

describe('convert image folder - plain node', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
    await makeImageTree(join(tmp.dir, 'in'), {
      a: { count: 2, format: 'jpeg', rgb: [1, 2, 3] },
      b: { count: 2, format: 'png', rgb: [9, 8, 7] },
    });
  });
  afterAll(async () => {
    await tmp.remove();
  });

  it('datasets - converts under node --import tsx from any working directory', async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const lib = new URL('./index.ts', import.meta.url).href;
    const code = `
      import { convertImageFolder, readManifest, readSplit } from ${JSON.stringify(lib)};
      const { manifest } = await convertImageFolder({ trainDir: 'in', outputDir: 'out', datasetName: 'plain' });
      let n = 0;
      for await (const _ of readSplit(await readManifest('out', { verifyChecksums: true }), 'train')) n++;
      console.log(JSON.stringify({ files: manifest.splits.train.shards.map((s) => s.file), n }));
    `;
    const { stdout } = await run(process.execPath, ['--import', tsx, '--input-type=module', '-e', code], { cwd: tmp.dir });
    expect(JSON.parse(stdout)).toEqual({
      files: ['plain_train_00000-of-00002.tfrecord', 'plain_train_00001-of-00002.tfrecord'],
      n: 4,
    });
  });
});
