// Proof that the embedded weights land where they belong: the Slim-named net restored from builtin:<model>
// computes the same pooled features as the original nsfwjs Keras model on natural-looking images.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { restoreVariables } from '../restore';
import { kerasPooledFeatures, syntheticBatch, useWasm } from '../testing';
import { BUILTINS, openBuiltin } from './builtin-checkpoint';
import type { NsfwjsModel } from './nsfwjs-artifacts';

/** Max absolute difference allowed between the two nets' pooled features (features are O(0.1–10)). */
const TOLERANCE = 1e-4;
const IMAGES = 2;
/** The Slim end point that is the global-pooled penultimate feature. */
const POOLED: Record<NsfwjsModel, string> = { inception_v3: 'PreLogits', mobilenet_v2: 'global_pool' };

describe('builtin - Slim-named nets equal the original nsfwjs models', () => {
  beforeAll(useWasm);

  for (const model of ['mobilenet_v2', 'inception_v3'] as const) {
    it(`builtin - ${model} pooled features match the Keras model within ${TOLERANCE}`, async () => {
      const { net: def, imageSize } = BUILTINS[model];
      const images = await syntheticBatch(IMAGES, imageSize);
      const net = def.build({ numClasses: 3, imageSize });
      const result = await restoreVariables(net, await openBuiltin(`builtin:${model}`), {
        excludeScopes: def.headScopes,
        headScopes: def.headScopes,
      });
      expect(result.initialised.every((n) => def.headScopes.some((s) => n.startsWith(s)))).toBe(true);

      const slim = tf.model({ inputs: net.model.inputs, outputs: net.endPoints[POOLED[model]] });
      const keras = await kerasPooledFeatures(model);
      const [a, b] = [slim, keras].map((m) => (m.predict(images) as tf.Tensor).reshape([IMAGES, -1]));
      const maxAbsDiff = a.sub(b).abs().max().dataSync()[0];
      const maxAbs = b.abs().max().dataSync()[0];
      console.log(`${model} on ${tf.getBackend()}: max |slim - keras| = ${maxAbsDiff.toExponential(2)} (features up to ${maxAbs.toFixed(2)})`);
      expect(a.shape).toEqual(b.shape);
      expect(maxAbs).toBeGreaterThan(0.1); // not a trivially zero map
      expect(maxAbsDiff).toBeLessThan(TOLERANCE);
      tf.dispose([a, b, images]);
      net.model.dispose();
      keras.dispose();
    });
  }
});
