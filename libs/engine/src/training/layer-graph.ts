// The call graph of a functional tf.LayersModel as a topologically ordered list of layer calls (nodes).
import type * as tf from '@tensorflow/tfjs';
import { UnsupportedModelError } from './training-errors';

type LayerNode = tf.layers.Layer['inboundNodes'][number];

/** One call of one layer: a shared layer called twice is two nodes. Tensors are keyed by SymbolicTensor id. */
export interface GraphNode {
  /** Position in topological order. */
  readonly index: number;
  readonly layer: tf.layers.Layer;
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
}

export interface LayerGraph {
  /** Ids of the model's input tensors, in model.inputs order. */
  readonly inputs: readonly number[];
  /** Ids of the model's output tensors, in model.outputs order (logits first). */
  readonly outputs: readonly number[];
  /** Every call needed for the outputs, producers before consumers; input layers are not nodes. */
  readonly nodes: readonly GraphNode[];
  /** Static shape (batch dimension null) of every tensor id. */
  readonly shapes: ReadonlyMap<number, readonly (number | null)[]>;
  /** Names for messages: `<layer>:<node>:<tensor>`. */
  readonly names: ReadonlyMap<number, string>;
}

function isInputLayer(layer: tf.layers.Layer): boolean {
  return layer.getClassName() === 'InputLayer';
}

/**
 * The node that produced a symbolic tensor: `sourceLayer.inboundNodes[nodeIndex]`, the same bookkeeping
 * Keras's Network uses (node.inboundLayers[i].inboundNodes[nodeIndices[i]].outputTensors[tensorIndices[i]]
 * is node.inputTensors[i]).
 */
function producerOf(t: tf.SymbolicTensor): LayerNode {
  const node = t.sourceLayer.inboundNodes[t.nodeIndex];
  if (!node) throw new UnsupportedModelError(t.name, `layer ${t.sourceLayer.name} has no inbound node ${t.nodeIndex}`);
  return node;
}

/** Walks back from the outputs (depth first, no recursion: Inception has hundreds of calls). */
export function buildLayerGraph(model: tf.LayersModel): LayerGraph {
  const shapes = new Map<number, readonly (number | null)[]>();
  const names = new Map<number, string>();
  const note = (t: tf.SymbolicTensor) => {
    shapes.set(t.id, t.shape);
    names.set(t.id, `${t.sourceLayer.name}:${t.nodeIndex}:${t.tensorIndex}`);
  };
  for (const t of model.inputs) note(t);

  const done = new Set<LayerNode>();
  const onStack = new Set<LayerNode>();
  const nodes: GraphNode[] = [];
  const stack: { node: LayerNode; expanded: boolean }[] = [];
  const visit = (t: tf.SymbolicTensor) => {
    note(t);
    if (isInputLayer(t.sourceLayer)) return;
    const node = producerOf(t);
    if (!done.has(node)) stack.push({ node, expanded: false });
  };

  for (const out of model.outputs) {
    visit(out);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (done.has(top.node)) {
        stack.pop();
        continue;
      }
      if (!top.expanded) {
        if (onStack.has(top.node)) {
          throw new UnsupportedModelError(top.node.outboundLayer.name, 'the layer graph has a cycle');
        }
        top.expanded = true;
        onStack.add(top.node);
        for (const input of top.node.inputTensors) visit(input);
        continue;
      }
      stack.pop();
      onStack.delete(top.node);
      done.add(top.node);
      for (const t of top.node.outputTensors) note(t);
      nodes.push({
        index: nodes.length,
        layer: top.node.outboundLayer,
        inputs: top.node.inputTensors.map((t) => t.id),
        outputs: top.node.outputTensors.map((t) => t.id),
      });
    }
  }
  return {
    inputs: model.inputs.map((t) => t.id),
    outputs: model.outputs.map((t) => t.id),
    nodes,
    shapes,
    names,
  };
}
