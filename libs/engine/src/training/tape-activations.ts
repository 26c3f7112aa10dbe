// The activations the engine applies itself in the gradient tape, by the name tfjs-layers configs use.
import * as tf from '@tensorflow/tfjs';
import { tapeRelu6 } from './tape-relu6';

/** Others (undefined here) keep the layer's own call. */
export const TAPE_ACTIVATIONS: Record<string, ((x: tf.Tensor) => tf.Tensor) | undefined> = {
  linear: (x) => x,
  relu: (x) => tf.relu(x),
  relu6: tapeRelu6,
};

/** An Activation layer's function when the engine has it, else null. */
export function activationLayer(layer: tf.layers.Layer): ((x: tf.Tensor) => tf.Tensor) | null {
  if (layer.getClassName() !== 'Activation') return null;
  return TAPE_ACTIVATIONS[String(layer.getConfig()['activation'])] ?? null;
}
