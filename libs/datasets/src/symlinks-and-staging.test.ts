// Symlinked class folders are followed (or refused outside a data root, by name), and staging folders of
// killed runs are cleaned by the next run.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathOutsideRootError } from '@finetune/store';
import { convertImageFolder } from './convert';
import { makeImageTree, tempDir } from './testing';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
  await makeImageTree(join(tmp.dir, 'root', 'pic'));
  await makeImageTree(join(tmp.dir, 'elsewhere'), { orchids: { count: 2, format: 'png', rgb: [230, 170, 0] } });
  await symlink(join(tmp.dir, 'elsewhere', 'orchids'), join(tmp.dir, 'root', 'pic', 'orchids'));
});
afterAll(async () => {
  await tmp.remove();
});

describe('symlinks and staging', () => {
  it('datasets - a symlinked class folder is followed, not dropped', async () => {
    const plain = (await readdir(join(tmp.dir, 'root', 'pic'), { withFileTypes: true })).filter((e) => e.isDirectory()).length;
    const { manifest } = await convertImageFolder({ trainDir: join(tmp.dir, 'root', 'pic'), outputDir: join(tmp.dir, 'out-follow'), datasetName: 'flowers' });
    expect(manifest.classNames).toContain('orchids');
    expect(manifest.classNames).toHaveLength(plain + 1);
  });

  it('datasets - under a data root, a class folder symlinked out of it is refused by name', async () => {
    const run = convertImageFolder({ trainDir: join(tmp.dir, 'root', 'pic'), outputDir: join(tmp.dir, 'root', 'out'), datasetName: 'flowers', dataRoot: join(tmp.dir, 'root') });
    await expect(run).rejects.toThrowError(PathOutsideRootError);
    await expect(run).rejects.toThrowError(/train class folder ".*pic\/orchids" is outside the data root/);
  });

  it('datasets - staging folders of killed runs are removed by the next run; a live run\'s are kept', async () => {
    const out = join(tmp.dir, 'out-staging');
    await mkdir(out, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const host = hostname().replace(/[^A-Za-z0-9]/g, '_');
    const killed = [`.flowers.staging-${host}-${dead}-abc123-x1`, `.flowers.staging-${dead}-def456-x2`]; // the second: the older naming
    const live = `.flowers.staging-${host}-${process.ppid}-aaa111-x3`;
    for (const name of [...killed, live]) {
      await mkdir(join(out, name));
      await writeFile(join(out, name, 'flowers_train_00000-of-00002.tfrecord'), 'half a shard');
    }
    await convertImageFolder({ trainDir: join(tmp.dir, 'root', 'pic'), outputDir: out, datasetName: 'flowers' });
    const left = (await readdir(out)).filter((n) => n.includes('.staging-'));
    expect(left).toEqual([live]);
  });
});
