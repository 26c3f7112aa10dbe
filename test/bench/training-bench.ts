// Training throughput of mobilenet_v2 in the three fine-tuning modes, through the real input pipeline
// (JPEG decode, augmentation, worker threads, prefetch), with the share of each step spent waiting for input.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { closeIdleWorkers, convertImageFolder } from '@finetune/datasets';
import { initBackend, runTrainingJob, type StepReport } from '@finetune/engine';

export type FineTuneMode = 'head' | 'deeper' | 'everything';

/** --trainable_scopes of each mode, as the reference's fine-tuning guide names them. */
export const MODE_SCOPES: Record<FineTuneMode, string> = {
  head: 'MobilenetV2/Logits',
  deeper: 'MobilenetV2/expanded_conv_16,MobilenetV2/Conv_1,MobilenetV2/Logits',
  everything: '',
};

export interface TrainingBenchOptions {
  /** --train_image_size in pixels. @default 224 */
  imageSize: number;
  /** --batch_size. @default 32 */
  batchSize: number;
  /** Steps measured per mode, after the warm-up. @default 3 */
  steps: number;
  /** Steps run first and not measured (kernel compilation, first batches). @default 1 */
  warmupSteps: number;
  modes: FineTuneMode[];
  /** Decoding and augmentation threads. @default 2 */
  numThreads: number;
}

export function defaultTrainingBenchOptions(): TrainingBenchOptions {
  return { imageSize: 224, batchSize: 32, steps: 3, warmupSteps: 1, modes: ['head', 'deeper', 'everything'], numThreads: 2 };
}

export interface TrainingBenchResult {
  mode: FineTuneMode;
  backend: string;
  imageSize: number;
  batchSize: number;
  steps: number;
  imagesPerSec: number;
  secsPerStep: number;
  /** Seconds waiting for a batch over wall-clock seconds of the measured steps, in [0, 1]. */
  inputWaitRatio: number;
}

/** Photo-like JPEGs (noise over a class colour), larger than the input so the random crop has work to do. */
export async function makeBenchDataset(root: string, imagesPerClass: number): Promise<string> {
  const colours: Array<[number, number, number]> = [
    [200, 60, 60],
    [60, 180, 70],
    [60, 70, 200],
    [200, 180, 50],
  ];
  for (const [c, rgb] of colours.entries()) {
    const dir = path.join(root, 'pic', `class_${c}`);
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < imagesPerClass; i++) {
      const noise = await sharp({ create: { width: 320, height: 256, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).raw().toBuffer();
      const pixels = Buffer.from(noise.map((v, k) => Math.min(255, (v + rgb[k % 3]!) >> 1)));
      await writeFile(path.join(dir, `${i}.jpg`), await sharp(pixels, { raw: { width: 320, height: 256, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());
    }
  }
  const { manifest } = await convertImageFolder({ trainDir: path.join(root, 'pic'), outputDir: path.join(root, 'data'), datasetName: 'bench', trainShards: 2, validationShards: 2, numThreads: 2 });
  return manifest.dir;
}

/** Trains each mode for warm-up + measured steps from the builtin MobileNetV2 and reports the measured steps. */
export async function benchTraining(options: Partial<TrainingBenchOptions> = {}): Promise<TrainingBenchResult[]> {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<TrainingBenchOptions>;
  const o = { ...defaultTrainingBenchOptions(), ...given };
  const backend = (await initBackend()).name;
  const root = await mkdtemp(path.join(tmpdir(), 'training-bench-'));
  try {
    const datasetDir = await makeBenchDataset(root, Math.max(16, Math.ceil(o.batchSize / 2)));
    const results: TrainingBenchResult[] = [];
    for (const mode of o.modes) {
      const reports: StepReport[] = [];
      await runTrainingJob(
        {
          trainDir: path.join(root, `train-${mode}`),
          datasetDir,
          modelName: 'mobilenet_v2',
          trainImageSize: o.imageSize,
          checkpointExcludeScopes: 'MobilenetV2/Logits',
          trainableScopes: MODE_SCOPES[mode],
          batchSize: o.batchSize,
          maxNumberOfSteps: o.warmupSteps + o.steps,
          numPreprocessingThreads: o.numThreads,
          // Augmentation on, so head-only training measures the whole net's forward pass, not the feature cache.
          augment: true,
        },
        { onStep: (r) => void reports.push(r) },
      );
      const measured = reports.slice(o.warmupSteps);
      const seconds = measured.reduce((s, r) => s + r.stepSeconds, 0);
      const images = measured.reduce((s, r) => s + r.images, 0);
      const waited = measured.reduce((s, r) => s + r.inputWaitSeconds, 0);
      results.push({
        mode,
        backend,
        imageSize: o.imageSize,
        batchSize: o.batchSize,
        steps: measured.length,
        imagesPerSec: images / seconds,
        secsPerStep: seconds / measured.length,
        inputWaitRatio: waited / seconds,
      });
    }
    return results;
  } finally {
    await closeIdleWorkers();
    await rm(root, { recursive: true, force: true });
  }
}

/** One line per mode, for `npm run bench`. */
export function formatTrainingBench(results: readonly TrainingBenchResult[]): string {
  return results
    .map(
      (r) =>
        `training mobilenet_v2 ${r.mode.padEnd(10)} ${r.imageSize}px batch ${r.batchSize} on ${r.backend}: ` +
        `${r.imagesPerSec.toFixed(1)} images/s, ${r.secsPerStep.toFixed(2)} s/step, ${(r.inputWaitRatio * 100).toFixed(0)}% waiting for input`,
    )
    .join('\n');
}

// `node --import tsx test/bench/training-bench.ts [size] [batch] [steps]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [size, batch, steps] = process.argv.slice(2).map(Number);
  const results = await benchTraining({ imageSize: size || undefined, batchSize: batch || undefined, steps: steps || undefined });
  process.stdout.write(formatTrainingBench(results) + '\n');
}
