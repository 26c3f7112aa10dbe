// Walks the layers of a tfjs layers model that some of its tensors need and emits each as ONNX nodes. The model's
// input enters as `images` (NHWC, as TF.js takes it) and is transposed to NCHW, the layout inside the graph.
import type * as tf from '@tensorflow/tfjs';
import { applyZeroPads, LAYER_EMITTERS, TAKES_ZERO_PADS, zeroPads, type EmittedValue } from './layer-emitters';
import { ints } from './onnx-model';
import { OnnxExportError } from './onnx-export-error';
import type { OnnxGraphBuilder } from './onnx-graph-builder';

/** The graph input's name: a batch of preprocessed images [batch, h, w, c]. */
export const ONNX_INPUT = 'images';

/** [h, w, c] of the model's one image input; anything else is refused. */
export function imageInputShape(model: tf.LayersModel): [number, number, number] {
  if (model.inputs.length !== 1) throw new OnnxExportError(model.name, `has ${model.inputs.length} inputs; a classifier has one`);
  const shape = model.inputs[0]!.shape;
  const [, h, w, c] = shape;
  if (shape.length !== 4 || h == null || w == null || c == null) throw new OnnxExportError(model.name, `takes [${shape.join(', ')}]; expected [batch, h, w, c]`);
  return [h, w, c];
}

/** Ids of every symbolic tensor that `wanted` is computed from, `wanted` included. */
function neededTensors(wanted: readonly tf.SymbolicTensor[]): Set<number> {
  const needed = new Set<number>();
  const pending = [...wanted];
  while (pending.length > 0) {
    const t = pending.pop()!;
    if (needed.has(t.id)) continue;
    needed.add(t.id);
    if (t.sourceLayer.getClassName() === 'InputLayer') continue;
    const node = t.sourceLayer.inboundNodes[t.nodeIndex];
    if (node) pending.push(...node.inputTensors);
  }
  return needed;
}

/**
 * Emits what `wanted` needs into `g` (layers nothing wanted reads, such as inception's aux head for the logits, are
 * left out) and returns the value of each wanted tensor, pending zero padding applied.
 */
export function emitLayers(g: OnnxGraphBuilder, model: tf.LayersModel, wanted: readonly tf.SymbolicTensor[]): EmittedValue[] {
  imageInputShape(model);
  const input = model.inputs[0]!;
  const needed = neededTensors(wanted);
  const values = new Map<number, EmittedValue>(); // SymbolicTensor id -> value
  values.set(input.id, { name: g.node('Transpose', 'images#nchw', [ONNX_INPUT], { perm: ints([0, 3, 1, 2]) }), shape: input.shape });

  // model.layers is in topological order; each zoo layer is applied once in the model.
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const nodes = layer.inboundNodes;
    if (nodes.length !== 1) throw new OnnxExportError(layer.name, `is applied ${nodes.length} times; shared layers are not exported`);
    const node = nodes[0]!;
    if (node.outputTensors.length !== 1) throw new OnnxExportError(layer.name, 'has several outputs');
    const out = node.outputTensors[0]!;
    if (!needed.has(out.id)) continue;
    const className = layer.getClassName();
    const inputs = node.inputTensors.map((t) => {
      const v = values.get(t.id);
      if (!v) throw new OnnxExportError(layer.name, `reads ${t.name} before it is computed`);
      return v;
    });
    const config = layer.getConfig() as Record<string, unknown>;
    if (className === 'ZeroPadding2D') {
      values.set(out.id, { name: inputs[0]!.name, shape: out.shape, zeroPads: zeroPads(layer, config, inputs[0]!) });
      continue;
    }
    const emit = LAYER_EMITTERS[className];
    if (!emit) throw new OnnxExportError(layer.name, `is a ${className}, which the ONNX export does not map`);
    if (className === 'MaxPooling2D' && inputs.some((v) => v.zeroPads)) {
      // onnxruntime 1.30's Pad fusion folds a Pad into MaxPool's pads, which pool as -inf: the zeros would be lost.
      throw new OnnxExportError(layer.name, `max-pools zero padding (${inputs.find((v) => v.zeroPads)!.zeroPads!.layer}), which ONNX Runtime's Pad fusion computes wrongly`);
    }
    // A padded value is padded once for all its other readers.
    const ready = TAKES_ZERO_PADS.has(className) ? inputs : inputs.map((v, i) => values.set(node.inputTensors[i]!.id, applyZeroPads(g, v)).get(node.inputTensors[i]!.id)!);
    values.set(out.id, { name: emit({ g, layer, config, inputs: ready, outputShape: out.shape }), shape: out.shape });
  }

  return wanted.map((t) => {
    const found = values.get(t.id);
    if (!found) throw new OnnxExportError(model.name, `never computes ${t.name}`);
    return applyZeroPads(g, found);
  });
}
