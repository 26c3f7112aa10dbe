// Walks a tfjs layers model (a zoo net, batch norms folded or not) and builds the equivalent ONNX model:
// NHWC float input as TF.js takes it, a transpose to NCHW inside, outputs `logits` and `probabilities`.
import * as tf from '@tensorflow/tfjs';
import { applyZeroPads, LAYER_EMITTERS, TAKES_ZERO_PADS, zeroPads, type EmittedValue } from './layer-emitters';
import { int, ints, type OnnxModel } from './onnx-model';
import { OnnxExportError } from './onnx-export-error';
import { OnnxGraphBuilder } from './onnx-graph-builder';

/** Opset 13: Softmax over one axis, Clip with tensor bounds, Pad with tensor pads; ORT and onnx 1.12 both know it. */
export const ONNX_OPSET = 13;
export const ONNX_INPUT = 'images';
export const ONNX_LOGITS = 'logits';
export const ONNX_PROBABILITIES = 'probabilities';
/** The symbolic batch dimension of the input and outputs. */
export const ONNX_BATCH = 'batch';

export interface LayersToOnnxOptions {
  /** Graph name, e.g. the served model name. */
  name: string;
  /** Recorded as metadata_props: preprocessing, labels, image size — what the graph itself leaves outside. */
  metadata?: Record<string, string>;
  producerVersion?: string;
}

/** The ONNX model of a single-input layers model whose first output is the logits [batch, classes]. */
export function layersToOnnx(model: tf.LayersModel, options: LayersToOnnxOptions): OnnxModel {
  if (model.inputs.length !== 1) throw new OnnxExportError(model.name, `has ${model.inputs.length} inputs; a classifier has one`);
  const input = model.inputs[0]!;
  const [, h, w, c] = input.shape;
  if (input.shape.length !== 4 || h == null || w == null || c == null) throw new OnnxExportError(model.name, `takes [${input.shape.join(', ')}]; expected [batch, h, w, c]`);
  const logits = model.outputs[0]!;
  if (logits.shape.length !== 2 || logits.shape[1] == null) throw new OnnxExportError(model.name, `outputs [${logits.shape.join(', ')}] first; expected logits [batch, classes]`);

  const g = new OnnxGraphBuilder();
  const values = new Map<number, EmittedValue>(); // SymbolicTensor id -> value
  values.set(input.id, { name: g.node('Transpose', 'images#nchw', [ONNX_INPUT], { perm: ints([0, 3, 1, 2]) }), shape: input.shape });

  // model.layers is in topological order; each zoo layer is applied once in the model.
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const nodes = layer.inboundNodes;
    if (nodes.length !== 1) throw new OnnxExportError(layer.name, `is applied ${nodes.length} times; shared layers are not exported`);
    const node = nodes[0]!;
    if (node.outputTensors.length !== 1) throw new OnnxExportError(layer.name, 'has several outputs');
    const className = layer.getClassName();
    const inputs = node.inputTensors.map((t) => {
      const v = values.get(t.id);
      if (!v) throw new OnnxExportError(layer.name, `reads ${t.name} before it is computed`);
      return v;
    });
    const out = node.outputTensors[0]!;
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

  const found = values.get(logits.id);
  const result = found && applyZeroPads(g, found);
  if (!result) throw new OnnxExportError(model.name, 'never computes its output');
  g.node('Identity', ONNX_LOGITS, [result.name]);
  g.node('Softmax', ONNX_PROBABILITIES, [ONNX_LOGITS], { axis: int(1) });
  const classes = logits.shape[1];
  return {
    graph: {
      name: options.name,
      nodes: g.nodes,
      initializers: g.initializers,
      inputs: [{ name: ONNX_INPUT, shape: [ONNX_BATCH, h, w, c] }],
      outputs: [
        { name: ONNX_LOGITS, shape: [ONNX_BATCH, classes] },
        { name: ONNX_PROBABILITIES, shape: [ONNX_BATCH, classes] },
      ],
    },
    opset: ONNX_OPSET,
    producerName: 'finetune',
    producerVersion: options.producerVersion ?? '',
    docString: `${options.name}: input ${ONNX_INPUT} [batch, ${h}, ${w}, ${c}] float, preprocessed as metadata_props.preprocessing says`,
    metadata: options.metadata ?? {},
  };
}
