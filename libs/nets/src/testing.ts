// Fixtures for the nets tests: natural-looking images, a fake checkpoint, the original nsfwjs models, trained-looking batch norms. Not exported.
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { BUILTINS } from './builtin/builtin-checkpoint';
import { nsfwjsIOHandler, type NsfwjsModel } from './builtin/nsfwjs-artifacts';
import type { CheckpointSource } from './checkpoint-source';
import { mulberry32 } from './preprocessing/random';

/** Seeded, so test images are the same on every run. */
const random = mulberry32;

/** One RGB image as a JPEG file: a two-colour gradient, low-frequency waves, grain, and a few blurred shapes. */
export async function syntheticJpeg(size: number, seed: number): Promise<Buffer> {
  const rnd = random(seed);
  const [c0, c1] = [0, 1].map(() => [rnd() * 255, rnd() * 255, rnd() * 255]);
  const [fx, fy, phase] = [1 + rnd() * 4, 1 + rnd() * 4, rnd() * 6];
  const raw = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * size);
      const wave = 30 * Math.sin((fx * x) / size * 2 * Math.PI + phase) * Math.cos((fy * y) / size * 2 * Math.PI);
      for (let c = 0; c < 3; c++) {
        const v = c0[c] * (1 - t) + c1[c] * t + wave + (rnd() - 0.5) * 40;
        raw[(y * size + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  const colour = () => `rgb(${Math.floor(rnd() * 256)},${Math.floor(rnd() * 256)},${Math.floor(rnd() * 256)})`;
  const s = size;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}">
    <circle cx="${rnd() * s}" cy="${rnd() * s}" r="${s * (0.1 + rnd() * 0.25)}" fill="${colour()}"/>
    <rect x="${rnd() * s * 0.6}" y="${rnd() * s * 0.6}" width="${s * 0.3}" height="${s * 0.2}" fill="${colour()}" transform="rotate(${rnd() * 45})"/>
    <ellipse cx="${rnd() * s}" cy="${rnd() * s}" rx="${s * 0.2}" ry="${s * 0.08}" fill="${colour()}" opacity="0.7"/>
  </svg>`;
  return sharp(raw, { raw: { width: s, height: s, channels: 3 } })
    .composite([{ input: Buffer.from(svg) }])
    .blur(0.6)
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** syntheticJpeg's pixels, decoded. */
async function syntheticImage(size: number, seed: number): Promise<Uint8Array> {
  const { data } = await sharp(await syntheticJpeg(size, seed)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return new Uint8Array(data);
}

/** `count` images of `size`x`size`, scaled to [-1, 1] as inception preprocessing does: [count, size, size, 3]. */
export async function syntheticBatch(count: number, size: number): Promise<tf.Tensor4D> {
  const images = await Promise.all(Array.from({ length: count }, (_, i) => syntheticImage(size, 1000 + i)));
  const pixels = new Float32Array(count * size * size * 3);
  images.forEach((img, i) => img.forEach((v, j) => (pixels[i * img.length + j] = (v / 255 - 0.5) * 2)));
  return tf.tensor4d(pixels, [count, size, size, 3]);
}

/** The original nsfwjs Keras model, cut at the global average pool after its backbone: [N,1,1,C]. */
export async function kerasPooledFeatures(model: NsfwjsModel): Promise<tf.LayersModel> {
  const keras = await tf.loadLayersModel(nsfwjsIOHandler(model));
  const output = BUILTINS[model].kerasOutput;
  const pool = keras.layers.find(
    (l) => l.getClassName() === 'AveragePooling2D' && l.inboundNodes[0]?.inboundLayers[0]?.name === output,
  );
  if (!pool) throw new Error(`${model}: no average pool after ${output}`);
  return tf.model({ inputs: keras.inputs, outputs: pool.output as tf.SymbolicTensor });
}

/** An in-memory checkpoint: name -> [shape, values]. */
export function fakeCheckpoint(variables: Record<string, [number[], Float32Array]>, path = 'fake.ckpt'): CheckpointSource {
  return {
    path,
    list: () => Object.entries(variables).map(([name, [shape]]) => ({ name, shape, dtype: 'float32' })),
    read: async (name) => {
      const v = variables[name];
      if (!v) throw new Error(`no ${name}`);
      return v[1];
    },
  };
}

/** Uses the wasm backend, as the design runs and tests everything on it. */
export async function useWasm(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm');
}

/**
 * Gives every batch norm non-trivial statistics (a fresh net has mean 0, variance 1, γ 1, β 0, which would
 * make folding trivially right), as a trained checkpoint would.
 */
export function randomiseBatchNorm(model: tf.LayersModel, seed: number): void {
  const rnd = random(seed);
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    layer.setWeights(
      layer.weights.map((w) => {
        const kind = w.originalName.slice(w.originalName.lastIndexOf('/') + 1);
        const n = (w.shape as number[]).reduce((a, b) => a * b, 1);
        const values = Float32Array.from({ length: n }, () =>
          kind === 'moving_variance' ? 0.2 + rnd() * 2 : kind === 'gamma' ? 0.5 + rnd() : (rnd() - 0.5) * 0.4,
        );
        return tf.tensor(values, w.shape as number[]);
      }),
    );
  }
}
