// Conversion throughput: a few thousand generated JPEGs into TFRecord shards, against the time to
// just read the same files (the floor any converter sits on), measured in the same run.
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { closeIdleWorkers, convertImageFolder } from '@finetune/datasets';

export interface DatasetBenchResult {
  images: number;
  readSeconds: number;
  convertSeconds: number;
  convertImagesPerSec: number;
  /** Conversion time divided by plain read time: how much validation and writing cost on top of I/O. */
  ratioToRead: number;
}

/** Photo-like JPEGs: smooth gradients plus noise, so sizes and decode costs resemble real pictures. */
async function generate(root: string, classes: number, perClass: number, side: number): Promise<void> {
  const noise = await sharp({ create: { width: side, height: side, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).raw().toBuffer();
  for (let c = 0; c < classes; c++) {
    const dir = path.join(root, `class_${c}`);
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const pixels = Buffer.from(noise);
      for (let p = 0; p < pixels.length; p += 3) pixels[p] = (pixels[p]! + c * 40 + i) & 255;
      const jpeg = await sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
      await writeFile(path.join(dir, `img_${i}.jpg`), jpeg);
    }
  }
}

export async function benchDataset(options: { images?: number; side?: number; threads?: number } = {}): Promise<DatasetBenchResult> {
  const images = options.images ?? 2000;
  const classes = 5;
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-dataset-'));
  try {
    const source = path.join(work, 'pic');
    await generate(source, classes, Math.ceil(images / classes), options.side ?? 256);
    const files: string[] = [];
    for (const c of await readdir(source)) for (const f of await readdir(path.join(source, c))) files.push(path.join(source, c, f));

    const t0 = performance.now();
    for (const f of files) await readFile(f);
    const readSeconds = (performance.now() - t0) / 1000;

    const threads = options.threads ?? 2;
    const t1 = performance.now();
    await convertImageFolder({ trainDir: source, outputDir: path.join(work, 'out'), datasetName: 'bench', trainShards: threads * 2, validationShards: threads, numThreads: threads, validationRatio: 0.1 });
    const convertSeconds = (performance.now() - t1) / 1000;
    return { images: files.length, readSeconds, convertSeconds, convertImagesPerSec: files.length / convertSeconds, ratioToRead: convertSeconds / readSeconds };
  } finally {
    await closeIdleWorkers();
    await rm(work, { recursive: true, force: true });
  }
}
