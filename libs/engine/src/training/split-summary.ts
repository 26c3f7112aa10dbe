// What a training session trains and freezes, by TF-Slim name: what a job logs at start and a worker reports back.
import type * as tf from '@tensorflow/tfjs';
import { updatedStatistics, type SplitPlan } from './split-plan';

export interface SplitSummary {
  trainedVariables: string[];
  frozenLayers: string[];
  trainableLayers: string[];
  /** Tensors handed from the frozen prefix to the trained suffix, with their shapes per example. */
  boundary: { name: string; shape: number[] }[];
  /** Batch-norm moving statistics a step updates (batch norms run with batch statistics), by name. */
  updatedStatistics: string[];
}

/** `plan` described with the names of `variables`; `boundaryShapes` are the boundary's per-example shapes, in its order. */
export function splitSummary(
  plan: SplitPlan,
  trained: ReadonlyMap<string, tf.LayerVariable>,
  variables: ReadonlyMap<string, tf.LayerVariable>,
  boundaryShapes: readonly number[][],
): SplitSummary {
  const { graph, boundary, frozen, trainable } = plan;
  return {
    trainedVariables: [...trained.keys()],
    frozenLayers: frozen.map((p) => p.node.layer.name),
    trainableLayers: trainable.map((p) => p.node.layer.name),
    boundary: boundary.map((id, i) => ({ name: graph.names.get(id) ?? String(id), shape: [...boundaryShapes[i]!] })),
    updatedStatistics: updatedStatistics(plan).flatMap((v) => [...variables].filter(([, w]) => w === v).map(([name]) => name)),
  };
}
