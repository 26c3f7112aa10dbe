// `finetune demo --data <folder>`: the user's class folders, with one image per class held out for the
// final classification. The dataset is built from symlinks, so the user's folder is never copied or changed.
import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { FinetuneError } from '@finetune/runtime';
import type { DemoImageSet } from './emoji-image-set';

const IMAGE_FILE = /\.(jpe?g|png|webp|gif|tiff?)$/i;

export async function linkUserImageSet(source: string, dir: string, heldOutPerClass: number): Promise<DemoImageSet> {
  const classes = (await readdir(source, { withFileTypes: true }).catch(() => {
    throw new FinetuneError('invalid-argument', `--data ${source}: no such folder`);
  }))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  if (classes.length < 2) throw new FinetuneError('invalid-argument', `--data ${source}: needs at least two class subfolders, found ${classes.length}`);
  await rm(dir, { recursive: true, force: true });
  const pic = path.join(dir, 'pic');
  const heldOut: DemoImageSet['heldOut'] = [];
  let perClass = Infinity;
  for (const label of classes) {
    const files = (await readdir(path.join(source, label))).filter((f) => IMAGE_FILE.test(f)).sort();
    if (files.length < heldOutPerClass + 2) throw new FinetuneError('invalid-argument', `--data ${source}/${label}: needs at least ${heldOutPerClass + 2} images, found ${files.length}`);
    await mkdir(path.join(pic, label), { recursive: true });
    files.forEach((f, i) => i < heldOutPerClass && heldOut.push({ file: path.join(source, label, f), label }));
    for (const f of files.slice(heldOutPerClass)) await symlink(path.resolve(source, label, f), path.join(pic, label, f));
    perClass = Math.min(perClass, files.length - heldOutPerClass);
  }
  return { pic, heldOut, perClass };
}
