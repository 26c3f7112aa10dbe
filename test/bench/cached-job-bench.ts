// Head-only fine-tuning with a feature cache as `finetune train` runs it: the whole job's steps of its first epoch
// (read, decode, frozen features, head) against its later ones (ids and labels only, the head on cached features).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeIdleWorkers, readManifest } from '@finetune/datasets';
import { runTrainingJob, type StepReport } from '@finetune/engine';
import { BUILTIN_PREFIX, builtinPreprocessing, getNet } from '@finetune/nets';
import { makeBenchDataset } from './training-bench';

/** The target of issue 19: a cached epoch of a job costs at most this share of its first. */
export const CACHED_EPOCH_TARGET = 0.02;
const CLASSES = 4;
/**
 * The job's --batch_size: the reference's default, whatever batch the net's training figures use. A cached step
 * is mostly the head's optimizer update (inception_v3's AuxLogits alone holds 2.5M weights), a cost per step.
 */
export const CACHED_JOB_BATCH = 32;

export interface CachedJobBench {
  net: string;
  imageSize: number;
  batch: number;
  stepsPerEpoch: number;
  /** Wall-clock seconds of each epoch's steps (input wait included), in order. */
  epochSeconds: number[];
  /** A cached epoch in the steady state (the median from the third on: one GC pause or neighbour's burst is not it) over the first. */
  ratio: number;
}

/**
 * A real job of `epochs` epochs on `imagesPerClass` x 4 generated JPEGs, head only, no augmentation (so the job
 * caches), the net's default size. Epochs are counted in steps (the short remainder of each carries over).
 */
export async function benchCachedJob(net: string, batch: number, o: { imagesPerClass?: number; epochs?: number } = {}): Promise<CachedJobBench> {
  const netDef = getNet(net);
  const imagesPerClass = o.imagesPerClass ?? Math.max(16, batch * 2);
  const epochs = o.epochs ?? 6;
  const root = await mkdtemp(path.join(tmpdir(), 'cached-job-bench-'));
  try {
    const datasetDir = await makeBenchDataset(root, imagesPerClass);
    const stepsPerEpoch = Math.floor(((await readManifest(datasetDir)).splits.train?.numImages ?? 0) / batch);
    const reports: StepReport[] = [];
    await runTrainingJob(
      {
        trainDir: path.join(root, 'train'),
        datasetDir,
        modelName: net,
        // The nets without builtin weights start from random ones: a step costs the same.
        ...(builtinPreprocessing(BUILTIN_PREFIX + net) === undefined ? { checkpointPath: 'none' } : { checkpointExcludeScopes: netDef.headScopes.join(',') }),
        trainableScopes: netDef.headScopes.join(','),
        batchSize: batch,
        maxNumberOfSteps: epochs * stepsPerEpoch,
        augment: false,
        saveIntervalSecs: 3600,
        logEveryNSteps: 1000,
      },
      { onStep: (r) => void reports.push(r) },
    );
    const epochSeconds = Array.from({ length: epochs }, (_, e) =>
      reports.slice(e * stepsPerEpoch, (e + 1) * stepsPerEpoch).reduce((s, r) => s + r.stepSeconds, 0));
    // The second epoch still computes the features of the examples the first epoch's dropped remainder held back.
    const steady = epochSeconds.slice(2).sort((a, b) => a - b);
    const median = steady[Math.floor((steady.length - 1) / 2)]!;
    return { net, imageSize: netDef.defaultImageSize, batch, stepsPerEpoch, epochSeconds, ratio: median / epochSeconds[0]! };
  } finally {
    await closeIdleWorkers();
    await rm(root, { recursive: true, force: true });
  }
}

export function formatCachedJob(r: CachedJobBench): string {
  const pass = r.ratio <= CACHED_EPOCH_TARGET ? 'pass' : 'FAIL';
  const epochs = r.epochSeconds.map((s) => `${s.toFixed(2)} s`).join(', ');
  const rate = (r.stepsPerEpoch / (r.ratio * r.epochSeconds[0]!)).toFixed(1);
  return `  head-only job (finetune train, ${r.stepsPerEpoch} steps of ${r.batch} an epoch, ${CLASSES} classes): epochs ${epochs}; ` +
    `cached epoch (median from the third) ${rate} steps/s = ${(r.ratio * 100).toFixed(2)}% of the first (cached epoch <= ${CACHED_EPOCH_TARGET * 100}% of the first: ${pass})`;
}

// `node --import tsx test/bench/cached-job-bench.ts [net] [batch]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [net = 'mobilenet_v2', batch = String(CACHED_JOB_BATCH)] = process.argv.slice(2);
  process.stdout.write(`${formatCachedJob(await benchCachedJob(net, Number(batch)))}\n`);
}
