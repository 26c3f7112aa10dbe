// Fixtures for the serving tests: the wasm backend, tiny images, real checkpoints of a tiny net. Not exported.
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import path from 'node:path';
import { saveCheckpoint } from '@finetune/checkpoint';
import { EVAL_DIR_NAME, evaluatedRecord, skippedRecord, writeEvaluationRecord } from '@finetune/engine';
import { checkpointEvaluation } from '@finetune/engine/testing';
import { getNet, mulberry32 } from '@finetune/nets';
import { randomiseBatchNorm } from '@finetune/nets/testing';

/** Uses the wasm backend, as the design runs and tests everything on it. */
export async function useWasm(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm');
}

/** A small deterministic PRNG (mulberry32), written once in nets. */
export const seededRandom = mulberry32;

/** A small JPEG or PNG: a diagonal gradient in one hue, so different seeds look different to a net. */
export async function testImage(size: number, seed: number, format: 'jpeg' | 'png' | 'webp' = 'jpeg'): Promise<Buffer> {
  const rnd = seededRandom(seed);
  const base = [rnd() * 255, rnd() * 255, rnd() * 255];
  const raw = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < 3; c++) raw[(y * size + x) * 3 + c] = Math.round((base[c]! * (x + y)) / (2 * size) + rnd() * 20);
    }
  }
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } }).toFormat(format).toBuffer();
}

/** A real Finetune checkpoint, as the trainer writes one: mobilenet_v2 at depth 0.35, with trained-looking batch norms. */
export async function writeTinyCheckpoint(
  dir: string,
  options: { step: number; labels: string[]; seed?: number; maxToKeep?: number; imageSize?: number },
): Promise<string> {
  const net = getNet('mobilenet_v2').build({ numClasses: options.labels.length, imageSize: 32, depthMultiplier: 0.35 });
  randomiseBatchNorm(net.model, options.seed ?? options.step + 1);
  const variables = [...net.variables].map(([name, v]) => ({ name, dtype: 'float32' as const, shape: v.shape as number[], values: v.read().dataSync() as Float32Array }));
  const saved = await saveCheckpoint(dir, options.step, variables, { modelName: 'mobilenet_v2', numClasses: options.labels.length, labelNames: options.labels, ...(options.imageSize && { imageSize: options.imageSize }) }, { maxToKeep: options.maxToKeep ?? 5 });
  net.model.dispose();
  return saved.prefix;
}

/** `<train_dir>/eval/step-<N>.json` as the evaluator writes it; with movingAverageDecay, a result of the checkpoint's averages. */
export async function writeEvaluation(trainDir: string, step: number, accuracy: number, checkpointPath: string, movingAverageDecay?: number): Promise<void> {
  const evaluation = checkpointEvaluation(step, 'validation', accuracy);
  const metrics = { ...evaluation.metrics, recallAtK: Math.min(1, accuracy + 0.1), k: 3, loss: 1 - accuracy };
  const weights = movingAverageDecay === undefined ? {} : { movingAverageDecay };
  await writeEvaluationRecord(path.join(trainDir, EVAL_DIR_NAME), evaluatedRecord({ ...evaluation, checkpointPath, metrics, ...weights }, { jobId: '', trainDir }));
}

/** The record the evaluator writes for a checkpoint pruned before its turn came: accuracy null. */
export async function writeSkippedEvaluation(trainDir: string, step: number, checkpointPath: string): Promise<void> {
  const skipped = { ...checkpointEvaluation(step), checkpointPath, reason: 'pruned before its turn came' };
  await writeEvaluationRecord(path.join(trainDir, EVAL_DIR_NAME), skippedRecord(skipped, { jobId: '', trainDir }));
}
