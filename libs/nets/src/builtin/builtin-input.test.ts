// The builtin backbones get the input they were trained on: a real image through Finetune's preprocessing
// (the one builtin:mobilenet_v2 declares) and through nsfwjs' own (its infer(): pixels / 255, bilinear resize)
// reach the same pooled features; inception's [-1, 1], what Finetune used to feed them, does not.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { preprocessImage } from '../preprocessing/preprocess-image';
import { restoreVariables } from '../restore';
import { useWasm } from '../testing';
import { BUILTINS, builtinPreprocessing, openBuiltin } from './builtin-checkpoint';

const require = createRequire(import.meta.url);
// nsfwjs' ESM build imports a directory, which Node refuses; its CommonJS build shares this tfjs.
const nsfwjs = require('nsfwjs') as typeof import('nsfwjs');
/** Real drawings with transparency: a dog and a bicycle from Google's Noto emoji. */
const IMAGES = ['1f415.png', '1f6b2.png'].map((f) => path.join(path.dirname(require.resolve('emoji-datasource-google/package.json')), 'img', 'google', '64', f));

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

describe('builtin input - the preprocessing builtin weights declare is the one nsfwjs feeds them', () => {
  beforeAll(useWasm);

  it('builtin input - builtin:mobilenet_v2 declares unit preprocessing, and pooled features match nsfwjs infer() on real images', async () => {
    expect(builtinPreprocessing('builtin:mobilenet_v2')).toBe('unit');
    expect(builtinPreprocessing('builtin:inception_v3')).toBe('unit');
    expect(builtinPreprocessing('/ckpt/model.ckpt-10')).toBeUndefined();

    const { net: def, imageSize } = BUILTINS.mobilenet_v2;
    const net = def.build({ numClasses: 3, imageSize });
    await restoreVariables(net, await openBuiltin('builtin:mobilenet_v2'), { excludeScopes: def.headScopes, headScopes: def.headScopes });
    const pooled = tf.model({ inputs: net.model.inputs, outputs: net.endPoints.global_pool! });
    const finetuneFeatures = async (bytes: Buffer, name: 'unit' | 'inception') => {
      const input = tf.tensor4d(await preprocessImage(bytes, { name, size: imageSize, training: false }), [1, imageSize, imageSize, 3]);
      const out = pooled.predict(input) as tf.Tensor;
      const values = (await out.data()) as Float32Array;
      tf.dispose([input, out]);
      return values;
    };

    const original = await nsfwjs.load('MobileNetV2');
    const keras = (original as unknown as { model: tf.LayersModel }).model;
    const pool = keras.layers.find((l) => l.getClassName() === 'AveragePooling2D' && l.inboundNodes[0]?.inboundLayers[0]?.name === BUILTINS.mobilenet_v2.kerasOutput);
    expect(pool, 'nsfwjs MobileNetV2 has an average pool after its backbone').toBeDefined();

    for (const file of IMAGES) {
      const bytes = await readFile(file);
      // nsfwjs takes decoded pixels (a browser composites transparency on white before fromPixels sees them).
      const { data, info } = await sharp(bytes).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const decoded = tf.tensor3d(new Int32Array(data), [info.height, info.width, 3], 'int32');
      const reference = original.infer(decoded, pool!.name);
      const expected = (await reference.data()) as Float32Array;
      tf.dispose([decoded, reference]);

      const unit = cosine(await finetuneFeatures(bytes, 'unit'), expected);
      const inception = cosine(await finetuneFeatures(bytes, 'inception'), expected);
      console.log(`${path.basename(file)}: cosine to nsfwjs features, unit ${unit.toFixed(4)}, inception ${inception.toFixed(4)}`);
      // The resize kernels differ (libvips linear vs tf.image.resizeBilinear with aligned corners), nothing else.
      expect(unit).toBeGreaterThan(0.985);
      expect(unit).toBeGreaterThan(inception + 0.02);
    }
    net.model.dispose();
  }, 120_000);
});
