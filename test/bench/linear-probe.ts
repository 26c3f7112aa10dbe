// The quality bench's plain baseline: nsfwjs' own Keras backbone, fed as nsfwjs feeds it (the whole image
// resized, pixels / 255), its pooled features into one softmax layer trained with plain tfjs. Nothing of
// Finetune's input pipeline, engine or trainer is involved, so it says what the weights allow. It reads the
// images of a converted dataset's splits, so it is measured on exactly the split Finetune trains and evaluates on.
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import { readSplit, type LoadedManifest, type SplitName } from '@finetune/datasets';
import { kerasPooledFeatures } from '@finetune/nets/testing';

export interface ProbeOptions {
  /** The converted dataset: its train split trains the probe, its validation split measures it. */
  manifest: LoadedManifest;
  epochs: number;
  learningRate: number;
  batchSize: number;
  k: number;
}

export interface ProbeResult {
  accuracy: number;
  recallAtK: number;
  seconds: number;
}

const SIZE = 224;

/** nsfwjs' preprocessing: decode, transparent pixels on white, resize the whole image, divide by 255. */
async function pixels(encoded: Uint8Array): Promise<Float32Array> {
  const raw = await sharp(encoded).flatten({ background: '#ffffff' }).resize(SIZE, SIZE, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  return Float32Array.from(raw, (v) => v / 255);
}

async function features(backbone: tf.LayersModel, manifest: LoadedManifest, split: SplitName): Promise<{ x: tf.Tensor2D; y: number[] }> {
  const rows: Float32Array[] = [];
  const y: number[] = [];
  for await (const image of readSplit(manifest, split)) {
    const input = tf.tensor4d(await pixels(image.encoded), [1, SIZE, SIZE, 3]);
    const out = backbone.predict(input) as tf.Tensor;
    rows.push((await out.data()) as Float32Array);
    tf.dispose([input, out]);
    y.push(image.label);
  }
  const x = tf.tensor2d(rows.flatMap((r) => [...r]), [rows.length, rows[0]!.length]);
  return { x, y };
}

export async function runLinearProbe(o: ProbeOptions): Promise<ProbeResult> {
  const started = performance.now();
  const backbone = await kerasPooledFeatures('mobilenet_v2');
  const train = await features(backbone, o.manifest, 'train');
  const validation = await features(backbone, o.manifest, 'validation');
  const numClasses = o.manifest.numClasses;
  backbone.dispose();
  const dims = train.x.shape[1];
  const head = tf.sequential({ layers: [tf.layers.dense({ inputShape: [dims], units: numClasses, activation: 'softmax' })] });
  head.compile({ optimizer: tf.train.adam(o.learningRate), loss: 'categoricalCrossentropy' });
  const yTrain = tf.oneHot(tf.tensor1d(train.y, 'int32'), numClasses);
  await head.fit(train.x.reshape([train.y.length, dims]), yTrain, { epochs: o.epochs, batchSize: o.batchSize, shuffle: true, verbose: 0 });
  const probs = head.predict(validation.x) as tf.Tensor2D;
  const scores = (await probs.array()) as number[][];
  let correct = 0;
  let hits = 0;
  const k = Math.min(o.k, numClasses);
  scores.forEach((row, i) => {
    const order = row.map((s, c) => [s, c] as const).sort((a, b) => b[0] - a[0]);
    if (order[0]![1] === validation.y[i]) correct++;
    if (order.slice(0, k).some(([, c]) => c === validation.y[i])) hits++;
  });
  tf.dispose([train.x, validation.x, yTrain, probs]);
  head.dispose();
  return { accuracy: correct / scores.length, recallAtK: hits / scores.length, seconds: (performance.now() - started) / 1000 };
}
