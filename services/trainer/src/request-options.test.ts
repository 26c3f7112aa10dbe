// A StartTraining request's config as it arrives over the wire: resolved once, bad enum numbers refused naming the field.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { status } from '@grpc/grpc-js';
import { loadPackageDefinition, type trainerV1 } from '@finetune/contracts';
import { toServiceError } from '@finetune/runtime';
import { createArtifactStore } from '@finetune/store';
import { describe, expect, it } from 'vitest';
import { requestOptions } from './request-options';

const method = (loadPackageDefinition()['finetune.trainer.v1.TrainerService'] as unknown as Record<string, { requestSerialize(v: unknown): Buffer; requestDeserialize(b: Buffer): trainerV1.StartTrainingRequest__Output }>)
  .StartTraining!;
const root = mkdtempSync(path.join(tmpdir(), 'request-options-'));
const deps = { store: createArtifactStore(root), dataRoot: createArtifactStore(root) };

/** The request as the service's handler receives it: serialized by a client, deserialized with the contracts' options. */
function overTheWire(config: Record<string, unknown>): trainerV1.StartTrainingRequest__Output {
  return method.requestDeserialize(method.requestSerialize({ config: { dataset_dir: 'data', ...config } }));
}

describe('request options', () => {
  it('request options - an enum number the contract lacks is INVALID_ARGUMENT naming the field', () => {
    const flags = { optimizer: 'optimizer', learning_rate_decay_type: 'learning_rate_decay_type', frozen_batch_norm_mode: 'frozen_batch_norm', class_weights: 'class_weights' };
    for (const [field, flag] of Object.entries(flags)) {
      const request = overTheWire({ [field]: 42 });
      expect(request.config![field as keyof trainerV1.TrainingConfig__Output]).toBe(42);
      let error: unknown;
      try {
        requestOptions(request.config, deps, 'job-1');
      } catch (err) {
        error = err;
      }
      const s = toServiceError(error);
      expect(s.code, field).toBe(status.INVALID_ARGUMENT);
      expect(s.details).toMatch(new RegExp(`^--${flag} 42: config\\.${field} is not an? \\w+ value; expected one of [A-Z_]+_[A-Z]+`));
    }
  });

  it('request options - a request is resolved once, with defaults and its paths inside the data root', () => {
    const o = requestOptions(overTheWire({ optimizer: 'OPTIMIZER_ADAM', frozen_batch_norm_mode: 'BATCH_NORM_MODE_BATCH_STATISTICS', rmsprop_decay: 0 }).config, deps, 'job-1');
    expect(o).toMatchObject({ optimizer: 'adam', frozenBatchNorm: 'batch-statistics', datasetDir: path.join(root, 'data'), trainDir: deps.store.trainDir('job-1'), batchSize: 32 });
    expect(o.optimizerOptions.rmspropDecay).toBe(0);
    expect(() => requestOptions(overTheWire({ dataset_dir: '../outside' }).config, deps, 'job-1')).toThrow(/config\.dataset_dir/);
  });

  it('request options - cosine, warmup, class weights and keep_checkpoint_max arrive over the wire; zero means their defaults', () => {
    const o = requestOptions(
      overTheWire({ learning_rate_decay_type: 'LEARNING_RATE_DECAY_TYPE_COSINE', warmup_steps: 50, class_weights: 'CLASS_WEIGHTS_BALANCED', keep_checkpoint_max: 2, end_learning_rate: 0 }).config,
      deps,
      'job-1',
    );
    expect(o).toMatchObject({ learningRateDecayType: 'cosine', warmupSteps: 50, classWeights: 'balanced', keepCheckpointMax: 2, endLearningRate: 0 });
    const unset = requestOptions(overTheWire({}).config, deps, 'job-1');
    expect(unset).toMatchObject({ learningRateDecayType: 'fixed', warmupSteps: 0, classWeights: 'none', keepCheckpointMax: 5 });
    expect(unset.endLearningRate).toBeUndefined();
  });

  it('request options - moving_average_decay arrives over the wire; unset keeps no averages; a set 0 is INVALID_ARGUMENT naming the flag', () => {
    expect(requestOptions(overTheWire({ moving_average_decay: 0.9999 }).config, deps, 'job-1').movingAverageDecay).toBe(0.9999);
    expect(requestOptions(overTheWire({}).config, deps, 'job-1').movingAverageDecay).toBeUndefined();
    let error: unknown;
    try {
      requestOptions(overTheWire({ moving_average_decay: 0 }).config, deps, 'job-1');
    } catch (err) {
      error = err;
    }
    const s = toServiceError(error);
    expect(s.code).toBe(status.INVALID_ARGUMENT);
    expect(s.details).toBe('--moving_average_decay 0: expected a number in (0, 1)');
  });
});
