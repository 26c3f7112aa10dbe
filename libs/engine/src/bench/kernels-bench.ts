// Micro-benchmark: each kernel Finetune adds to wasm against the forward convolution of the same shape.
import { Conv2D, Conv2DBackpropFilter, DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropFilter, DepthwiseConv2dNativeBackpropInput, backend_util, engine, getBackend, randomUniform, tidy } from '@tensorflow/tfjs-core';
import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';

/** One convolution shape, named after where it occurs in MobileNetV2 (batch 16, 224x224). */
export interface BenchCase {
  label: string;
  depthwise: boolean;
  /** [batch, height, width, in channels] */
  input: [number, number, number, number];
  /** [height, width, in channels, out channels or channel multiplier] */
  filter: [number, number, number, number];
  stride: number;
  pad: 'same' | 'valid';
}

export interface BenchResult {
  kernel: string;
  label: string;
  /** Median milliseconds of the forward Conv2D / DepthwiseConv2dNative. */
  forwardMs: number;
  /** Median milliseconds of the gradient kernel. */
  kernelMs: number;
  /** kernelMs / forwardMs */
  ratio: number;
}

export interface BenchOptions {
  /**
   * Timed runs per kernel after one warm-up run; the median is reported.
   * @default 5
   */
  repeats: number;
  /** @default MOBILENET_V2_CASES */
  cases: readonly BenchCase[];
}

export const MOBILENET_V2_CASES: readonly BenchCase[] = [
  { label: 'Conv1 3x3/2 224x224x3->32', depthwise: false, input: [16, 224, 224, 3], filter: [3, 3, 3, 32], stride: 2, pad: 'same' },
  { label: 'expand 1x1 56x56x24->144', depthwise: false, input: [16, 56, 56, 24], filter: [1, 1, 24, 144], stride: 1, pad: 'same' },
  { label: 'project 1x1 28x28x192->32', depthwise: false, input: [16, 28, 28, 192], filter: [1, 1, 192, 32], stride: 1, pad: 'same' },
  { label: 'dense 3x3 56x56x64->64', depthwise: false, input: [16, 56, 56, 64], filter: [3, 3, 64, 64], stride: 1, pad: 'same' },
  { label: 'dw 3x3/1 112x112x32', depthwise: true, input: [16, 112, 112, 32], filter: [3, 3, 32, 1], stride: 1, pad: 'same' },
  { label: 'dw 3x3/2 112x112x96', depthwise: true, input: [16, 112, 112, 96], filter: [3, 3, 96, 1], stride: 2, pad: 'same' },
  { label: 'dw 3x3/1 14x14x576', depthwise: true, input: [16, 14, 14, 576], filter: [3, 3, 576, 1], stride: 1, pad: 'same' },
];

export function defaultBenchOptions(): BenchOptions {
  return { repeats: 5, cases: MOBILENET_V2_CASES };
}

/** Times every case on wasm (forcing it through initBackend) and returns one row per gradient kernel. */
export async function benchKernels(options: Partial<BenchOptions> = {}): Promise<BenchResult[]> {
  const { repeats, cases } = { ...defaultBenchOptions(), ...options };
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
  if (getBackend() !== 'wasm') throw new Error(`benchKernels needs the wasm backend, the active one is ${getBackend()}`);
  const results: BenchResult[] = [];
  for (const c of cases) {
    const info = backend_util.computeConv2DInfo(c.input, c.filter, c.stride, 1, c.pad, undefined, c.depthwise);
    const x = randomUniform(c.input, -1, 1);
    const filter = randomUniform(c.filter, -1, 1);
    const dy = randomUniform([info.batchSize, info.outHeight, info.outWidth, info.outChannels], -1, 1);
    const convAttrs: NamedAttrMap = { strides: c.stride, pad: c.pad, dilations: 1, dataFormat: 'NHWC' };
    const forwardMs = timeKernel(c.depthwise ? DepthwiseConv2dNative : Conv2D, { x, filter }, convAttrs, repeats);
    const gradients: [string, Record<string, Tensor>, NamedAttrMap][] = c.depthwise
      ? [
        [DepthwiseConv2dNativeBackpropFilter, { x, dy }, { ...convAttrs, filterShape: c.filter }],
        [DepthwiseConv2dNativeBackpropInput, { dy, filter }, { ...convAttrs, inputShape: c.input }],
      ]
      : [[Conv2DBackpropFilter, { x, dy }, { ...convAttrs, filterShape: c.filter }]];
    for (const [kernel, inputs, attrs] of gradients) {
      const kernelMs = timeKernel(kernel, inputs, attrs, repeats);
      results.push({ kernel, label: c.label, forwardMs, kernelMs, ratio: kernelMs / forwardMs });
    }
    x.dispose();
    filter.dispose();
    dy.dispose();
  }
  return results;
}

function timeKernel(kernel: string, inputs: Record<string, Tensor>, attrs: NamedAttrMap, repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i <= repeats; i++) {
    const start = performance.now();
    // Reading one value forces completion on any backend; wasm kernels are synchronous anyway.
    tidy(() => {
      const out = engine().runKernel(kernel, inputs, attrs);
      (Array.isArray(out) ? out[0] : out)?.dataSync();
    });
    if (i > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
