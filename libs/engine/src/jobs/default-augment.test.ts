// --augment left unset: off for a new head on a frozen pretrained backbone, on wherever pretrained layers or a net
// from scratch train; given, it holds for every stage.
import { describe, expect, it } from 'vitest';
import { stageAugments } from './default-augment';
import { resolveTrainOptions } from './train-options';
import { trainingStages } from './training-stages';

const HEAD = 'MobilenetV2/Logits';
const job = (extra: object) => resolveTrainOptions({ trainDir: '/t', datasetDir: '/d', modelName: 'mobilenet_v2', ...extra });

describe('default augmentation', () => {
  it('augment - unset: a head excluded from the builtin trains on un-augmented images; every layer, or deeper scopes, augment', () => {
    const o = job({ checkpointExcludeScopes: HEAD });
    expect(stageAugments(o, [HEAD])).toBe(false);
    expect(stageAugments(o, [])).toBe(true);
    expect(stageAugments(o, ['MobilenetV2/expanded_conv_16', HEAD])).toBe(true);
    // A head restored from the checkpoint is a pretrained layer too.
    expect(stageAugments(job({}), [HEAD])).toBe(true);
  });

  it('augment - unset: from scratch every stage augments, as the reference trains', () => {
    expect(stageAugments(job({ checkpointPath: 'none' }), [HEAD])).toBe(true);
    expect(stageAugments(job({ checkpointPath: 'none' }), [])).toBe(true);
  });

  it('augment - given, --augment holds whatever trains', () => {
    expect(stageAugments(job({ checkpointExcludeScopes: HEAD, augment: true }), [HEAD])).toBe(true);
    expect(stageAugments(job({ checkpointExcludeScopes: HEAD, augment: false }), [])).toBe(false);
  });

  it('augment - a two-stage job: the head stage un-augmented (from the feature cache), the every-layer stage augmented', () => {
    const stages = trainingStages(job({ checkpointExcludeScopes: HEAD, trainableScopes: HEAD, fineTuneAfterSteps: 10, maxNumberOfSteps: 20 }));
    expect(stages.map((s) => s.augment)).toEqual([false, true]);
  });
});
