// Where a step of a head-only or deeper job goes, as `finetune train` runs it on real JPEGs: waiting for input
// (decoded and resized on its own threads), the frozen prefix (ONNX Runtime or the engine), the trainable part's
// forward and backward passes, and the optimizer update. First-epoch steps: each one computes the frozen prefix.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeIdleWorkers, readManifest } from '@finetune/datasets';
import { runTrainingJob, type StepReport } from '@finetune/engine';
import { benchRounds, benchScopes, type BenchNet } from '@finetune/engine/bench';
import { BUILTIN_PREFIX, builtinPreprocessing, getNet } from '@finetune/nets';
import { makeBenchDataset } from './training-bench';

/** The first step (graphs built, kernels compiled, ONNX Runtime's session warmed) is not counted. */
const WARM_UP_STEPS = 1;
const MEASURED_STEPS = 2;
const CLASSES = 4;

interface ShareCase {
  label: string;
  mode: 'head' | 'deeper';
  featureRuntime: 'onnx' | 'tfjs';
  /** Augmented images are never cached: every epoch is computed like the first. */
  augment: boolean;
}

const CASES: ShareCase[] = [
  { label: 'head, epoch 1, ORT      ', mode: 'head', featureRuntime: 'onnx', augment: false },
  { label: 'head, epoch 1, engine   ', mode: 'head', featureRuntime: 'tfjs', augment: false },
  { label: 'deeper, epoch 1, ORT    ', mode: 'deeper', featureRuntime: 'onnx', augment: false },
  { label: 'deeper, augmented, ORT  ', mode: 'deeper', featureRuntime: 'onnx', augment: true },
  { label: 'deeper, augmented, engine', mode: 'deeper', featureRuntime: 'tfjs', augment: true },
];

export interface StepShares {
  label: string;
  /** Mean wall-clock seconds of a measured step. */
  seconds: number;
  /** Mean seconds of each part; undefined where the trainer cannot tell them apart (a data-parallel step). */
  input: number;
  frozen?: number;
  trainable?: number;
  update?: number;
}

export interface StepSharesBench {
  net: string;
  batch: number;
  steps: number;
  rows: StepShares[];
}

/** Each case a real job of warm-up + measured steps on generated JPEGs (one dataset for all), the net's bench batch. */
export async function benchStepShares(net: BenchNet): Promise<StepSharesBench> {
  const { batch } = benchRounds(net, {});
  const steps = WARM_UP_STEPS + MEASURED_STEPS;
  const root = await mkdtemp(path.join(tmpdir(), 'step-shares-bench-'));
  try {
    const datasetDir = await makeBenchDataset(root, Math.ceil((steps * batch) / CLASSES) + 2);
    const numImages = (await readManifest(datasetDir)).splits.train?.numImages ?? 0;
    if (numImages < steps * batch) throw new Error(`step shares: ${numImages} training images, ${steps * batch} needed for a first epoch of ${steps} steps`);
    const netDef = getNet(net);
    const rows: StepShares[] = [];
    for (const [i, c] of CASES.entries()) {
      const reports: StepReport[] = [];
      await runTrainingJob(
        {
          trainDir: path.join(root, `train-${i}`),
          datasetDir,
          modelName: net,
          ...(builtinPreprocessing(BUILTIN_PREFIX + net) === undefined ? { checkpointPath: 'none' } : { checkpointExcludeScopes: netDef.headScopes.join(',') }),
          trainableScopes: benchScopes(net, c.mode)!,
          featureRuntime: c.featureRuntime,
          batchSize: batch,
          maxNumberOfSteps: steps,
          augment: c.augment,
          saveIntervalSecs: 3600,
          logEveryNSteps: 1000,
        },
        { onStep: (r) => void reports.push(r) },
      );
      rows.push(shares(c.label, reports.slice(WARM_UP_STEPS)));
    }
    return { net, batch, steps: MEASURED_STEPS, rows };
  } finally {
    await closeIdleWorkers();
    await rm(root, { recursive: true, force: true });
  }
}

function shares(label: string, reports: StepReport[]): StepShares {
  const mean = (f: (r: StepReport) => number) => reports.reduce((s, r) => s + f(r), 0) / reports.length;
  const parted = reports.every((r) => r.parts);
  return {
    label,
    seconds: mean((r) => r.stepSeconds),
    input: mean((r) => r.inputWaitSeconds),
    ...(parted && {
      frozen: mean((r) => r.parts!.frozenSeconds),
      trainable: mean((r) => r.parts!.trainableSeconds),
      update: mean((r) => r.parts!.updateSeconds),
    }),
  };
}

export function formatStepShares(b: StepSharesBench): string[] {
  const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0).padStart(3)}%`;
  const ort = b.rows.find((r) => r.label.startsWith('deeper, augmented, ORT'));
  const engine = b.rows.find((r) => r.label.startsWith('deeper, augmented, engine'));
  return [
    `  share of a step (finetune train on generated JPEGs, batch ${b.batch}, mean of ${b.steps} steps after ${WARM_UP_STEPS}; every step computes the frozen prefix):`,
    ...b.rows.map((r) => {
      const head = `    ${r.label} ${r.seconds.toFixed(2).padStart(6)} s/step = input wait ${pct(r.input, r.seconds)}`;
      if (r.frozen === undefined) return `${head} | the rest in data-parallel steps (frozen prefix, trainable part and gradients inside the workers): ${pct(r.seconds - r.input, r.seconds)}`;
      const other = r.seconds - r.input - r.frozen - r.trainable! - r.update!;
      const where = r.label.includes('ORT') ? 'ONNX Runtime' : "the engine's workers";
      return `${head} | frozen prefix (${where}) ${pct(r.frozen, r.seconds)} | trainable forward+backward ${pct(r.trainable!, r.seconds)} | optimizer update ${pct(r.update!, r.seconds)} | other ${pct(other, r.seconds)}`;
    }),
    ...(ort && engine ? [`    deeper augmented epochs, frozen prefix on ONNX Runtime against data-parallel engine steps: ${(engine.seconds / ort.seconds).toFixed(2)}x the speed`] : []),
  ];
}

// `node --import tsx test/bench/step-shares-bench.ts [net]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const net = (process.argv[2] ?? 'mobilenet_v2') as BenchNet;
  formatStepShares(await benchStepShares(net)).forEach((line) => process.stdout.write(`${line}\n`));
}
