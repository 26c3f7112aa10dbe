// The frozen prefix of a net as an ONNX graph: images in, the tensors a trainable part reads out (channels last, as
// TF.js holds them), so ONNX Runtime computes the features a head-only or deeper-only job caches.
import type * as tf from '@tensorflow/tfjs';
import { emitLayers, imageInputShape, ONNX_INPUT } from './emit-layers';
import { ints, type OnnxModel } from './onnx-model';
import { OnnxExportError } from './onnx-export-error';
import { OnnxGraphBuilder } from './onnx-graph-builder';
import { ONNX_BATCH, ONNX_OPSET } from './layers-to-onnx';

/** The name of output `i`: the i-th tensor asked for. */
export const featureOutput = (i: number) => `features/${i}`;

/**
 * The ONNX model computing `tensors` of `model` (symbolic tensors of it, e.g. a split's boundary) from its image
 * input, in inference mode: batch norms on their moving statistics, dropout off. Only the layers they need are in it.
 */
export function featuresToOnnx(model: tf.LayersModel, tensors: readonly tf.SymbolicTensor[], name: string): OnnxModel {
  const [h, w, c] = imageInputShape(model);
  const g = new OnnxGraphBuilder();
  const values = emitLayers(g, model, tensors);
  const outputs = values.map((v, i) => {
    const shape = v.shape.slice(1);
    if (shape.some((d) => d == null)) throw new OnnxExportError(tensors[i]!.name, `has shape [${v.shape.join(', ')}]; features need a fixed shape`);
    if (shape.length !== 1 && shape.length !== 3) throw new OnnxExportError(tensors[i]!.name, `is rank ${v.shape.length}; features are [batch, c] or [batch, h, w, c]`);
    // Rank-4 values are NCHW inside the graph; the cache holds them as TF.js does.
    const out = shape.length === 3 ? g.node('Transpose', featureOutput(i), [v.name], { perm: ints([0, 2, 3, 1]) }) : g.node('Identity', featureOutput(i), [v.name]);
    return { name: out, shape: [ONNX_BATCH, ...(shape as number[])] };
  });
  return {
    graph: { name, nodes: g.nodes, initializers: g.initializers, inputs: [{ name: ONNX_INPUT, shape: [ONNX_BATCH, h, w, c] }], outputs },
    opset: ONNX_OPSET,
    producerName: 'finetune',
    producerVersion: '',
    docString: `${name}: features of input ${ONNX_INPUT} [batch, ${h}, ${w}, ${c}]`,
    metadata: {},
  };
}
