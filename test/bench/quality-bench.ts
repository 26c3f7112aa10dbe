// npm run bench -- quality: what the models Finetune makes are worth, on a visible real set (Google's emoji
// to train, Apple's to validate, one class per Unicode category), against a plain baseline trained in the
// same run: the linear probe on nsfwjs' own backbone. Accuracy, recall@5 and wall time of each recipe.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeIdleWorkers, convertImageFolder } from '@finetune/datasets';
import { evaluateCheckpoint, initBackend, runTrainingJob, type TrainOptionsInput } from '@finetune/engine';
import { writeTwoHandsSet } from './emoji-two-hands';
import { benchDemoQuality } from './demo-quality';
import { runLinearProbe } from './linear-probe';

export interface QualityBenchOptions {
  /** Images per class and split (the "at most 80"). @default 80 */
  perClass: number;
  /** --train_image_size of Finetune's runs; the probe always runs at the Keras model's 224. @default 224 */
  imageSize: number;
  /** Epochs of the head-only runs (probe included). @default 60 */
  headEpochs: number;
  /** Epochs of every-layer training after the head. @default 5 */
  allEpochs: number;
  /** Which recipes to run. @default all */
  recipes: string[];
}

export interface QualityRow {
  /** The QUALITY_RECIPES name that made it; `demo-probe` for the probe on the demo's split. */
  key: string;
  recipe: string;
  accuracy: number;
  recallAtK: number;
  seconds: number;
}

const BATCH = 32;
const K = 5;
const HEAD = 'MobilenetV2/Logits';

function env(name: string, fallback: number): number {
  const v = process.env[name];
  return v === undefined ? fallback : Number(v);
}

export function qualityBenchOptions(): QualityBenchOptions {
  return {
    perClass: env('QUALITY_PER_CLASS', 80),
    imageSize: env('QUALITY_SIZE', 224),
    headEpochs: env('QUALITY_HEAD_EPOCHS', 60),
    allEpochs: env('QUALITY_ALL_EPOCHS', 5),
    recipes: (process.env.QUALITY_RECIPES ?? 'probe,head,all-from-head,two-stage,reference,demo').split(','),
  };
}

export async function benchQuality(o: QualityBenchOptions = qualityBenchOptions(), log: (line: string) => void = () => {}): Promise<QualityRow[]> {
  await initBackend();
  const root = await mkdtemp(path.join(tmpdir(), 'quality-bench-'));
  const rows: QualityRow[] = [];
  try {
    const set = await writeTwoHandsSet(root, o.perClass);
    const { manifest } = await convertImageFolder({ trainDir: set.pic, outputDir: path.join(root, 'data'), datasetName: 'emoji', numThreads: 2 });
    const trainImages = manifest.splits.train?.numImages ?? 0;
    const steps = (epochs: number) => Math.ceil((epochs * trainImages) / BATCH);
    if (o.recipes.includes('probe')) {
      const probe = await runLinearProbe({ manifest, epochs: o.headEpochs, learningRate: 1e-3, batchSize: BATCH, k: K });
      rows.push({ key: 'probe', recipe: `linear probe (nsfwjs Keras, pixels/255, adam 1e-3, ${o.headEpochs} epochs)`, ...probe });
      log(JSON.stringify(rows.at(-1)));
    }

    const train = async (key: string, recipe: string, options: Partial<TrainOptionsInput>) => {
      const started = performance.now();
      const trainDir = path.join(root, recipe.replace(/[^a-z0-9]+/gi, '-'));
      await runTrainingJob({ trainDir, datasetDir: manifest.dir, modelName: 'mobilenet_v2', trainImageSize: o.imageSize, batchSize: BATCH, ...options });
      const evaluation = await evaluateCheckpoint({ checkpointPath: trainDir, datasetDir: manifest.dir, k: K });
      rows.push({ key, recipe, accuracy: evaluation.metrics.accuracy, recallAtK: evaluation.metrics.recallAtK, seconds: (performance.now() - started) / 1000 });
      log(JSON.stringify(rows.at(-1)));
      return trainDir;
    };

    // Only the flags a user must pass (the scopes of the mode): the defaults are what is measured.
    const head = { checkpointExcludeScopes: HEAD, trainableScopes: HEAD, maxNumberOfSteps: steps(o.headEpochs) };
    let headDir: string | undefined;
    const fromHead = async () => (headDir ??= await train('head', `head only, defaults (${o.headEpochs} epochs)`, head));
    const allFromHead = async (trainedBatchNorm: 'inference' | 'batch-statistics') => ({
      checkpointPath: await fromHead(),
      trainableScopes: '',
      maxNumberOfSteps: steps(o.allEpochs),
      trainedBatchNorm,
    });
    const recipes: Record<string, () => Promise<unknown>> = {
      head: fromHead,
      'all-from-head': async () => train('all-from-head', `every layer from the head, defaults (${o.allEpochs} epochs)`, await allFromHead('inference')),
      // A schedule measured against the default: a higher rate, warmed up over about an epoch, decayed to 0.
      'all-cosine': async () =>
        train('all-cosine', `every layer from the head, adam 0.0001 cosine, warmup 20 steps (${o.allEpochs} epochs)`, {
          ...(await allFromHead('inference')),
          learningRate: 0.0001,
          learningRateDecayType: 'cosine',
          warmupSteps: 20,
        }),
      'all-reference-bn': async () =>
        train('all-reference-bn', `every layer from the head, --trained_batch_norm=batch-statistics`, await allFromHead('batch-statistics')),
      'two-stage': async () =>
        train('two-stage', `two stages in one job (${o.headEpochs} + ${o.allEpochs} epochs)`, {
          ...head,
          fineTuneAfterSteps: steps(o.headEpochs),
          maxNumberOfSteps: steps(o.headEpochs + o.allEpochs),
        }),
      // The reference's own fine-tuning command, head only, its flags meaning what they mean there.
      reference: async () =>
        train('reference', `reference flags: rmsprop 0.001 fixed, weight decay 4e-5 (head, ${o.headEpochs} epochs)`, {
          ...head,
          optimizer: 'rmsprop',
          learningRate: 0.001,
          learningRateDecayType: 'fixed',
          weightDecay: 0.00004,
        }),
    };
    for (const name of o.recipes) {
      if (name === 'probe') continue;
      if (name === 'demo') {
        // README's first command on its own split, against the probe on that split: the "+5 points".
        const demo = await benchDemoQuality(path.join(root, 'demo'), { epochs: o.headEpochs, learningRate: 1e-3, batchSize: BATCH, k: K });
        rows.push({ key: 'demo-probe', recipe: `demo split: linear probe (${o.headEpochs} epochs)`, ...demo.probe });
        rows.push({ key: 'demo', recipe: `demo split: finetune demo, best checkpoint (last ${demo.last.toFixed(3)})`, accuracy: demo.best, recallAtK: demo.bestRecallAtK, seconds: demo.seconds });
        log(JSON.stringify(rows.slice(-2)));
        continue;
      }
      const recipe = recipes[name];
      if (!recipe) throw new Error(`QUALITY_RECIPES: unknown recipe ${name}; known: probe, demo, ${Object.keys(recipes).join(', ')}`);
      await recipe();
    }
    return rows;
  } finally {
    await closeIdleWorkers();
    await rm(root, { recursive: true, force: true });
  }
}

/** The targets, in accuracy points: [recipe, its baseline, the margin it must clear]. */
const TARGETS: ReadonlyArray<readonly [string, string, number]> = [
  ['head', 'probe', 2],
  ['two-stage', 'head', 3],
  ['demo', 'demo-probe', 5],
];

export function formatQualityBench(rows: readonly QualityRow[]): string[] {
  const row = (key: string) => rows.find((r) => r.key === key);
  const points = (a: QualityRow, b: QualityRow) => ((a.accuracy - b.accuracy) * 100).toFixed(1);
  const baselineOf = (r: QualityRow) => row(r.key.startsWith('demo') ? 'demo-probe' : 'probe');
  const targets = TARGETS.flatMap(([key, base, margin]) => {
    const [a, b] = [row(key), row(base)];
    if (!a || !b) return [];
    return [`  target: ${key} >= ${base} + ${margin} points: ${points(a, b)} points -> ${(a.accuracy - b.accuracy) * 100 >= margin ? 'pass' : 'FAIL'}`];
  });
  return [
    "emoji by category: train on Google's drawings, validate on Apple's; mobilenet_v2 from builtin:mobilenet_v2, batch 32",
    ...rows.map((r) => {
      const base = baselineOf(r);
      const vs = base && r !== base ? `  (${points(r, base).padStart(5)} points vs ${base.key})` : '';
      return `  ${r.recipe.padEnd(70)} accuracy ${r.accuracy.toFixed(3)}  recall@5 ${r.recallAtK.toFixed(3)}  ${r.seconds.toFixed(0).padStart(5)} s${vs}`;
    }),
    ...targets,
  ];
}
