// Fixtures for the evaluation tests: a tiny converted dataset and real checkpoints of a tiny net. Not exported.
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { saveCheckpoint, type CheckpointVariable, type SavedCheckpoint } from '@finetune/checkpoint';
import { convertImageFolder, type LoadedManifest } from '@finetune/datasets';
import { makeImageTree } from '@finetune/datasets/testing';
import { getNet, type Net } from '@finetune/nets';

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
