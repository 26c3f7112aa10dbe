// Test fixtures for training jobs: a tiny, learnable dataset of coloured images and a fast net configuration. Not exported.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpoint, readFloat32 } from '@finetune/checkpoint';
import { convertImageFolder } from '@finetune/datasets';
import { makeImageTree, type ClassSpec } from '@finetune/datasets/testing';
import type { TrainOptionsInput } from './train-options';

/** Three classes told apart by colour alone, so a few steps of a small head learn them. */
export const COLOUR_CLASSES = {
  blue: { count: 8, format: 'png', rgb: [30, 40, 220], width: 40, height: 40 },
  green: { count: 8, format: 'png', rgb: [30, 200, 40], width: 40, height: 40 },
  red: { count: 8, format: 'png', rgb: [220, 30, 30], width: 40, height: 40 },
} as const;

export interface ColourDataset {
  root: string;
  datasetDir: string;
  remove(): Promise<void>;
}

/** Writes the images and converts them (validation: a quarter of each class). */
export async function makeColourDataset(prefix = 'train-job-', classes: Record<string, ClassSpec> = COLOUR_CLASSES): Promise<ColourDataset> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  await makeImageTree(join(root, 'pic'), classes);
  const { manifest } = await convertImageFolder({
    trainDir: join(root, 'pic'),
    outputDir: join(root, 'colours'),
    datasetName: 'colours',
    validationRatio: 0.25,
    trainShards: 2,
    validationShards: 1,
    numThreads: 1,
  });
  return { root, datasetDir: manifest.dir, remove: () => rm(root, { recursive: true, force: true }) };
}

/** MobileNetV2 at its smallest: depth 0.35, 32 px, from random initialisation; steps take milliseconds. */
export function tinyJob(datasetDir: string, trainDir: string, extra: Partial<TrainOptionsInput> = {}): TrainOptionsInput {
  return {
    trainDir,
    datasetDir,
    modelName: 'mobilenet_v2',
    depthMultiplier: 0.35,
    trainImageSize: 32,
    checkpointPath: 'none',
    batchSize: 4,
    maxNumberOfSteps: 4,
    logEveryNSteps: 2,
    numPreprocessingThreads: 1,
    seed: 1,
    ...extra,
  };
}

/** One variable's values in a checkpoint. */
export async function checkpointVariable(prefix: string, name: string): Promise<Float32Array> {
  const reader = await openCheckpoint(prefix);
  try {
    return await readFloat32(reader, name);
  } finally {
    await reader.close();
  }
}

export function changed(a: Float32Array, b: Float32Array): boolean {
  return a.some((v, i) => v !== b[i]);
}
