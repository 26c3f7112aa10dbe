// The quality bench's real image set: the same emoji drawn by two hands. Google's Noto drawings
// (emoji-datasource-google) are the train split, Apple's (emoji-datasource-apple, the same version) the
// validation split, one class per Unicode category. Read from node_modules, never fetched; the PNGs are
// copied as shipped (transparent), so the decoder's alpha compositing is part of what is measured.
import { createRequire } from 'node:module';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

interface EmojiEntry {
  image: string;
  category: string;
  sort_order: number;
  has_img_google: boolean;
  has_img_apple: boolean;
}

/** The one category that is not a picture: skin tones and hair styles. */
const EXCLUDED_CATEGORIES = new Set(['Component']);

export interface TwoHandsSet {
  /** `<dir>/pic` with `train/<class>` and `validation/<class>`, the reference's layout. */
  pic: string;
  classes: string[];
  perClass: number;
}

/** A class folder name from a category: `Smileys & Emotion` becomes `smileys_emotion`. */
function className(category: string): string {
  return category.toLowerCase().replace(/[^a-z]+/g, '_').replace(/^_|_$/g, '');
}

/**
 * Writes up to `perClass` emoji of each category (spread evenly over the category's order) into
 * `<dir>/pic/train/<class>/` from Google and `<dir>/pic/validation/<class>/` from Apple.
 */
export async function writeTwoHandsSet(dir: string, perClass: number): Promise<TwoHandsSet> {
  const require = createRequire(import.meta.url);
  const root = (hand: string) => path.dirname(require.resolve(`emoji-datasource-${hand}/package.json`));
  const entries = (require('emoji-datasource-google/emoji.json') as EmojiEntry[]).filter(
    (e) => e.has_img_google && e.has_img_apple && !EXCLUDED_CATEGORIES.has(e.category),
  );
  const byCategory = new Map<string, EmojiEntry[]>();
  for (const e of entries.sort((a, b) => a.sort_order - b.sort_order)) byCategory.set(e.category, [...(byCategory.get(e.category) ?? []), e]);
  const pic = path.join(dir, 'pic');
  const classes: string[] = [];
  for (const [category, list] of byCategory) {
    const name = className(category);
    classes.push(name);
    const stride = Math.max(1, list.length / perClass);
    const picked = Array.from({ length: Math.min(perClass, list.length) }, (_, i) => list[Math.floor(i * stride)]!);
    for (const [split, hand] of [['train', 'google'], ['validation', 'apple']] as const) {
      const folder = path.join(pic, split, name);
      await mkdir(folder, { recursive: true });
      for (const e of picked) await copyFile(path.join(root(hand), 'img', hand, '64', e.image), path.join(folder, e.image));
    }
  }
  return { pic, classes, perClass };
}
