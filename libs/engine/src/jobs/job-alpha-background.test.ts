// A job composites transparent pixels on --alpha_background (white unset), records the colour in each sidecar,
// a job started from that checkpoint inherits it, and evaluation decodes with it unless its own flag overrides it.
import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaJsonPath, readCheckpointMeta } from '@finetune/checkpoint';
import { closeIdleWorkers } from '@finetune/datasets';
import { evaluateCheckpoint } from '../evaluation/evaluate-checkpoint';
import { pipelineEvalBatches, type EvalBatchSource } from '../evaluation/eval-batches';
import { runTrainingJob } from './run-training-job';
import { makeColourDataset, tinyJob, type ColourDataset } from './testing';
import { pipelineInput, type TrainingInputSource } from './training-input';

let data: ColourDataset;
beforeAll(async () => {
  // Fully transparent PNGs storing red and blue: the net may only see the background.
  data = await makeColourDataset('job-alpha-', {
    red: { count: 4, format: 'png', rgb: [220, 20, 20], width: 40, height: 40, alpha: 0 },
    blue: { count: 4, format: 'png', rgb: [20, 20, 220], width: 40, height: 40, alpha: 0 },
  });
});
afterAll(async () => {
  await closeIdleWorkers();
  await data?.remove();
});

/** The distinct values of every image the job or evaluation fed its net; inception maps white to 1, black to -1. */
function recording(): { values: Set<number>; train: TrainingInputSource; evaluate: EvalBatchSource } {
  const values = new Set<number>();
  return {
    values,
    train: (o) => {
      const batches = pipelineInput(o);
      return {
        stats: () => batches.stats(),
        close: () => batches.close(),
        async *[Symbol.asyncIterator]() {
          for await (const b of batches) {
            for (const v of b.images!) values.add(v);
            yield b;
          }
        },
      };
    },
    evaluate: (o) => ({
      async *[Symbol.asyncIterator]() {
        for await (const b of pipelineEvalBatches(o)) {
          for (const v of b.images) values.add(v);
          yield b;
        }
      },
    }),
  };
}

const job = (trainDir: string, extra: Record<string, unknown> = {}) =>
  tinyJob(data.datasetDir, trainDir, { maxNumberOfSteps: 1, augment: false, engineWorkers: 1, ...extra });

describe('job alpha background', () => {
  it('job alpha background - trained on the flag’s colour, recorded, inherited, followed by eval; eval’s flag overrides', async () => {
    const black = join(data.root, 'black');
    const seen = recording();
    await runTrainingJob(job(black, { alphaBackground: 'black' }), { input: seen.train });
    expect([...seen.values]).toEqual([-1]);
    expect((await readCheckpointMeta(join(black, 'model.ckpt-1')))?.alphaBackground).toBe('#000000');

    const white = join(data.root, 'white');
    const unset = recording();
    await runTrainingJob(job(white), { input: unset.train });
    expect([...unset.values]).toEqual([1]);
    expect((await readCheckpointMeta(join(white, 'model.ckpt-1')))?.alphaBackground).toBe('#ffffff');

    // Started from the black checkpoint without the flag: its weights saw black, so black it stays.
    const inherited = join(data.root, 'inherited');
    await runTrainingJob(job(inherited, { checkpointPath: join(black, 'model.ckpt-1') }));
    expect((await readCheckpointMeta(join(inherited, 'model.ckpt-1')))?.alphaBackground).toBe('#000000');

    const evaluated = recording();
    const evaluation = await evaluateCheckpoint({ checkpointPath: inherited, datasetDir: data.datasetDir, engineWorkers: 1, batches: evaluated.evaluate });
    expect(evaluation.alphaBackground).toBe('#000000');
    expect([...evaluated.values]).toEqual([-1]);

    const overridden = recording();
    const grey = await evaluateCheckpoint({ checkpointPath: inherited, datasetDir: data.datasetDir, engineWorkers: 1, alphaBackground: '#808080', batches: overridden.evaluate });
    expect(grey.alphaBackground).toBe('#808080');
    expect([...overridden.values].map((v) => Math.round(((v + 1) / 2) * 255))).toEqual([128]);
  }, 180_000);

  it('job alpha background - a bad flag names itself; a bad or absent record names the sidecar or means white', async () => {
    const dir = join(data.root, 'bad');
    await expect(runTrainingJob(job(dir, { alphaBackground: 'grey' }))).rejects.toThrow(/^--alpha_background "grey": expected a colour #rrggbb/);
    await runTrainingJob(job(dir));
    const prefix = join(dir, 'model.ckpt-1');
    await expect(evaluateCheckpoint({ checkpointPath: prefix, datasetDir: data.datasetDir, alphaBackground: '#12345' })).rejects.toThrow(/^--alpha_background: "#12345" is not a colour/);

    const sidecar = JSON.parse(await readFile(metaJsonPath(prefix), 'utf8'));
    await writeFile(metaJsonPath(prefix), JSON.stringify({ ...sidecar, alphaBackground: 'see-through' }));
    await expect(evaluateCheckpoint({ checkpointPath: prefix, datasetDir: data.datasetDir, engineWorkers: 1 })).rejects.toThrow(
      `${metaJsonPath(prefix)} field alphaBackground: "see-through" is not a colour`,
    );
    await expect(runTrainingJob(job(join(data.root, 'from-bad'), { checkpointPath: prefix }))).rejects.toThrow(`${metaJsonPath(prefix)} field alphaBackground`);

    // A sidecar older than the field: white.
    delete sidecar.alphaBackground;
    await writeFile(metaJsonPath(prefix), JSON.stringify(sidecar));
    const old = recording();
    expect((await evaluateCheckpoint({ checkpointPath: prefix, datasetDir: data.datasetDir, engineWorkers: 1, batches: old.evaluate })).alphaBackground).toBe('#ffffff');
    expect([...old.values]).toEqual([1]);
  }, 180_000);
});
