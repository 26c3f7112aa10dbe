// --class_weights balanced: from the manifest's per-class counts to the job's loss weights; an old manifest is refused.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeIdleWorkers, convertImageFolder, MANIFEST_FILE, type LoadedManifest } from '@finetune/datasets';
import { makeImageTree } from '@finetune/datasets/testing';
import { balancedClassWeights, jobClassWeights } from './class-weights';
import { checkTrainingJob } from './check-training-job';
import { runTrainingJob, type TrainingStart } from './run-training-job';
import { tinyJob } from './testing';
import { resolveTrainOptions } from './train-options';

let root: string;
let manifest: LoadedManifest;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'class-weights-'));
  // 12 blue, 4 green, 4 red: a quarter of each held out leaves 9, 3, 3 to train on.
  await makeImageTree(join(root, 'pic'), {
    blue: { count: 12, format: 'png', rgb: [30, 40, 220], width: 32, height: 32 },
    green: { count: 4, format: 'png', rgb: [30, 200, 40], width: 32, height: 32 },
    red: { count: 4, format: 'png', rgb: [220, 30, 30], width: 32, height: 32 },
  });
  ({ manifest } = await convertImageFolder({ trainDir: join(root, 'pic'), outputDir: join(root, 'colours'), datasetName: 'colours', validationRatio: 0.25, trainShards: 1, validationShards: 1, numThreads: 1 }));
});

afterAll(async () => {
  await closeIdleWorkers();
  await rm(root, { recursive: true, force: true });
});

describe('class weights', () => {
  it('class weights - balanced is n_samples / (n_classes * count), over the classes present', () => {
    expect(balancedClassWeights([9, 3, 3])).toEqual([15 / 27, 15 / 9, 15 / 9]);
    // An empty class never appears as a label; the others still average 1 per example.
    expect(balancedClassWeights([6, 0, 2])).toEqual([8 / 12, 0, 8 / 4]);
  });

  it('class weights - a balanced job weighs each class by the manifest’s train counts, after --labels_offset', async () => {
    const counts = manifest.splits.train!.numImagesPerClass!;
    expect(counts).toEqual([9, 3, 3]);
    const starts: TrainingStart[] = [];
    const lines: string[] = [];
    const log = { info: (msg: string) => lines.push(msg), warn: (msg: string) => lines.push(msg) };
    const run = (trainDir: string, extra: Parameters<typeof tinyJob>[2]) =>
      runTrainingJob(tinyJob(manifest.dir, join(root, trainDir), { maxNumberOfSteps: 1, trainableScopes: 'MobilenetV2/Logits', engineWorkers: 1, ...extra }), { onStart: (s) => starts.push(s), log });
    await run('balanced', { classWeights: 'balanced' });
    expect(starts[0]!.classWeights).toEqual([15 / (3 * 9), 15 / (3 * 3), 15 / (3 * 3)]);
    expect(lines).toContain('class weights (balanced): blue 0.556, green 1.667, red 1.667');
    await run('none', {});
    expect(starts[1]!.classWeights).toBeUndefined();
    // labels_offset 1: label 0 is a background class the net lacks; the other two share the 6 examples left.
    expect(jobClassWeights({ classWeights: 'balanced', datasetSplitName: 'train', labelsOffset: 1 }, manifest)).toEqual([1, 1]);
  });

  it('class weights - a manifest without per-class counts is refused naming it and the finetune prepare that rebuilds it', async () => {
    const old = join(root, 'old');
    await convertImageFolder({ trainDir: join(root, 'pic'), outputDir: old, datasetName: 'colours', validationRatio: 0.25, trainShards: 1, validationShards: 1, numThreads: 1 });
    const file = join(old, MANIFEST_FILE);
    const json = JSON.parse(await readFile(file, 'utf8'));
    for (const split of Object.values(json.splits) as { numImagesPerClass?: number[] }[]) delete split.numImagesPerClass;
    await writeFile(file, JSON.stringify(json));
    const job = tinyJob(old, join(root, 'old-train'), { classWeights: 'balanced', engineWorkers: 1 });
    const expected = `--class_weights "balanced": ${file} has no per-class counts (splits.train.numImagesPerClass); rebuild it with \`finetune prepare -t ${join(root, 'pic')} --validation-ratio 0.25 -o ${old} --dataset-name colours --seed ${json.source.seed} --overwrite\`, or train with --class_weights none`;
    await expect(checkTrainingJob(resolveTrainOptions(job))).rejects.toThrow(expected);
    await expect(runTrainingJob(job)).rejects.toThrow(expected);
    // Unweighted, the old manifest still trains.
    await expect(runTrainingJob({ ...job, classWeights: 'none', maxNumberOfSteps: 1 })).resolves.toMatchObject({ outcome: 'succeeded' });
  });
});
