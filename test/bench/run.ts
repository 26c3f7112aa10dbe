// npm run bench [-- section ...]: runs the benchmarks and prints their figures, each with the baseline
// measured in the same run (these machines are noisy; only ratios within one run mean anything).
import { initBackend } from '@finetune/engine';
import { benchKernels } from '@finetune/engine/bench';
import { benchDataset } from './dataset-bench';
import { runEngineSection } from './engine-bench-section';
import { benchQuality, formatQualityBench } from './quality-bench';
import { benchServing, formatServingBench, servingBenchRunsFromEnv } from './serving-bench';
import { benchTraining, formatTrainingBench } from './training-bench';

type Section = { name: string; run: () => Promise<string[]> };

const sections: Section[] = [
  {
    name: 'dataset',
    async run() {
      const r = await benchDataset();
      return [
        `conversion of ${r.images} generated 256x256 JPEGs, 2 worker threads`,
        `  baseline (read the files):   ${r.readSeconds.toFixed(2)} s`,
        `  prepare (validate + shard):  ${r.convertSeconds.toFixed(2)} s = ${r.convertImagesPerSec.toFixed(0)} images/s`,
        `  ratio to baseline:           ${r.ratioToRead.toFixed(1)}x the read time`,
      ];
    },
  },
  {
    name: 'kernels',
    async run() {
      await initBackend({ env: { ...process.env, FINETUNE_BACKEND: 'wasm' } });
      const rows = await benchKernels();
      return [
        'wasm gradient kernels Finetune adds, each against the forward convolution of the same shape (MobileNetV2 batch 16, InceptionV3 batch 8);',
        'dense ones also against themselves before their SIMD pass (XNNPACK composition for the filter, wasm\'s scalar loop for the input), same run',
        ...rows.map((r) => `  ${r.kernel.padEnd(38)} ${r.label.padEnd(32)} forward ${r.forwardMs.toFixed(1).padStart(7)} ms  kernel ${r.kernelMs.toFixed(1).padStart(7)} ms  = ${r.ratio.toFixed(2)}x` +
          (r.beforeMs === undefined ? '' : `  (before ${r.beforeMs.toFixed(1).padStart(7)} ms: ${(r.beforeMs / r.kernelMs).toFixed(1)}x faster now)`)),
      ];
    },
  },
  {
    name: 'engine',
    async run() {
      // Printed per net as measured: the whole zoo takes the better part of an hour here.
      await runEngineSection((line) => process.stdout.write(`${line}\n`));
      return [];
    },
  },
  {
    name: 'training',
    async run() {
      // 224 px batch 32 full training takes minutes per step on two cores: BENCH_SIZE / BENCH_BATCH shrink it.
      const size = Number(process.env.BENCH_SIZE ?? 96);
      const batch = Number(process.env.BENCH_BATCH ?? 16);
      return formatTrainingBench(await benchTraining({ imageSize: size, batchSize: batch })).split('\n');
    },
  },
  {
    name: 'quality',
    async run() {
      return formatQualityBench(await benchQuality(undefined, (line) => process.stderr.write(`${line}\n`)));
    },
  },
  {
    name: 'serving',
    async run() {
      const lines: string[] = [];
      for (const options of servingBenchRunsFromEnv(process.env)) lines.push(...formatServingBench(await benchServing(options)));
      return lines;
    },
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !sections.some((s) => s.name === w));
if (unknown.length) {
  process.stderr.write(`bench: unknown section ${unknown.join(', ')}; known: ${sections.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}
for (const section of sections.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
  process.stdout.write(`\n## ${section.name}\n`);
  for (const line of await section.run()) process.stdout.write(`${line}\n`);
}
