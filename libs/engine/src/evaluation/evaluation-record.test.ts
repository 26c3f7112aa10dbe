import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidEvaluationRecordError } from './evaluation-errors';
import { evaluatedRecord, listEvaluationRecords, readEvaluationRecord, skippedRecord, writeEvaluationRecord } from './evaluation-record';
import { checkpointEvaluation as evaluation } from './testing';

const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'eval-record-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});


const owner = { jobId: 'job-a', trainDir: '/t' };

describe('evaluation records', () => {
  it('evaluation records - written atomically as step-<N>.json with the fields the exporter reads', async () => {
    const d = await tmp();
    const evalDir = path.join(d, 'eval');
    const file = await writeEvaluationRecord(evalDir, evaluatedRecord(evaluation(10), owner, new Date('2025-01-02T03:04:05Z')));
    expect(file).toBe(path.join(evalDir, 'step-10.json'));
    expect(await readdir(evalDir)).toEqual(['step-10.json']);
    const back = await readEvaluationRecord(evalDir, 10);
    expect(back).toMatchObject({
      step: 10,
      job_id: 'job-a',
      checkpoint_path: '/t/model.ckpt-10',
      accuracy: 0.5,
      recall_at_k: 1,
      k: 2,
      loss: 0.7,
      num_examples: 2,
      per_class: [{ label: 0, class_name: 'a', precision: 1, recall: 0.5, num_examples: 2 }, { label: 1, class_name: 'b' }],
      confusion_matrix: { size: 2, counts: [1, 1, 0, 0] },
      misclassified: [{ split_index: 1, shard: 'flowers_validation_00000-of-00001.tfrecord', record: 1, label: 0, predicted: 1, score: 2.5, probability: 0.8 }],
      evaluated_at: '2025-01-02T03:04:05.000Z',
      status: 'evaluated',
      reason: '',
      evaluation_id: 'job-a@10/validation',
    });
    expect(await readEvaluationRecord(evalDir, 11)).toBeUndefined();
  });

  it('evaluation records - listed by step, other splits beside validation, skipped ones included', async () => {
    const d = await tmp();
    await writeEvaluationRecord(d, evaluatedRecord(evaluation(10), owner));
    await writeEvaluationRecord(d, evaluatedRecord(evaluation(2, 'train'), owner));
    await writeEvaluationRecord(d, skippedRecord({ step: 2, checkpointPath: '/t/model.ckpt-2', modelName: 'mobilenet_v2', datasetDir: '/d', split: 'validation', reason: 'pruned' }, owner));
    expect((await readdir(d)).sort()).toEqual(['step-10.json', 'step-2.json', 'step-2.train.json']);
    const all = await listEvaluationRecords(d);
    expect(all.map((r) => [r.step, r.dataset_split_name, r.status])).toEqual([
      [2, 'train', 'evaluated'],
      [2, 'validation', 'skipped'],
      [10, 'validation', 'evaluated'],
    ]);
    expect(all[1]).toMatchObject({ reason: 'pruned', accuracy: null, num_examples: 0 });
    expect(await listEvaluationRecords(path.join(d, 'missing'))).toEqual([]);
  });

  it('evaluation records - a record written before misclassified examples were kept reads with none', async () => {
    const d = await tmp();
    const { misclassified: _dropped, ...older } = evaluatedRecord(evaluation(4), owner);
    await writeFile(path.join(d, 'step-4.json'), JSON.stringify(older));
    expect(await readEvaluationRecord(d, 4)).toMatchObject({ step: 4, misclassified: [] });
  });

  it('evaluation records - a damaged file is an error naming it and the field', async () => {
    const d = await tmp();
    await writeFile(path.join(d, 'step-3.json'), '{"format":"finetune.evaluation/v1","step":3,"status":"done"}');
    await expect(readEvaluationRecord(d, 3)).rejects.toThrowError(InvalidEvaluationRecordError);
    await expect(listEvaluationRecords(d)).rejects.toThrowError(/step-3\.json: field status must be 'evaluated' or 'skipped'/);
    await writeFile(path.join(d, 'step-3.json'), '{');
    await expect(readEvaluationRecord(d, 3)).rejects.toThrowError(/step-3\.json: is not valid JSON/);
  });
});
