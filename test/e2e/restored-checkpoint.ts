// A checkpoint's net restored and measured in the test itself, apart from the evaluator: that a checkpoint loads,
// and what it has learnt.
import * as tf from '@tensorflow/tfjs';
import { openCheckpoint, readCheckpointMeta, readFloat32 } from '@finetune/checkpoint';
import { readManifest, readSplit } from '@finetune/datasets';
import { getNet, preprocessImage, restoreVariables, type Net, type PreprocessingName } from '@finetune/nets';

/** mobilenet_v2 restored from every variable of the checkpoint; the caller disposes it. */
export async function restoredNet(prefix: string, numClasses: number, imageSize: number): Promise<Net> {
  const net = getNet('mobilenet_v2').build({ numClasses, imageSize });
  const reader = await openCheckpoint(prefix);
  try {
    const source = { path: prefix, list: () => reader.list().map((v) => ({ name: v.name, shape: v.shape, dtype: v.dtype })), read: (n: string) => readFloat32(reader, n) };
    await restoreVariables(net, source);
  } catch (err) {
    net.model.dispose();
    throw err;
  } finally {
    await reader.close();
  }
  return net;
}

/** Top-1 accuracy of a checkpoint on the validation split: one forward pass per image, eval preprocessing. */
export async function validationAccuracy(prefix: string, datasetDir: string, imageSize: number): Promise<number> {
  const manifest = await readManifest(datasetDir);
  const net = await restoredNet(prefix, manifest.numClasses, imageSize);
  // The input the checkpoint was trained with (the builtin's unit range), as eval and serving take it.
  const preprocessing = ((await readCheckpointMeta(prefix))?.preprocessing ?? 'inception') as PreprocessingName;
  let right = 0;
  let total = 0;
  for await (const image of readSplit(manifest, 'validation')) {
    const pixels = await preprocessImage(Buffer.from(image.encoded), { name: preprocessing, size: imageSize, training: false });
    const predicted = tf.tidy(() => (net.model.predict(tf.tensor4d(pixels, [1, imageSize, imageSize, 3])) as tf.Tensor).argMax(-1).dataSync()[0]);
    right += predicted === image.label ? 1 : 0;
    total++;
  }
  net.model.dispose();
  return right / total;
}
