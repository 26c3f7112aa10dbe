// Splits a layer graph into the frozen prefix (run once, outside the gradient tape) and the trainable suffix.
import type * as tf from '@tensorflow/tfjs';
import { batchNormSpec, isBatchNorm } from './batch-norm-spec';
import type { BatchNormSpec } from './batch-norm-spec';
import type { GraphNode, LayerGraph } from './layer-graph';

/**
 * How frozen batch norms normalise. 'inference' (default, the Keras fine-tuning advice): moving statistics,
 * untouched. 'batch-statistics': the reference's behaviour — train_image_classifier builds the whole net with
 * is_training=True, so frozen layers normalise with batch statistics, their moving averages are updated and
 * dropout is active everywhere.
 */
export type FrozenBatchNorm = 'inference' | 'batch-statistics';

/**
 * How one call runs. 'inference': training=false. 'training': training=true (dropout active).
 * 'batch-norm-update': batch statistics, with the moving averages updated after the step.
 */
export type NodeMode = 'inference' | 'training' | 'batch-norm-update';

export interface PlannedNode {
  readonly node: GraphNode;
  readonly mode: NodeMode;
  /** Set for batch-norm layers: the engine runs them itself in 'batch-norm-update' mode. */
  readonly batchNorm: BatchNormSpec | null;
}

export interface SplitPlan {
  readonly graph: LayerGraph;
  /** Frozen calls needed for the boundary, in topological order. */
  readonly frozen: readonly PlannedNode[];
  /** Calls that depend on a trained variable, plus dropout-like calls that feed only them. */
  readonly trainable: readonly PlannedNode[];
  /** Tensor ids handed from the frozen prefix to the suffix (model inputs included when the suffix reads them). */
  readonly boundary: readonly number[];
  /** False when frozen calls depend on the batch (batch statistics, dropout): their outputs cannot be cached. */
  readonly frozenIsDeterministic: boolean;
}

/**
 * How batch norms inside the trainable scopes normalise while their gamma and beta train. 'inference' (the Keras
 * fine-tuning guide): with the restored moving statistics, left unchanged, so the features a trained head saw stay
 * the features it gets. 'batch-statistics' (the reference): with each batch's moments, the moving averages updated
 * after the step; at the switch from a head-only checkpoint every feature shifts at once.
 */
export type TrainedBatchNorm = FrozenBatchNorm;

export interface SplitOptions {
  frozenBatchNorm: FrozenBatchNorm;
  /** @default 'batch-statistics' */
  trainedBatchNorm?: TrainedBatchNorm;
  /** Overrides every batch norm's decay (0.9997 Inception, 0.997 MobileNet). @default each layer's momentum */
  batchNormDecay?: number;
}

/** Layers without weights whose output depends on `training`: kept beside the suffix so they stay active. */
const TRAINING_NOISE_LAYERS = new Set(['Dropout', 'SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout']);

/**
 * A call is trainable if its layer has a trained variable or an input from a trainable call. So parameter-free calls
 * on frozen inputs (pools, reshapes, concatenations, activations) stay in the prefix, and the boundary (and the
 * feature cache) holds their outputs: inception_v3's AuxLogits/AvgPool_1a_5x5 (5x5x768, not Mixed_6e's 17x17x768)
 * and Logits/AvgPool_1a_8x8 (1x1x2048). A dropout-like call whose every consumer is trainable joins the suffix
 * too, so the head's dropout is active while the boundary stays at the smaller tensor in front of it.
 */
export function planSplit(
  graph: LayerGraph,
  isTrained: (weight: tf.LayerVariable) => boolean,
  options: SplitOptions,
): SplitPlan {
  const producer = new Map<number, GraphNode>();
  const consumers = new Map<number, GraphNode[]>();
  for (const node of graph.nodes) {
    for (const id of node.outputs) producer.set(id, node);
    for (const id of node.inputs) consumers.set(id, [...(consumers.get(id) ?? []), node]);
  }
  const inSuffix = new Set<GraphNode>();
  for (const node of graph.nodes) {
    const fromSuffix = node.inputs.some((id) => {
      const p = producer.get(id);
      return p !== undefined && inSuffix.has(p);
    });
    if (fromSuffix || node.layer.weights.some(isTrained)) inSuffix.add(node);
  }
  const outputs = new Set(graph.outputs);
  for (const node of [...graph.nodes].reverse()) {
    if (inSuffix.has(node) || !TRAINING_NOISE_LAYERS.has(node.layer.getClassName())) continue;
    const readers = node.outputs.flatMap((id) => consumers.get(id) ?? []);
    const feedsOnlySuffix = readers.length > 0 && readers.every((r) => inSuffix.has(r));
    if (feedsOnlySuffix && !node.outputs.some((id) => outputs.has(id))) inSuffix.add(node);
  }

  const boundary: number[] = [];
  const addBoundary = (id: number) => {
    const p = producer.get(id);
    if ((p === undefined || !inSuffix.has(p)) && !boundary.includes(id)) boundary.push(id);
  };
  for (const node of graph.nodes) if (inSuffix.has(node)) node.inputs.forEach(addBoundary);
  graph.outputs.forEach(addBoundary);

  // Only the frozen calls the boundary needs: walk back from it.
  const needed = new Set<GraphNode>();
  const pending = [...boundary];
  while (pending.length > 0) {
    const p = producer.get(pending.pop()!);
    if (!p || needed.has(p)) continue;
    needed.add(p);
    pending.push(...p.inputs);
  }

  const reference = options.frozenBatchNorm === 'batch-statistics';
  const plan = (node: GraphNode, trainable: boolean): PlannedNode => {
    if (isBatchNorm(node.layer)) {
      const spec = batchNormSpec(node.layer, options.batchNormDecay);
      const trained = [spec.gamma, spec.beta].some((w) => w !== null && isTrained(w));
      const batchStatistics = trained ? (options.trainedBatchNorm ?? 'batch-statistics') === 'batch-statistics' : reference;
      return { node, mode: batchStatistics ? 'batch-norm-update' : 'inference', batchNorm: spec };
    }
    return { node, mode: trainable || reference ? 'training' : 'inference', batchNorm: null };
  };
  const frozen = graph.nodes.filter((n) => needed.has(n)).map((n) => plan(n, false));
  return {
    graph,
    frozen,
    trainable: graph.nodes.filter((n) => inSuffix.has(n)).map((n) => plan(n, true)),
    boundary,
    frozenIsDeterministic: frozen.every((p) => p.mode === 'inference'),
  };
}

/** The moving statistics a step updates: those of every batch norm run with batch statistics, in graph order. */
export function updatedStatistics(plan: SplitPlan): tf.LayerVariable[] {
  return [...plan.frozen, ...plan.trainable].flatMap((p) => (p.mode === 'batch-norm-update' && p.batchNorm ? [p.batchNorm.movingMean, p.batchNorm.movingVariance] : []));
}
