// Executes planned layer calls on concrete tensors, in order, each in its own mode.
import * as tf from '@tensorflow/tfjs';
import { batchNormInference, batchNormTraining } from './batch-norm-training';
import type { BatchMoments } from './batch-norm-training';
import { convAsMatMul, runConvAsMatMul } from './conv-as-matmul';
import type { PlannedNode } from './split-plan';
import { activationLayer } from './tape-activations';
import { runTapeConv, tapeConv } from './tape-conv';

export interface RunOptions {
  /** Receives the batch moments of every 'batch-norm-update' call; must keep or dispose them. */
  record: (m: BatchMoments) => void;
  /**
   * Dispose a tensor once its last reader in `nodes` has run. Only outside a gradient tape: the tape keeps
   * references to forward tensors for backprop.
   */
  disposeEarly: boolean;
  /** Ignore the plan and run every call with training=false (for predict-equivalence). */
  inferenceOnly?: boolean;
  /**
   * In the gradient tape: run convolutions that are matrix products as matmuls (their backprop is then MatMul's),
   * other convolutions as plain ops (whose input gradients are computed only where needed), and activation
   * layers as the engine's own (relu6 as one clip with a one-pass gradient).
   */
  tapeForms?: boolean;
}

/**
 * Runs `nodes` from `feeds` (tensor id -> value) and returns the values of `wanted`. Feeds are never disposed.
 * Calls go through layer.apply(inputs, { training }) as tfjs's own executor does (array inputs, no masks, the
 * call-time kwargs of the symbolic call are not replayed); batch norms are run by the engine (batch-norm-training).
 */
export function runNodes(
  nodes: readonly PlannedNode[],
  feeds: ReadonlyMap<number, tf.Tensor>,
  wanted: readonly number[],
  options: RunOptions,
): tf.Tensor[] {
  const values = new Map(feeds);
  const remainingReads = new Map<number, number>();
  if (options.disposeEarly) {
    for (const { node } of nodes) for (const id of node.inputs) remainingReads.set(id, (remainingReads.get(id) ?? 0) + 1);
  }
  const keep = new Set<number>([...feeds.keys(), ...wanted]);
  for (const { node, mode, batchNorm } of nodes) {
    const inputs = node.inputs.map((id) => {
      const value = values.get(id);
      if (!value) throw new Error(`internal: ${node.layer.name} reads a tensor that was not computed`);
      return value;
    });
    const effective = options.inferenceOnly ? 'inference' : mode;
    let outputs: tf.Tensor[];
    const matMul = options.tapeForms ? convAsMatMul(node.layer, inputs[0]!.shape) : null;
    const plainConv = options.tapeForms && !matMul ? tapeConv(node.layer) : null;
    const activation = options.tapeForms ? activationLayer(node.layer) : null;
    if (matMul) {
      outputs = [runConvAsMatMul(inputs[0]!, matMul)];
    } else if (plainConv) {
      outputs = [runTapeConv(inputs[0]!, plainConv)];
    } else if (activation) {
      outputs = [activation(inputs[0]!)];
    } else if (batchNorm) {
      outputs = [
        effective === 'inference'
          ? batchNormInference(inputs[0]!, batchNorm)
          : batchNormTraining(inputs[0]!, batchNorm, options.record),
      ];
    } else {
      const result = node.layer.apply(inputs, { training: effective !== 'inference' }) as tf.Tensor | tf.Tensor[];
      outputs = Array.isArray(result) ? result : [result];
    }
    node.outputs.forEach((id, i) => {
      const out = outputs[i];
      if (out) values.set(id, out);
    });
    if (options.disposeEarly) {
      for (const id of node.inputs) {
        const left = (remainingReads.get(id) ?? 1) - 1;
        remainingReads.set(id, left);
        if (left === 0 && !keep.has(id)) values.get(id)?.dispose();
      }
    }
  }
  return wanted.map((id) => {
    const value = values.get(id);
    if (!value) throw new Error(`internal: tensor ${id} was not computed`);
    return value;
  });
}
