// A job trains with the input its start point's weights were trained on, records it in each checkpoint's
// sidecar, and evaluation follows the record; --preprocessing_name overrides it with a warning naming both.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpointMeta } from '@finetune/checkpoint';
import { closeIdleWorkers } from '@finetune/datasets';
import { evaluateCheckpoint } from '../evaluation/evaluate-checkpoint';
import { runTrainingJob } from './run-training-job';
import { makeColourDataset, tinyJob, type ColourDataset } from './testing';

let data: ColourDataset;
beforeAll(async () => {
  data = await makeColourDataset('job-preprocessing-');
});
afterAll(async () => {
  await closeIdleWorkers();
  await data?.remove();
});

const job = (trainDir: string, extra: Record<string, unknown> = {}) =>
  tinyJob(data.datasetDir, trainDir, { maxNumberOfSteps: 1, trainableScopes: 'MobilenetV2/Logits', engineWorkers: 1, ...extra });

describe('job preprocessing', () => {
  it('job preprocessing - recorded in the sidecar, inherited from a start checkpoint, followed by eval; a contradicting flag warns', async () => {
    const first = join(data.root, 'first');
    await runTrainingJob(job(first, { preprocessingName: 'unit' }));
    expect((await readCheckpointMeta(join(first, 'model.ckpt-1')))?.preprocessing).toBe('unit');

    // From scratch the net's own: mobilenet_v2's Slim preprocessing.
    const scratch = join(data.root, 'scratch');
    await runTrainingJob(job(scratch));
    expect((await readCheckpointMeta(join(scratch, 'model.ckpt-1')))?.preprocessing).toBe('inception');

    const inherited = join(data.root, 'inherited');
    await runTrainingJob(job(inherited, { checkpointPath: first }));
    expect((await readCheckpointMeta(join(inherited, 'model.ckpt-1')))?.preprocessing).toBe('unit');
    const evaluation = await evaluateCheckpoint({ checkpointPath: inherited, datasetDir: data.datasetDir, engineWorkers: 1 });
    expect(evaluation.preprocessing).toBe('unit');

    const warnings: string[] = [];
    const overridden = join(data.root, 'overridden');
    await runTrainingJob(job(overridden, { checkpointPath: first, preprocessingName: 'vgg' }), { log: { info: () => undefined, warn: (m) => void warnings.push(m) } });
    expect(warnings.some((w) => w.includes('--preprocessing_name=vgg contradicts') && w.includes('trained on unit preprocessing'))).toBe(true);
    expect((await readCheckpointMeta(join(overridden, 'model.ckpt-1')))?.preprocessing).toBe('vgg');
  }, 180_000);
});
