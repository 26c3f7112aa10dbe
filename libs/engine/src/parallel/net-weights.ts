// Copies a net's variables to plain float32 arrays by Slim name and back: how weights travel to workers.
import * as tf from '@tensorflow/tfjs';
import { MissingVariablesError, ShapeMismatchError, type Net } from '@finetune/nets';

/** Every variable of `net` by its TF-Slim name, as fresh arrays the caller owns. */
export function readNetWeights(net: Net): Map<string, Float32Array> {
  const weights = new Map<string, Float32Array>();
  for (const [name, variable] of net.variables) weights.set(name, Float32Array.from(variable.read().dataSync()));
  return weights;
}

/**
 * Writes `weights` into `net`. With `complete`, every variable of the net must be given (a worker's copy must
 * equal the caller's net); otherwise only the given ones are written. Sizes are checked before anything is written.
 */
export function writeNetWeights(net: Net, weights: Iterable<[string, Float32Array]>, where: string, complete: boolean): void {
  const given = new Map(weights);
  if (complete) {
    const missing = [...net.variables.keys()].filter((name) => !given.has(name));
    if (missing.length > 0) throw new MissingVariablesError(where, missing, 'pass every variable of the net (readNetWeights)');
  }
  for (const [name, values] of given) {
    const variable = net.variables.get(name);
    if (!variable) throw new MissingVariablesError(`the net`, [name], `${where} names a variable the net does not have`);
    const shape = variable.shape as number[];
    if (values.length !== shape.reduce((a, b) => a * b, 1)) throw new ShapeMismatchError(name, shape, [values.length], `${where} holds ${values.length} values`);
  }
  for (const [name, values] of given) {
    const variable = net.variables.get(name)!;
    tf.tidy(() => {
      variable.write(tf.tensor(values, variable.shape as number[], 'float32'));
    });
  }
}
