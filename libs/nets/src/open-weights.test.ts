// Every kind of weight source opens through one function and lists Slim-named variables.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openWeights } from './open-weights';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures');

describe('open weights', () => {
  it('open weights - builtin:mobilenet_v2 lists the Slim backbone without its head', async () => {
    const w = await openWeights('builtin:mobilenet_v2');
    const names = w.list().map((e) => e.name);
    expect(names).toContain('MobilenetV2/Conv/weights');
    expect(names.some((n) => n.startsWith('MobilenetV2/Logits'))).toBe(false);
    await w.close();
  });

  it('open weights - an unknown builtin or a file that is not a checkpoint is refused by name', async () => {
    await expect(openWeights('builtin:resnet_v9')).rejects.toThrowError(/builtin:resnet_v9/);
    await expect(openWeights(fileURLToPath(import.meta.url))).rejects.toThrowError(/is not a TensorFlow checkpoint/);
  });

  describe.skipIf(!existsSync(fixtures))('open weights - TensorFlow checkpoints (fixtures from ../shared)', () => {
    it('open weights - a TensorFlow V2 checkpoint opens with its numeric variables as float32', async () => {
      const w = await openWeights(path.join(fixtures, 'checkpoint_v2/tfmodels_lfads_trained_itb/model-65000'));
      expect(w.list().map((e) => e.name)).toEqual(['Variable', 'Variable_1', 'Variable_2', 'Variable_3', 'Variable_4', 'global_step']);
      expect(Array.from(await w.read('global_step'))).toEqual([65000]);
      await w.close();
    });
  });
});
