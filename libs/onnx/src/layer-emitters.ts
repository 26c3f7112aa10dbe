// One ONNX emitter per tfjs layer class of the zoo. Rank-4 values are NCHW inside the graph; TF 'same' padding,
// which puts the odd pixel at the bottom/right, becomes explicit asymmetric pads.
import * as tf from '@tensorflow/tfjs';
import { float, int, ints, type OnnxAttribute } from './onnx-model';
import { OnnxExportError } from './onnx-export-error';
import type { OnnxGraphBuilder } from './onnx-graph-builder';

/** A value of the graph: its ONNX name and its tfjs (channels-last) shape, batch null. */
export interface EmittedValue {
  name: string;
  shape: (number | null)[];
  /**
   * Zero padding [top, left, bottom, right] a ZeroPadding2D layer put on `name`, not yet applied: a convolution
   * takes it into its own pads (resnet's conv2d_same); any other reader gets a Pad node first.
   */
  zeroPads?: { layer: string; pads: number[] };
}

export interface LayerContext {
  g: OnnxGraphBuilder;
  layer: tf.layers.Layer;
  config: Record<string, unknown>;
  inputs: EmittedValue[];
  /** The tfjs output shape of the layer. */
  outputShape: (number | null)[];
}

export type LayerEmitter = (ctx: LayerContext) => string;

const NCHW_TO_NHWC = [0, 2, 3, 1];
const NHWC_TO_NCHW = [0, 3, 1, 2];

function pair(v: unknown, what: string, layer: string): [number, number] {
  const p = typeof v === 'number' ? [v, v] : (v as number[]);
  if (!Array.isArray(p) || p.length !== 2) throw new OnnxExportError(layer, `has ${what} ${JSON.stringify(v)}, not two numbers`);
  return [p[0]!, p[1]!];
}

function spatial(shape: (number | null)[], layer: string): [number, number] {
  const [, h, w] = shape;
  if (shape.length !== 4 || h == null || w == null) throw new OnnxExportError(layer, `needs a fixed [batch, h, w, c] input, not [${shape.join(', ')}]`);
  return [h, w];
}

/** ONNX pads [top, left, bottom, right] reproducing TF's 'same' or 'valid'. */
export function tfPads(padding: unknown, input: [number, number], kernel: [number, number], strides: [number, number], dilations: [number, number] = [1, 1]): number[] {
  if (padding === 'valid') return [0, 0, 0, 0];
  const begin: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < 2; i++) {
    const out = Math.ceil(input[i]! / strides[i]!);
    const total = Math.max((out - 1) * strides[i]! + (kernel[i]! - 1) * dilations[i]! + 1 - input[i]!, 0);
    begin.push(Math.floor(total / 2));
    end.push(total - Math.floor(total / 2));
  }
  return [...begin, ...end];
}

function weights(layer: tf.layers.Layer): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const w of layer.weights) out[w.originalName.slice(w.originalName.lastIndexOf('/') + 1)] = w.read();
  return out;
}

/** A weight's values, its axes reordered by `perm` (rank 4). Plain loops: tfjs's transpose of VGG's fc6 takes seconds. */
function floatsOf(t: tf.Tensor, perm?: number[]): Float32Array {
  const data = t.dataSync() as Float32Array;
  if (!perm) return data;
  const dims = t.shape as number[];
  const strides = [dims[1]! * dims[2]! * dims[3]!, dims[2]! * dims[3]!, dims[3]!, 1];
  const [d0, d1, d2, d3] = perm.map((p) => dims[p]!) as [number, number, number, number];
  const [s0, s1, s2, s3] = perm.map((p) => strides[p]!) as [number, number, number, number];
  const out = new Float32Array(data.length);
  let k = 0;
  for (let a = 0; a < d0; a++) {
    for (let b = 0; b < d1; b++) {
      for (let c = 0; c < d2; c++) {
        const base = a * s0 + b * s1 + c * s2;
        for (let d = 0; d < d3; d++) out[k++] = data[base + d * s3]!;
      }
    }
  }
  return out;
}

/** Whether `activation` is the identity. */
const isLinear = (activation: unknown) => (activation ?? 'linear') === 'linear';

/** Applies an activation to `x`; the result is named after the layer (linear: an Identity only when `x` is not). */
function activate(ctx: LayerContext, x: string, activation: unknown, rank: number): string {
  const output = ctx.layer.name;
  const g = ctx.g;
  switch (activation ?? 'linear') {
    case 'linear':
      return x === output ? x : g.node('Identity', output, [x]);
    case 'relu':
      return g.node('Relu', output, [x]);
    case 'relu6':
      return g.node('Clip', output, [x, g.scalar(0), g.scalar(6)]);
    case 'sigmoid':
      return g.node('Sigmoid', output, [x]);
    case 'tanh':
      return g.node('Tanh', output, [x]);
    case 'softmax':
      return g.node('Softmax', output, [x], { axis: int(rank === 4 ? 1 : -1) });
    default:
      throw new OnnxExportError(ctx.layer.name, `has activation ${String(activation)}, which the ONNX export does not map`);
  }
}

/** The name of a layer's main op: the layer's own when nothing follows it, else an intermediate. */
const mainOutput = (ctx: LayerContext, activation: unknown) => (isLinear(activation) ? ctx.layer.name : `${ctx.layer.name}#${ctx.layer.getClassName()}`);

/** The ONNX axis of a channels-last tfjs axis (-1 or 3 are channels, axis 1 in NCHW). */
function channelAxis(ctx: LayerContext, axis: unknown, rank: number): number {
  const a = Array.isArray(axis) && axis.length === 1 ? axis[0] : axis;
  if (a === -1 || a === rank - 1) return rank === 4 ? 1 : rank - 1;
  throw new OnnxExportError(ctx.layer.name, `works on axis ${JSON.stringify(axis)}; only the channel axis is exported`);
}

function conv(ctx: LayerContext, depthwise: boolean): string {
  const { g, layer, config } = ctx;
  const input = ctx.inputs[0]!;
  const w = weights(layer);
  const kernel = depthwise ? w.depthwise_kernel : w.kernel;
  if (!kernel) throw new OnnxExportError(layer.name, 'has no kernel');
  if ((config.dataFormat ?? 'channelsLast') !== 'channelsLast') throw new OnnxExportError(layer.name, 'is channels_first');
  const [kh, kw, cin, cout] = kernel.shape as number[];
  const strides = pair(config.strides ?? 1, 'strides', layer.name);
  const dilations = pair(config.dilationRate ?? 1, 'dilationRate', layer.name);
  const attributes: Record<string, OnnxAttribute> = {
    kernel_shape: ints([kh!, kw!]),
    strides: ints(strides),
    dilations: ints(dilations),
    pads: ints(tfPads(config.padding, spatial(input.shape, layer.name), [kh!, kw!], strides, dilations).map((p, i) => p + (input.zeroPads?.pads[i] ?? 0))),
    group: int(depthwise ? cin! : 1),
  };
  // tfjs kernels are [h, w, in, out] (depthwise: [h, w, in, multiplier], output channel in·m + k); ONNX wants [out, in/group, h, w].
  const dims = depthwise ? [cin! * cout!, 1, kh!, kw!] : [cout!, cin!, kh!, kw!];
  const inputs = [input.name, g.floats(`${layer.name}/weights`, dims, floatsOf(kernel, depthwise ? [2, 3, 0, 1] : [3, 2, 0, 1]))];
  if (w.bias) inputs.push(g.floats(`${layer.name}/biases`, [w.bias.shape[0]!], floatsOf(w.bias)));
  return activate(ctx, g.node('Conv', mainOutput(ctx, config.activation), inputs, attributes), config.activation, 4);
}

function pool(op: 'MaxPool' | 'AveragePool'): LayerEmitter {
  return (ctx) => {
    const { config, layer } = ctx;
    const input = ctx.inputs[0]!;
    const kernel = pair(config.poolSize, 'poolSize', layer.name);
    const strides = pair(config.strides ?? config.poolSize, 'strides', layer.name);
    // count_include_pad stays 0: TF's 'same' average pool divides by the pixels inside the image, as ONNX then does.
    const pads = tfPads(config.padding, spatial(input.shape, layer.name), kernel, strides);
    return ctx.g.node(op, layer.name, [input.name], { kernel_shape: ints(kernel), strides: ints(strides), pads: ints(pads) });
  };
}

/** Any change of shape: through channels-last order, so tfjs's row-major meaning is kept. */
function reshapeTo(ctx: LayerContext, input: EmittedValue, target: (number | null)[]): string {
  const { g, layer } = ctx;
  const from = input.shape;
  const unitSpatial = (s: (number | null)[]) => s.length === 4 && s[1] === 1 && s[2] === 1;
  if (from.length === 4 && target.length === 2 && unitSpatial(from)) return g.node('Flatten', layer.name, [input.name], { axis: int(1) });
  if (from.length === 2 && target.length === 4 && unitSpatial(target)) {
    return g.node('Reshape', layer.name, [input.name, g.int64s(`${layer.name}/shape`, [0, target[3]!, 1, 1])]);
  }
  let x = input.name;
  if (from.length === 4) x = g.node('Transpose', `${layer.name}#to_nhwc`, [x], { perm: ints(NCHW_TO_NHWC) });
  // 0 copies the batch dimension (opset 13's Reshape), which shape inference follows; -1 would make it a new unknown.
  const shape = [0, ...target.slice(1).map((d) => d ?? -1)];
  if (shape.includes(-1)) throw new OnnxExportError(layer.name, `reshapes to [${target.join(', ')}] with more than the batch unknown`);
  if (target.length !== 4) return g.node('Reshape', layer.name, [x, g.int64s(`${layer.name}/shape`, shape)]);
  x = g.node('Reshape', `${layer.name}#nhwc`, [x, g.int64s(`${layer.name}/shape`, shape)]);
  return g.node('Transpose', layer.name, [x], { perm: ints(NHWC_TO_NCHW) });
}

const passThrough: LayerEmitter = (ctx) => ctx.inputs[0]!.name;

/** Layers whose emitter applies an input's pending zero padding itself. */
export const TAKES_ZERO_PADS = new Set(['Conv2D', 'DepthwiseConv2D']);

/** ZeroPadding2D's [top, left, bottom, right], added to what `input` already carries. */
export function zeroPads(layer: tf.layers.Layer, config: Record<string, unknown>, input: EmittedValue): EmittedValue['zeroPads'] {
  const [[top, bottom], [left, right]] = config.padding as [[number, number], [number, number]];
  const before = input.zeroPads?.pads ?? [0, 0, 0, 0];
  return { layer: layer.name, pads: [top, left, bottom, right].map((p, i) => p + before[i]!) };
}

/**
 * `value` with its pending zero padding applied by a Pad node. Its batch dimension then leaves onnx's shape
 * inference (a symbol plus 0 becomes a new symbol), which is why convolutions take the pads instead.
 */
export function applyZeroPads(g: OnnxGraphBuilder, value: EmittedValue): EmittedValue {
  if (!value.zeroPads) return value;
  const [top, left, bottom, right] = value.zeroPads.pads;
  const pads = g.int64s(`${value.zeroPads.layer}/pads`, [0, 0, top!, left!, 0, 0, bottom!, right!]);
  return { name: g.node('Pad', value.zeroPads.layer, [value.name, pads]), shape: value.shape };
}

export const LAYER_EMITTERS: Record<string, LayerEmitter> = {
  Conv2D: (ctx) => conv(ctx, false),
  DepthwiseConv2D: (ctx) => conv(ctx, true),
  BatchNormalization: (ctx) => {
    const { g, layer, config } = ctx;
    const input = ctx.inputs[0]!;
    const rank = input.shape.length;
    if (channelAxis(ctx, config.axis, rank) !== 1) throw new OnnxExportError(layer.name, 'normalizes a non-channel axis');
    const w = weights(layer);
    const channels = w.moving_mean!.shape[0]!;
    const ones = new Float32Array(channels).fill(1);
    const v = (key: string, fallback: Float32Array) => g.floats(`${layer.name}/${key}`, [channels], w[key] ? floatsOf(w[key]) : fallback);
    const inputs = [input.name, v('gamma', ones), v('beta', new Float32Array(channels)), v('moving_mean', ones), v('moving_variance', ones)];
    return g.node('BatchNormalization', layer.name, inputs, { epsilon: float(Number(config.epsilon)) });
  },
  Dense: (ctx) => {
    const { g, layer, config } = ctx;
    const input = ctx.inputs[0]!;
    if (input.shape.length !== 2) throw new OnnxExportError(layer.name, `is a Dense layer on a rank-${input.shape.length} input`);
    const w = weights(layer);
    const [cin, cout] = w.kernel!.shape as number[];
    const inputs = [input.name, g.floats(`${layer.name}/weights`, [cin!, cout!], floatsOf(w.kernel!))];
    if (w.bias) inputs.push(g.floats(`${layer.name}/biases`, [cout!], floatsOf(w.bias)));
    return activate(ctx, g.node('Gemm', mainOutput(ctx, config.activation), inputs), config.activation, 2);
  },
  // A linear Activation, like Dropout, adds no node: its readers read its input.
  Activation: (ctx) => (isLinear(ctx.config.activation) ? ctx.inputs[0]!.name : activate(ctx, ctx.inputs[0]!.name, ctx.config.activation, ctx.inputs[0]!.shape.length)),
  ReLU: (ctx) => {
    if (ctx.config.maxValue != null && ctx.config.maxValue !== 6) throw new OnnxExportError(ctx.layer.name, `caps at ${String(ctx.config.maxValue)}`);
    return activate(ctx, ctx.inputs[0]!.name, ctx.config.maxValue === 6 ? 'relu6' : 'relu', 4);
  },
  Softmax: (ctx) => {
    const rank = ctx.inputs[0]!.shape.length;
    return ctx.g.node('Softmax', ctx.layer.name, [ctx.inputs[0]!.name], { axis: int(channelAxis(ctx, ctx.config.axis ?? -1, rank)) });
  },
  MaxPooling2D: pool('MaxPool'),
  AveragePooling2D: pool('AveragePool'),
  GlobalAveragePooling2D: (ctx) => {
    const pooled = ctx.g.node('GlobalAveragePool', `${ctx.layer.name}#GlobalAveragePool`, [ctx.inputs[0]!.name]);
    return ctx.g.node('Flatten', ctx.layer.name, [pooled], { axis: int(1) });
  },
  Concatenate: (ctx) => {
    const rank = ctx.inputs[0]!.shape.length;
    return ctx.g.node('Concat', ctx.layer.name, ctx.inputs.map((i) => i.name), { axis: int(channelAxis(ctx, ctx.config.axis ?? -1, rank)) });
  },
  Add: (ctx) => ctx.g.node(ctx.inputs.length === 2 ? 'Add' : 'Sum', ctx.layer.name, ctx.inputs.map((i) => i.name)),
  Dropout: passThrough,
  Flatten: (ctx) => reshapeTo(ctx, ctx.inputs[0]!, ctx.outputShape),
  Reshape: (ctx) => {
    const input = ctx.inputs[0]!;
    if (JSON.stringify(input.shape) === JSON.stringify(ctx.outputShape)) return input.name;
    return reshapeTo(ctx, input, ctx.outputShape);
  },
};
