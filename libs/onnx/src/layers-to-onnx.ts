// Walks a tfjs layers model (a zoo net, batch norms folded or not) and builds the equivalent ONNX model:
// NHWC float input as TF.js takes it, a transpose to NCHW inside, outputs `logits` and `probabilities`.
import type * as tf from '@tensorflow/tfjs';
import { emitLayers, imageInputShape, ONNX_INPUT } from './emit-layers';
import { int, type OnnxModel } from './onnx-model';
import { OnnxExportError } from './onnx-export-error';
import { OnnxGraphBuilder } from './onnx-graph-builder';

/** Opset 13: Softmax over one axis, Clip with tensor bounds, Pad with tensor pads; ORT and onnx 1.12 both know it. */
export const ONNX_OPSET = 13;
export { ONNX_INPUT };
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
  const [h, w, c] = imageInputShape(model);
  const logits = model.outputs[0]!;
  if (logits.shape.length !== 2 || logits.shape[1] == null) throw new OnnxExportError(model.name, `outputs [${logits.shape.join(', ')}] first; expected logits [batch, classes]`);

  const g = new OnnxGraphBuilder();
  const [result] = emitLayers(g, model, [logits]);
  g.node('Identity', ONNX_LOGITS, [result!.name]);
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
