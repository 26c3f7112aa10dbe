// Which image goes to which split with which label: from two folders, or one folder split per class by a seeded ratio.
import { basename } from 'node:path';
import type { ClassFolder } from './class-folders';
import type { SplitName } from './convert-options';
import { deriveSeed, seededRandom, shuffled } from './seeded-random';

/** One image to convert. */
export interface ImageItem {
  path: string;
  label: number;
  className: string;
  /** Stored as image/filename, as build_image_data.py does (the base name). */
  filename: string;
}

export type SplitItems = Record<SplitName, ImageItem[]>;

function items(folder: ClassFolder, label: number): ImageItem[] {
  return folder.files.map((path) => ({ path, label, className: folder.name, filename: basename(path) }));
}

/** Label i is the i-th train class (classes come sorted). */
export function labelOf(classNames: readonly string[]): Map<string, number> {
  return new Map(classNames.map((name, i) => [name, i]));
}

/** Train and validation from their own folders. */
export function splitFromFolders(train: ClassFolder[], validation: ClassFolder[]): SplitItems {
  const labels = labelOf(train.map((c) => c.name));
  return {
    train: train.flatMap((c) => items(c, labels.get(c.name) as number)),
    validation: validation.flatMap((c) => items(c, labels.get(c.name) as number)),
  };
}

/**
 * Holds out round(n * ratio) images of each class (stratified, so every class is in both splits when it
 * can be), chosen by a shuffle seeded per class; a class always keeps at least one training image.
 */
export function splitByRatio(classes: ClassFolder[], ratio: number, seed: number): SplitItems {
  const out: SplitItems = { train: [], validation: [] };
  classes.forEach((c, label) => {
    const all = shuffled(items(c, label), seededRandom(deriveSeed(seed, `split:${c.name}`)));
    const held = Math.min(Math.round(all.length * ratio), all.length - 1);
    // Keep each split in file order; the later shard shuffle decides record order.
    const chosen = new Set(all.slice(0, held).map((i) => i.path));
    for (const item of items(c, label)) (chosen.has(item.path) ? out.validation : out.train).push(item);
  });
  return out;
}

/** The seeded shuffle across shards, as the reference shuffles once before sharding. */
export function shuffleSplit(split: SplitName, list: ImageItem[], seed: number): ImageItem[] {
  return shuffled(list, seededRandom(deriveSeed(seed, `shuffle:${split}`)));
}
