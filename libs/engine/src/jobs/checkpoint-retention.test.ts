// --keep_checkpoint_max on real checkpoints and the evaluator's real records: the newest N stay, and so does the best.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCheckpoints } from '@finetune/checkpoint';
import { closeIdleWorkers } from '@finetune/datasets';
import { evaluateCheckpoint } from '../evaluation/evaluate-checkpoint';
import { EVAL_DIR_NAME, evaluatedRecord, listEvaluationRecords, writeEvaluationRecord } from '../evaluation/evaluation-record';
import { bestEvaluatedStep } from './checkpoint-retention';
import { runTrainingJob } from './run-training-job';
import { makeColourDataset, tinyJob, type ColourDataset } from './testing';

let data: ColourDataset;

beforeAll(async () => {
  data = await makeColourDataset('checkpoint-retention-');
});

afterAll(async () => {
  await closeIdleWorkers();
  await data?.remove();
});

describe('checkpoint retention', () => {
  it('checkpoint retention - keep_checkpoint_max 2 keeps the newest two and the best evaluated, however old; a bad record prunes nothing', async () => {
    const trainDir = join(data.root, 'keep');
    const evalDir = join(trainDir, EVAL_DIR_NAME);
    const steps = async () => (await listCheckpoints(trainDir)).map((c) => c.step);
    const lines: string[] = [];
    const log = { info: () => undefined, warn: (msg: string) => lines.push(msg) };
    // Each run resumes from the last and saves once at its end.
    const trainTo = (maxNumberOfSteps: number) =>
      runTrainingJob(tinyJob(data.datasetDir, trainDir, { maxNumberOfSteps, keepCheckpointMax: 2, trainableScopes: 'MobilenetV2/Logits', engineWorkers: 1 }), { log });
    const evaluate = async (step: number) => {
      const evaluation = await evaluateCheckpoint({ checkpointPath: join(trainDir, `model.ckpt-${step}`), datasetDir: data.datasetDir, engineWorkers: 1 });
      await writeEvaluationRecord(evalDir, evaluatedRecord(evaluation, { jobId: '', trainDir }));
    };

    await trainTo(2);
    expect(await steps()).toEqual([0, 2]);
    await evaluate(2);
    await trainTo(3);
    await evaluate(3);
    await trainTo(4);
    await trainTo(5);
    const records = await listEvaluationRecords(evalDir);
    expect(records.map((r) => r.step)).toEqual([2, 3]);
    const best = bestEvaluatedStep(records)!;
    expect([2, 3]).toContain(best);
    expect(await steps()).toEqual([...new Set([best, 4, 5])].sort((a, b) => a - b));

    // A record that cannot be read might hide the best: nothing is pruned, and the warning names the file.
    await mkdir(evalDir, { recursive: true });
    await writeFile(join(evalDir, 'step-9.json'), '{ not json');
    await trainTo(6);
    expect(await steps()).toEqual([...new Set([best, 4, 5, 6])].sort((a, b) => a - b));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${join(evalDir, 'step-9.json')}: is not valid JSON.*; no checkpoint is pruned until it is fixed or removed$`)));
  });

  it('checkpoint retention - the best is the highest validation accuracy, the newer on a tie; skipped and train-split records do not count', () => {
    const record = (step: number, accuracy: number | null, split: 'train' | 'validation' = 'validation') =>
      ({ step, accuracy, dataset_split_name: split, status: accuracy === null ? 'skipped' : 'evaluated' }) as Parameters<typeof bestEvaluatedStep>[0][number];
    expect(bestEvaluatedStep([])).toBeUndefined();
    expect(bestEvaluatedStep([record(1, 0.5), record(2, 0.7), record(3, 0.6)])).toBe(2);
    expect(bestEvaluatedStep([record(1, 0.7), record(2, 0.7)])).toBe(2);
    expect(bestEvaluatedStep([record(1, 0.5), record(2, 0.9, 'train'), record(3, null)])).toBe(1);
  });
});
