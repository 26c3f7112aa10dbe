// Fixtures for the evaluation tests: a tiny converted dataset, real checkpoints of a tiny net, a finished evaluation.
// Not exported from the index; other projects' tests import it as @finetune/engine/testing.
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { saveCheckpoint, type CheckpointVariable, type SavedCheckpoint } from '@finetune/checkpoint';
import { convertImageFolder, type LoadedManifest } from '@finetune/datasets';
import { makeImageTree } from '@finetune/datasets/testing';
import { getNet, type Net } from '@finetune/nets';
import type { CheckpointEvaluation } from './evaluate-checkpoint';

/** The tiny net of the tests: mobilenet_v2 at 0.35 on 96-pixel inputs. */
export const TINY_NET = { modelName: 'mobilenet_v2', depthMultiplier: 0.35, imageSize: 96 } as const;

/** 3 classes of 6 images, a third held out: 6 validation images. */
export async function makeTinyDataset(root: string): Promise<LoadedManifest> {
  await makeImageTree(path.join(root, 'pic'));
  const { manifest } = await convertImageFolder({
    trainDir: path.join(root, 'pic'),
    outputDir: path.join(root, 'flowers'),
    datasetName: 'flowers',
    validationRatio: 0.34,
    trainShards: 1,
    validationShards: 1,
    numThreads: 1,
  });
  return manifest;
}

export function buildTinyNet(numClasses = 3): Net {
  return getNet(TINY_NET.modelName).build({ numClasses, imageSize: TINY_NET.imageSize, depthMultiplier: TINY_NET.depthMultiplier });
}

export function netVariables(net: Net): CheckpointVariable[] {
  return [...net.variables].map(([name, v]) => ({ name, dtype: 'float32', shape: v.shape as number[], values: v.read().dataSync() as Float32Array }));
}

/** Saves `net` as a real checkpoint at `step`, as the trainer does (meta sidecar, state file, pruning). */
export function saveTinyCheckpoint(trainDir: string, step: number, net: Net, labelNames = ['daisy', 'roses', 'tulips'], maxToKeep = 5): Promise<SavedCheckpoint> {
  return saveCheckpoint(trainDir, step, netVariables(net), { modelName: TINY_NET.modelName, numClasses: labelNames.length, labelNames }, { maxToKeep });
}

/** Nudges the logits bias so checkpoints of different steps score differently. */
export function shiftLogitsBias(net: Net, shift: number[]): void {
  const bias = [...net.variables].find(([name]) => name.endsWith('Logits/Conv2d_1c_1x1/biases'))![1];
  const next = tf.tidy(() => bias.read().add(tf.tensor1d(shift)));
  bias.write(next);
  next.dispose();
}

/** A finished evaluation as evaluateCheckpoint reports it, for record and metrics tests (no net is run). */
export function checkpointEvaluation(step: number, split: 'train' | 'validation' = 'validation', accuracy = 0.5): CheckpointEvaluation {
  return {
    checkpointPath: `/t/model.ckpt-${step}`,
    step,
    modelName: 'mobilenet_v2',
    imageSize: 96,
    depthMultiplier: 0.35,
    preprocessing: 'inception',
    alphaBackground: '#ffffff',
    datasetDir: '/d/flowers',
    datasetName: 'flowers',
    split,
    labelNames: ['a', 'b'],
    metrics: {
      accuracy,
      recallAtK: 1,
      k: 2,
      loss: 0.7,
      numExamples: 2,
      perClass: [
        { label: 0, className: 'a', precision: 1, recall: 0.5, numExamples: 2 },
        { label: 1, className: 'b', precision: 0, recall: 0, numExamples: 0 },
      ],
      confusionMatrix: { size: 2, counts: [1, 1, 0, 0] },
      misclassified: [{ splitIndex: 1, id: 'flowers_validation_00000-of-00001.tfrecord:1', label: 0, predicted: 1, score: 2.5, probability: 0.8 }],
    },
    durationSecs: 1.5,
    imagesPerSec: 10,
    engineWorkers: 1,
    runtime: 'onnx',
  };
}
