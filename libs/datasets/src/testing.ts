// Test helpers for @finetune/datasets: tiny real image folders made with sharp in a temporary folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { convertImageFolder } from './convert';
import { type LoadedManifest, readManifest } from './manifest';

export interface ClassSpec {
  count: number;
  /** Alternates jpeg/png per image when 'mixed'. */
  format: 'jpeg' | 'png' | 'webp' | 'mixed';
  /** Base RGB; each image shifts it a little so every file's bytes differ. */
  rgb: readonly [number, number, number];
  width?: number;
  height?: number;
  /** Opacity of every pixel, 0 (fully transparent) to 1; PNG and WebP keep it. @default 1, no alpha channel */
  alpha?: number;
}

/** The default: 3 classes x 6 images, 32x32 (one class 40x24 to tell height from width). */
export const THREE_CLASSES: Record<string, ClassSpec> = {
  daisy: { count: 6, format: 'jpeg', rgb: [250, 250, 240] },
  roses: { count: 6, format: 'png', rgb: [200, 20, 40], width: 40, height: 24 },
  tulips: { count: 6, format: 'mixed', rgb: [240, 180, 0] },
};

export async function imageBytes(format: 'jpeg' | 'png' | 'webp', rgb: readonly [number, number, number], width = 32, height = 32, alpha?: number): Promise<Buffer> {
  const background = { r: rgb[0], g: rgb[1], b: rgb[2], ...(alpha !== undefined && { alpha }) };
  const img = sharp({ create: { width, height, channels: alpha === undefined ? 3 : 4, background } });
  return format === 'jpeg' ? img.jpeg().toBuffer() : format === 'png' ? img.png().toBuffer() : img.webp().toBuffer();
}

/** Writes `<root>/<class>/<class>_<i>.<ext>` for each class; returns the files written per class. */
export async function makeImageTree(root: string, classes: Record<string, ClassSpec> = THREE_CLASSES): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [name, spec] of Object.entries(classes)) {
    const dir = join(root, name);
    await mkdir(dir, { recursive: true });
    out[name] = [];
    for (let i = 0; i < spec.count; i++) {
      const format = spec.format === 'mixed' ? (i % 2 ? 'png' : 'jpeg') : spec.format;
      const rgb = spec.rgb.map((c) => Math.max(0, c - i * 3)) as [number, number, number];
      const file = join(dir, `${name}_${i}.${format === 'jpeg' ? 'jpg' : format}`);
      await writeFile(file, await imageBytes(format, rgb, spec.width, spec.height, spec.alpha));
      out[name].push(file);
    }
  }
  return out;
}

export async function tempDir(prefix = 'datasets-test-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A converted flowers dataset of `classes` (train split only, `trainShards` shards) in a temp folder, for pipeline tests. */
export async function convertedFlowers(prefix: string, classes: Record<string, ClassSpec>, trainShards = 2): Promise<{ tmp: Awaited<ReturnType<typeof tempDir>>; manifest: LoadedManifest }> {
  const tmp = await tempDir(prefix);
  await makeImageTree(join(tmp.dir, 'pic'), classes);
  const out = join(tmp.dir, 'flowers');
  await convertImageFolder({ trainDir: join(tmp.dir, 'pic'), outputDir: out, datasetName: 'flowers', validationRatio: 0, trainShards });
  return { tmp, manifest: await readManifest(out) };
}
