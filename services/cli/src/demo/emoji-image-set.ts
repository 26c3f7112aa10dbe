// The demo's real image set: Google's Noto emoji (Apache-2.0) as shipped by the npm package
// emoji-datasource-google, sorted into one folder per class by emoji subcategory. Read from node_modules, never fetched.
import { createRequire } from 'node:module';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { FinetuneError } from '@finetune/runtime';

/**
 * Classes by the emoji subcategories they gather. Subcategories, not the broad categories: "Travel &
 * Places" mixes buildings, cars and weather, which no picture tells apart; these four each look alike.
 */
export const DEMO_CLASSES: Record<string, string[]> = {
  clothing: ['clothing'],
  mammals: ['animal-mammal'],
  produce: ['food-fruit', 'food-vegetable'],
  vehicles: ['transport-ground'],
};

interface EmojiEntry {
  image: string;
  subcategory: string;
  short_name: string;
  has_img_google: boolean;
}

export interface DemoImageSet {
  /** Folder of class subfolders for `prepare`. */
  pic: string;
  /** Images kept out of the dataset, classified at the end: [file, true class]. */
  heldOut: Array<{ file: string; label: string }>;
  perClass: number;
}

/**
 * Writes up to `perClass` images of each category into `<dir>/pic/<class>/` (flattened onto white, as
 * the emoji are transparent PNGs) and `heldOutPerClass` more into `<dir>/held-out/`.
 */
export async function writeEmojiImageSet(dir: string, perClass: number, heldOutPerClass: number): Promise<DemoImageSet> {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('emoji-datasource-google/package.json'));
  } catch (cause) {
    throw new FinetuneError('failed-precondition', 'the demo images come from the npm package emoji-datasource-google: run npm ci first', { cause });
  }
  const entries = require('emoji-datasource-google/emoji.json') as EmojiEntry[];
  await rm(dir, { recursive: true, force: true });
  const pic = path.join(dir, 'pic');
  const heldOut: DemoImageSet['heldOut'] = [];
  for (const [label, subcategories] of Object.entries(DEMO_CLASSES)) {
    // Sorted by name; held-out images are picked at even steps, so they spread over the class.
    const images = entries.filter((e) => subcategories.includes(e.subcategory) && e.has_img_google).sort((a, b) => a.short_name.localeCompare(b.short_name));
    const held = images.filter((_, i) => i % Math.floor(images.length / heldOutPerClass) === 1).slice(0, heldOutPerClass);
    const kept = images.filter((e) => !held.includes(e)).slice(0, perClass);
    await mkdir(path.join(pic, label), { recursive: true });
    await mkdir(path.join(dir, 'held-out'), { recursive: true });
    for (const [list, folder] of [[kept, path.join(pic, label)], [held, path.join(dir, 'held-out')]] as const) {
      for (const e of list) {
        const png = await sharp(path.join(packageDir, 'img', 'google', '64', e.image)).flatten({ background: '#ffffff' }).png().toBuffer();
        const file = path.join(folder, folder.endsWith('held-out') ? `${label}-${e.short_name}.png` : `${e.short_name}.png`);
        await writeFile(file, png);
        if (list === held) heldOut.push({ file, label });
      }
    }
  }
  return { pic, heldOut, perClass };
}
