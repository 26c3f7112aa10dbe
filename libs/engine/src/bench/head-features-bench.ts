// Head-only epoch 1 of the engine bench with the frozen features from ONNX Runtime against the engine's workers:
// the same net, images and head, the two job trainers stepped alternately so both see the same load.
import type { Net } from '@finetune/nets';
import type { ForwardRuntime } from '@finetune/onnx';
import { startJobTrainer, type JobTrainer } from '../jobs/job-trainer';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { getSchedule } from '../schedules/schedules-factory';
import { FeatureCache } from '../training/feature-cache';
import { timedTogether, type EngineBenchTiming, type Rounds } from './bench-timing';

export interface HeadFeaturesBenchInput {
  net: Net;
  netName: string;
  netOptions: { numClasses: number; imageSize: number };
  workers: number;
  images: Float32Array;
  labels: Int32Array;
  /** The net's rounds and batch: warm-up rounds, then the median of `runs` rounds of each trainer in turn. */
  rounds: Rounds;
  trainableNames: string[];
}

export type HeadFeaturesBench = Record<ForwardRuntime, EngineBenchTiming>;

export async function benchHeadFeatures(o: HeadFeaturesBenchInput): Promise<HeadFeaturesBench> {
  const runtimes: ForwardRuntime[] = ['tfjs', 'onnx'];
  const caches = runtimes.map(() => new FeatureCache());
  const trainers: JobTrainer[] = [];
  try {
    for (const [i, featureRuntime] of runtimes.entries()) {
      trainers.push(
        await startJobTrainer({
          net: o.net,
          netName: o.netName,
          netOptions: o.netOptions,
          workers: o.workers,
          backend: 'wasm',
          featureRuntime,
          trainableNames: o.trainableNames,
          optimizer: getOptimizer('rmsprop'),
          schedule: getSchedule('fixed', { learningRate: 0.001, batchSize: 1, numSamplesPerEpoch: 1 }),
          featureCache: caches[i]!,
        }),
      );
    }
    // Fresh ids every step: each one computes the frozen part, as every step of a first epoch does.
    let run = 0;
    const { batch } = o.rounds;
    const step = (t: JobTrainer) => () => t.step(o.images, batch, o.labels, { exampleIds: Array.from({ length: batch }, (_, i) => `features${run++}/${i}`) });
    const [tfjs, onnx] = await timedTogether(o.rounds, trainers.map(step));
    return { tfjs: tfjs!, onnx: onnx! };
  } finally {
    for (const t of trainers) await t.dispose();
    for (const c of caches) c.close();
  }
}
