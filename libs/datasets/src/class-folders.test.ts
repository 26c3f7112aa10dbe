// Class discovery: sorted classes and files, hidden entries ignored, and the reference's pic/train layout.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSourceLayout, scanClassFolders } from './class-folders';
import { MissingFolderError } from './errors';
import { tempDir } from './testing';

describe('class folders', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(async () => {
    await tmp.remove();
  });

  it('datasets - sorts classes by code unit and ignores hidden entries', async () => {
    const root = join(tmp.dir, 'scan');
    for (const c of ['b', 'B', 'a', '.hidden']) await mkdir(join(root, c), { recursive: true });
    for (const [c, f] of [['b', '2.jpg'], ['b', '10.jpg'], ['B', 'x.png'], ['a', 'y.jpg'], ['a', '.DS_Store'], ['.hidden', 'z.jpg']]) {
      await writeFile(join(root, c, f), '');
    }
    await writeFile(join(root, 'stray.jpg'), '');
    const classes = await scanClassFolders(root, 'train');
    expect(classes.map((c) => c.name)).toEqual(['B', 'a', 'b']);
    expect(classes[2].files).toEqual([join(root, 'b', '10.jpg'), join(root, 'b', '2.jpg')]);
    expect(classes[1].files).toEqual([join(root, 'a', 'y.jpg')]);
  });

  it('datasets - finds train/ and validation/ under a source folder, or uses it whole', async () => {
    const pic = join(tmp.dir, 'pic');
    await mkdir(join(pic, 'train', 'x'), { recursive: true });
    expect(await resolveSourceLayout(pic)).toEqual({ trainDir: join(pic, 'train') });
    await mkdir(join(pic, 'validation', 'x'), { recursive: true });
    expect(await resolveSourceLayout(pic)).toEqual({ trainDir: join(pic, 'train'), validationDir: join(pic, 'validation') });
    expect(await resolveSourceLayout(join(pic, 'train'))).toEqual({ trainDir: join(pic, 'train') });
    await expect(resolveSourceLayout(join(tmp.dir, 'none'))).rejects.toBeInstanceOf(MissingFolderError);
  });
});
